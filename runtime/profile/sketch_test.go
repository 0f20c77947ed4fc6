package profile

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"

	"github.com/paygen/paygen/runtime/stats"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHLLWithinError(t *testing.T) {
	for _, n := range []int{10, 1000, 20000, 300000} {
		var h hll
		for i := range n {
			v := []byte("value-" + strconv.Itoa(i))
			h.add(hashBytes(v, 1))
			h.add(hashBytes(v, 1)) // repeats do not count
		}
		est := h.estimate()
		assert.InDelta(t, float64(n), est, 4*hllRelErr*float64(n)+1, "n=%d", n)
	}
	var empty hll
	assert.InDelta(t, 0, empty.estimate(), 1e-9)
}

func TestHLLMerge(t *testing.T) {
	var a, b, all hll
	for i := range 50000 {
		h := hashU64(uint64(i), 3)
		all.add(h)
		if i%2 == 0 {
			a.add(h)
		} else {
			b.add(h)
		}
	}
	a.merge(&b)
	assert.Equal(t, all.estimate(), a.estimate())
}

func TestLogHistQuantiles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var h logHist
	xs := make([]float64, 50000)
	for i := range xs {
		x := math.Exp(r.NormFloat64()*2) - 3 // negatives, positives, skew
		if i%1000 == 0 {
			x = 0
		}
		xs[i] = x
		h.add(x)
	}
	sort.Float64s(xs)
	for _, q := range []float64{0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1} {
		want := nearestRank(xs, q)
		got := h.quantile(q, xs[0], xs[len(xs)-1])
		assert.InDelta(t, want, got, lhRelErr*math.Abs(want)+1e-12, "q=%v", q)
	}
	// Buckets are ordered and bound their values.
	bs := h.buckets()
	for i := 1; i < len(bs); i++ {
		require.Less(t, bs[i-1].key, bs[i].key)
	}
	for _, v := range []float64{-1e300, -7.25, -1, -1e-300, 0, 1e-300, 1, 3.5, 1e300} {
		lo, hi := lhBounds(lhKey(v))
		assert.True(t, lo <= v && v <= hi, "%v in [%v, %v]", v, lo, hi)
		assert.LessOrEqual(t, math.Abs(lhMid(lhKey(v))-v), lhRelErr*math.Abs(v)*1.0000001, "%v", v)
	}
}

func TestMisraGriesGuarantee(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	m := newMisraGries(16)
	truth := map[string]uint64{}
	n := 20000
	for range n {
		var v string
		if r.IntN(4) == 0 { // heavy hitters: 5 values with 5 % each
			v = "heavy" + strconv.Itoa(r.IntN(5))
		} else {
			v = "x" + strconv.Itoa(r.IntN(100000))
		}
		truth[v]++
		m.add(hashBytes([]byte(v), 9), []byte(v))
	}
	bound := m.errBound()
	assert.EqualValues(t, n/17, bound)
	got := map[string]uint64{}
	for _, it := range m.items() {
		got[it.value] = it.count
		assert.LessOrEqual(t, it.count, truth[it.value])
		assert.GreaterOrEqual(t, it.count+bound, truth[it.value])
	}
	for v, c := range truth {
		if c > bound {
			assert.Contains(t, got, v, "every value above n/(k+1) is kept")
		}
	}
}

func TestHashSampleDuplicates(t *testing.T) {
	s := newHashSample(1000)
	for i := range 500 {
		s.add(hashU64(uint64(i), 1))
	}
	for i := range 40 {
		s.add(hashU64(uint64(i), 1))
	}
	d, exact := s.duplicates()
	assert.True(t, exact)
	assert.EqualValues(t, 40, d)

	// Beyond the capacity the count is sampled: 10 % duplicates of 200k.
	s = newHashSample(4096)
	for i := range 200000 {
		s.add(hashU64(uint64(i), 2))
		if i%10 == 0 {
			s.add(hashU64(uint64(i), 2))
		}
	}
	d, exact = s.duplicates()
	assert.False(t, exact)
	assert.InEpsilon(t, 20000, d, 0.15)
}

func TestMomentsMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	xs := make([]float64, 10001)
	for i := range xs {
		xs[i] = 1e6 + math.Exp(r.NormFloat64())
	}
	var m moments
	for i := 0; i < len(xs); i += 333 {
		m.addBatch(xs[i:min(i+333, len(xs))])
	}
	n := float64(len(xs))
	mean, std := meanStd(xs)
	var m2, m3, m4 float64
	for _, x := range xs {
		d := x - mean
		m2 += d * d
		m3 += d * d * d
		m4 += d * d * d * d
	}
	g1 := math.Sqrt(n) * m3 / math.Pow(m2, 1.5)
	skew := g1 * math.Sqrt(n*(n-1)) / (n - 2)
	g2 := n*m4/(m2*m2) - 3
	kurt := (n - 1) / ((n - 2) * (n - 3)) * ((n+1)*g2 + 6)
	assert.InEpsilon(t, mean, m.mean, 1e-14)
	assert.InEpsilon(t, std, m.std(), 1e-9)
	assert.InEpsilon(t, skew, m.skewness(), 1e-6)
	assert.InEpsilon(t, kurt, m.kurtosis(), 1e-6)
}

func TestWilsonKnownValues(t *testing.T) {
	for _, c := range []struct{ k, n int64 }{{0, 10}, {5, 10}, {10, 10}, {3, 1000}, {600, 200000}} {
		lo, hi := stats.Wilson(c.k, c.n)
		wl, wh := wilsonRef(c.k, c.n)
		assert.InDelta(t, wl, lo, 1e-12)
		assert.InDelta(t, wh, hi, 1e-12)
	}
	// Published values for 5 of 10: 0.2366 – 0.7634.
	lo, hi := stats.Wilson(5, 10)
	assert.InDelta(t, 0.2366, lo, 1e-4)
	assert.InDelta(t, 0.7634, hi, 1e-4)
}

func TestAUCOfGroupsHandCase(t *testing.T) {
	// Scores: positives 0.9, 0.4; negatives 0.5, 0.4, 0.1.
	// Pairs: 0.9 beats all 3 (3); 0.4 beats 0.1 (1), ties 0.4 (½), loses to 0.5.
	// U = 4.5 of 6 pairs → 0.75.
	gs := []stats.Group{{Pos: 0, Neg: 1}, {Pos: 1, Neg: 1}, {Pos: 0, Neg: 1}, {Pos: 1, Neg: 0}} // 0.1, 0.4, 0.5, 0.9
	auc, tie, ok := stats.GroupAUC(gs)
	require.True(t, ok)
	assert.InDelta(t, 0.75, auc, 1e-15)
	assert.InDelta(t, 0.5/6, tie, 1e-15)
	_, _, ok = stats.GroupAUC([]stats.Group{{Pos: 0, Neg: 3}})
	assert.False(t, ok, "no positives, no AUC")
	l, ok := liftTop([]stats.Group{{Pos: 0, Neg: 90}, {Pos: 10, Neg: 0}}, 0.1)
	require.True(t, ok)
	assert.InDelta(t, 10, l, 1e-12, "the top 10 % holds every fraud: lift = 1/0.1")
}

func TestImbalanceAndCramer(t *testing.T) {
	assert.InDelta(t, 0, imbalance([]int64{50, 50}), 1e-12)
	assert.InDelta(t, 0, imbalance([]int64{7}), 1e-12)
	assert.Greater(t, imbalance([]int64{997, 3}), 0.9)
	v, n := cramersV([]int64{10, 0, 0, 10}, 2, 2, 2)
	assert.InDelta(t, 1, v, 1e-12)
	assert.EqualValues(t, 20, n)
	v, _ = cramersV([]int64{5, 5, 5, 5}, 2, 2, 2)
	assert.InDelta(t, 0, v, 1e-12)
}

func TestMisraGriesMergedCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	m := newMisraGries(8)
	truth := map[string]uint64{}
	var n uint64
	for chunk := range 20 {
		counts := map[string]uint64{}
		for range 1000 {
			v := "x" + strconv.Itoa(r.IntN(3000))
			if r.IntN(5) == 0 {
				v = "hot" + strconv.Itoa(r.IntN(3))
			}
			counts[v]++
			truth[v]++
			n++
		}
		var es []mgEntry
		for v, c := range counts {
			es = append(es, mgEntry{hash: hashBytes([]byte(v), 1), count: c, value: []byte(v)})
		}
		if chunk%2 == 0 {
			m.addCounts(es)
		} else { // mixed with row-by-row updates
			for _, e := range es {
				for range e.count {
					m.add(e.hash, e.value)
				}
			}
		}
	}
	bound := m.errBound()
	assert.EqualValues(t, n/9, bound)
	got := map[string]uint64{}
	for _, it := range m.items() {
		got[it.value] = it.count
		assert.LessOrEqual(t, it.count, truth[it.value])
		assert.GreaterOrEqual(t, it.count+bound, truth[it.value])
	}
	for v, c := range truth {
		if c > bound {
			assert.Contains(t, got, v)
		}
	}
}
