package decl

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/rng"
)

// moments draws n values of f and returns their mean and variance.
func moments(n int, f func(x uint64) float64) (mean, variance float64) {
	key := rng.Key(1, 2)
	var s, s2 float64
	for i := range n {
		v := f(rng.At(key, uint64(i)))
		s += v
		s2 += v * v
	}
	mean = s / float64(n)
	return mean, s2/float64(n) - mean*mean
}

func TestSamplers(t *testing.T) {
	const n = 200_000
	for _, c := range []struct {
		name     string
		f        func(uint64) float64
		mean, sd float64
	}{
		{"uniform", func(x uint64) float64 { return Uniform(x, 2, 6) }, 4, 4 / math.Sqrt(12)},
		{"normal", func(x uint64) float64 { return Normal(x, 10, 3) }, 10, 3},
		{"lognormal", func(x uint64) float64 { return LogNormal(x, 0, 0.5) }, math.Exp(0.125), math.Sqrt((math.Exp(0.25) - 1) * math.Exp(0.25))},
		{"exponential", func(x uint64) float64 { return Exponential(x, 4) }, 4, 4},
		{"poisson small", NewPoisson(3.5).Draw, 3.5, math.Sqrt(3.5)},
		{"poisson large", NewPoisson(400).Draw, 400, 20},
		{"poisson tiny", NewPoisson(0.05).Draw, 0.05, math.Sqrt(0.05)},
	} {
		m, v := moments(n, c.f)
		se := c.sd / math.Sqrt(n)
		assert.InDelta(t, c.mean, m, 5*se, "%s mean", c.name)
		assert.InDelta(t, c.sd, math.Sqrt(v), 0.02*c.sd, "%s sd", c.name)
	}
}

// The continuous samplers match their distributions to the KS critical
// value at 0.1 % (n = 200,000): the shapes, not only the moments.
func TestSamplerShapes(t *testing.T) {
	const n = 200_000
	for _, c := range []struct {
		name string
		f    func(uint64) float64
		cdf  func(float64) float64
	}{
		{"normal", func(x uint64) float64 { return Normal(x, 10, 3) },
			func(v float64) float64 { return 0.5 * math.Erfc(-(v-10)/3/math.Sqrt2) }},
		{"lognormal", func(x uint64) float64 { return LogNormal(x, 6.5, 0.9) },
			func(v float64) float64 { return 0.5 * math.Erfc(-(math.Log(v)-6.5)/0.9/math.Sqrt2) }},
		{"exponential", func(x uint64) float64 { return Exponential(x, 30) },
			func(v float64) float64 { return -math.Expm1(-v / 30) }},
	} {
		key := rng.Key(13, 14)
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = c.f(rng.At(key, uint64(i)))
		}
		slices.Sort(xs)
		d := 0.0
		for i, v := range xs {
			p := c.cdf(v)
			d = max(d, math.Abs(p-float64(i)/n), math.Abs(float64(i+1)/n-p))
		}
		assert.Less(t, d, 1.95/math.Sqrt(n), c.name)
	}
}

func TestCategoricalAndZipf(t *testing.T) {
	const n = 200_000
	cat := NewCategorical([]float64{0.7, 0.2, 0.1})
	z := NewZipf(5, 1)
	var counts [3]int
	var ranks [6]int
	key := rng.Key(3, 4)
	for i := range n {
		counts[cat.Pick(rng.At(key, uint64(i)))]++
		ranks[int(z.Rank(rng.At(key+1, uint64(i))))]++
	}
	for i, w := range []float64{0.7, 0.2, 0.1} {
		assert.InDelta(t, w, float64(counts[i])/n, 0.005)
	}
	h := 1 + 1/2.0 + 1/3.0 + 1/4.0 + 1/5.0
	for r := 1; r <= 5; r++ {
		assert.InDelta(t, 1/float64(r)/h, float64(ranks[r])/n, 0.005, "rank %d", r)
	}
	assert.Zero(t, ranks[0])
}

func TestTimeParts(t *testing.T) {
	key := rng.Key(5, 6)
	for i := range 100_000 {
		// any instant from 1900 to 2100, negative times included
		us := int64(rng.Below(rng.At(key, uint64(i)), 200*365*86400e6)) - 70*365*86400e6
		tm := time.UnixMicro(us).UTC()
		require.Equal(t, int64(tm.Hour()), Hour(us), tm)
		require.Equal(t, int64(tm.Minute()), Minute(us), tm)
		require.Equal(t, int64(tm.Year()), Year(us), tm)
		require.Equal(t, int64(tm.Month()), Month(us), tm)
		require.Equal(t, int64(tm.Day()), Day(us), tm)
		wd := int64(tm.Weekday())
		if wd == 0 {
			wd = 7
		}
		require.Equal(t, wd, Weekday(us), tm)
		require.Equal(t, time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC).UnixMicro(), Date(us), tm)
	}
}

func TestReferenceData(t *testing.T) {
	assert.InDelta(t, 100, USD(100, "USD"), 1e-9)
	assert.True(t, KnownCurrency("EUR"))
	assert.Less(t, USD(100, "JPY"), 5.0)
	assert.True(t, math.IsNaN(USD(1, "XYZ")))
	assert.True(t, math.IsNaN(USD(1, "usd")))
	assert.True(t, KnownCountry("DE"))
	assert.False(t, KnownCountry("ZZ"))
	// 12:00 UTC is 21:00 in Japan (UTC+9) and 07:00 in Peru (UTC-5)
	noon := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC).UnixMicro()
	assert.Equal(t, int64(21), LocalHour(noon, "JP"))
	assert.Equal(t, int64(7), LocalHour(noon, "PE"))
}

func TestWordsAndArena(t *testing.T) {
	place, trade := WordList("place"), WordList("trade")
	require.Greater(t, len(place), 50)
	require.Greater(t, len(trade), 100)
	a := string(Words(nil, 42, place, trade))
	assert.Equal(t, a, string(Words(nil, 42, place, trade)), "a function of the key")
	assert.Len(t, strings.Fields(a), 2)

	ar := Arenas.Get()
	s1 := ar.Begin().S("T").D(7, 4, true).S("/").D(-3, 3, false).End()
	s2 := ar.Begin().F(2.5, 2).S("%").End()
	assert.Equal(t, "T0007/ -3", s1)
	assert.Equal(t, "2.50%", s2)
	assert.Equal(t, "", ar.Begin().End())
	Arenas.Put(ar)
}

func TestMisc(t *testing.T) {
	assert.Equal(t, int64(0), Mod(5, 0))
	assert.Equal(t, int64(2), Mod(5, 3))
	assert.Equal(t, int64(0), Int(math.NaN()))
	assert.Equal(t, int64(math.MaxInt64), Int(1e300))
	assert.Equal(t, int64(1234), Scaled(12.34, 2))
	assert.InDelta(t, 12.34, Unscaled(1234, 2), 1e-12)
	assert.Equal(t, 2.35, Round(2.345, 2))
	assert.Equal(t, 1.5, DaysBetween(0, 36*3600e6))
}

// BenchmarkCategorical is the kernel of a declared categorical column: one
// counter-based draw and one alias pick per row.
func BenchmarkCategorical(b *testing.B) {
	cat := NewCategorical([]float64{0.5, 0.3, 0.15, 0.05})
	out := make([]uint16, 65536)
	key := rng.Key(7, 8)
	for b.Loop() {
		for i := range out {
			out[i] = cat.Pick(rng.At(key, uint64(i)))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(out)), "ns/row")
}

// BenchmarkNormal is the kernel of a declared normal column.
func BenchmarkNormal(b *testing.B) {
	out := make([]float64, 65536)
	key := rng.Key(7, 8)
	for b.Loop() {
		for i := range out {
			out[i] = Clamp(Normal(rng.At(key, uint64(i)), 50, 10), 0, 100)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(out)), "ns/row")
}

// BenchmarkLogNormal is the kernel of a declared lognormal column.
func BenchmarkLogNormal(b *testing.B) {
	out := make([]float64, 65536)
	key := rng.Key(7, 8)
	for b.Loop() {
		for i := range out {
			out[i] = Clamp(LogNormal(rng.At(key, uint64(i)), 6.5, 0.9), 1, 9000)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(out)), "ns/row")
}

// Exp agrees with math.Exp to within 2 ulp over its whole table range and
// falls back to it outside.
func TestExp(t *testing.T) {
	key := rng.Key(9, 10)
	worst := 0.0
	check := func(y float64) {
		want, got := math.Exp(y), Exp(y)
		worst = max(worst, math.Abs(got-want)/want)
	}
	for i := range 2_000_000 {
		check(-708 + 1417*rng.Unit(rng.At(key, uint64(i)))) // the whole range
		check(-3 + 6*rng.Unit(rng.At(key+1, uint64(i))))    // where lognormals live
	}
	for k := -2000; k <= 2000; k++ { // table points and their neighbours
		y := float64(k) * math.Ln2 / expN
		check(y)
		check(math.Nextafter(y, 1e9))
		check(math.Nextafter(y, -1e9))
	}
	check(0)
	t.Logf("worst relative error %.3g", worst)
	assert.Less(t, worst, 4.5e-16, "relative error")
	assert.Equal(t, 1.0, Exp(0))
	assert.Equal(t, math.Exp(709.5), Exp(709.5))
	assert.Equal(t, math.Inf(1), Exp(1000))
	assert.Equal(t, 0.0, Exp(-1000))
	assert.True(t, math.IsNaN(Exp(math.NaN())))
}

// BenchmarkExp is the cost of Exp beside math.Exp.
func BenchmarkExp(b *testing.B) {
	in := make([]float64, 65536)
	for i := range in {
		in[i] = 6.5 + 0.9*rng.NormOf(rng.At(1, uint64(i)))
	}
	out := make([]float64, len(in))
	for _, c := range []struct {
		name string
		f    func(float64) float64
	}{{"decl", Exp}, {"math", math.Exp}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for i, y := range in {
					out[i] = c.f(y)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(in)), "ns/row")
		})
	}
}

// Arena.D formats like fmt's %0*d and %*d, for any value and width.
func TestArenaD(t *testing.T) {
	key := rng.Key(31, 32)
	ar := Arenas.Get()
	defer Arenas.Put(ar)
	vals := []int64{0, 1, -1, 9, 10, -10, 99, 100, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for i := range 20_000 {
		x := rng.At(key, uint64(i))
		vals = append(vals, int64(x)>>(x%64)) // all magnitudes, both signs
	}
	for _, v := range vals {
		for width := range 22 {
			require.Equal(t, fmt.Sprintf("%0*d", width, v), ar.Begin().D(v, width, true).End(), "%d width %d", v, width)
			require.Equal(t, fmt.Sprintf("%*d", width, v), ar.Begin().D(v, width, false).End(), "%d width %d", v, width)
		}
	}
}
