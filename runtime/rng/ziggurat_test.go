package rng

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// Every layer of a ziggurat has the same area, and the top one ends at f = 1.
func TestZigguratLayers(t *testing.T) {
	t.Parallel()
	for name, z := range map[string]*ziggurat{"normal": normalZig, "exp": expZig} {
		v := z.x[0] * z.fx[1] // bottom layer: x[0] * f(r)
		for i := 1; i < zigLayers; i++ {
			area := z.x[i] * (z.fx[i+1] - z.fx[i])
			require.InEpsilon(t, v, area, 1e-9, "%s layer %d", name, i)
		}
		require.Equal(t, 0.0, z.x[zigLayers], name)
		require.InDelta(t, 1.0, z.fx[zigLayers-1]+v/z.x[zigLayers-1], 1e-9, name)
	}
	require.InDelta(t, 3.4426198558966, normalZig.r, 1e-6) // Marsaglia and Tsang's r for 128 layers
}

// ks is the Kolmogorov-Smirnov distance between a sample and a CDF.
func ks(xs []float64, cdf func(float64) float64) float64 {
	slices.Sort(xs)
	d := 0.0
	n := float64(len(xs))
	for i, x := range xs {
		c := cdf(x)
		d = max(d, math.Abs(c-float64(i)/n), math.Abs(float64(i+1)/n-c))
	}
	return d
}

func sample(n int, draw func(*Stream) float64) []float64 {
	r := New(7)
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = draw(&r)
	}
	return xs
}

// The samplers match their distributions: KS distance, moments, and the
// far tails (the ziggurat's tail and wedge paths) at their exact rates.
func TestNormAndExpDistributions(t *testing.T) {
	t.Parallel()
	const n = 1_000_000
	checkNormal(t, sample(n, (*Stream).Norm))
	checkExp(t, sample(n, (*Stream).Exp))
}

// The counter-based samplers (one hashed value per variate, as declared
// columns draw) pass the same checks, and also in the slow paths alone.
func TestNormOfAndExpOfDistributions(t *testing.T) {
	t.Parallel()
	const n = 1_000_000
	checkNormal(t, sampleOf(n, NormOf))
	checkExp(t, sampleOf(n, ExpOf))
	// the wedge, tail and rejection paths: a chi-square over narrow bins
	// (about 1 % of the draws leave the layers' rectangles; a slow path that
	// always accepted or always redrew would misplace ~0.1-1 % of the mass)
	normCDF := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	expCDF := func(x float64) float64 { return -math.Expm1(-max(x, 0)) }
	require.Less(t, chiSquare(sampleOf(n, NormOf), normCDF, -5, 5, 400), 5.0)
	require.Less(t, chiSquare(sampleOf(n, ExpOf), expCDF, 0, 10, 400), 5.0)
}

// chiSquare is the chi-square statistic of xs over bins equal bins of
// [lo, hi) plus the two beyond, standardised: (X² - df)/sqrt(2 df), so a
// right sampler gives about N(0, 1) and a value above 5 is a failure.
func chiSquare(xs []float64, cdf func(float64) float64, lo, hi float64, bins int) float64 {
	counts := make([]float64, bins+2)
	w := (hi - lo) / float64(bins)
	for _, x := range xs {
		switch {
		case x < lo:
			counts[0]++
		case x >= hi:
			counts[bins+1]++
		default:
			counts[1+min(int((x-lo)/w), bins-1)]++
		}
	}
	n := float64(len(xs))
	x2, df := 0.0, -1.0
	for i, c := range counts {
		var p float64
		switch i {
		case 0:
			p = cdf(lo)
		case bins + 1:
			p = 1 - cdf(hi)
		default:
			a := lo + float64(i-1)*w
			p = cdf(a+w) - cdf(a)
		}
		if e := p * n; e >= 5 {
			x2 += (c - e) * (c - e) / e
			df++
		}
	}
	return (x2 - df) / math.Sqrt(2*df)
}

func checkNormal(t *testing.T, xs []float64) {
	t.Helper()
	n := float64(len(xs))
	crit := 1.95 / math.Sqrt(n) // KS critical value at 0.1 %
	mean, sq, tail, neg := 0.0, 0.0, 0, 0
	for _, x := range xs {
		mean += x
		sq += x * x
		if math.Abs(x) > 3.5 {
			tail++
		}
		if x < 0 {
			neg++
		}
	}
	require.InDelta(t, 0, mean/n, 0.005)
	require.InDelta(t, 1, sq/n, 0.005)
	require.InDelta(t, n/2, float64(neg), 4*math.Sqrt(n/4))
	p := math.Erfc(3.5 / math.Sqrt2) // P(|X| > 3.5), beyond r
	require.InDelta(t, p*n, float64(tail), 4*math.Sqrt(p*n))
	require.Less(t, ks(xs, func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }), crit)
}

func checkExp(t *testing.T, xs []float64) {
	t.Helper()
	n := float64(len(xs))
	crit := 1.95 / math.Sqrt(n)
	mean, tail := 0.0, 0
	for _, x := range xs {
		require.GreaterOrEqual(t, x, 0.0)
		mean += x
		if x > 8 {
			tail++
		}
	}
	require.InDelta(t, 1, mean/n, 0.005)
	p := math.Exp(-8)
	require.InDelta(t, p*n, float64(tail), 4*math.Sqrt(p*n))
	require.Less(t, ks(xs, func(x float64) float64 { return -math.Expm1(-x) }), crit)
}

// sampleOf draws n variates of f from consecutive counter-based values.
func sampleOf(n int, f func(uint64) float64) []float64 {
	key := Key(7, 8)
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = f(At(key, uint64(i)))
	}
	return xs
}

// BenchmarkNorm is the cost of one normal variate.
func BenchmarkNorm(b *testing.B) { benchmarkVariate(b, (*Stream).Norm) }

// BenchmarkExp is the cost of one exponential variate.
func BenchmarkExp(b *testing.B) { benchmarkVariate(b, (*Stream).Exp) }

func benchmarkVariate(b *testing.B, draw func(*Stream) float64) {
	r := New(1)
	s := 0.0
	b.ReportAllocs()
	for b.Loop() {
		s += draw(&r)
	}
	_ = s
}

// BenchmarkNormOf is the cost of one normal variate from a counter-based
// draw (At and NormOf), as a declared column draws it.
func BenchmarkNormOf(b *testing.B) { benchmarkOf(b, NormOf) }

// BenchmarkExpOf is the cost of one exponential variate from a
// counter-based draw (At and ExpOf).
func BenchmarkExpOf(b *testing.B) { benchmarkOf(b, ExpOf) }

func benchmarkOf(b *testing.B, f func(uint64) float64) {
	out := make([]float64, 65536)
	key := Key(7, 8)
	for b.Loop() {
		for i := range out {
			out[i] = f(At(key, uint64(i)))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(out)), "ns/row")
}
