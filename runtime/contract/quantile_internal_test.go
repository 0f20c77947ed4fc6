package contract

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/paygen/paygen/runtime/colscan"
)

func TestQuantileInterpolation(t *testing.T) {
	s := []float64{1, 2, 3, 4}
	assert.Equal(t, 1.0, quantile(s, 0))
	assert.Equal(t, 2.5, quantile(s, 0.5))
	assert.Equal(t, 4.0, quantile(s, 1))
	assert.InDelta(t, 1.75, quantile(s, 0.25), 1e-12)
	assert.True(t, math.IsNaN(quantile(nil, 0.5)))
}

// TestQuantileSampleError checks the documented accuracy of the reservoir beyond its size.
func TestQuantileSampleError(t *testing.T) {
	const n = 400_000
	r := rand.New(rand.NewPCG(9, 9))
	all := make([]float64, n)
	for i := range all {
		all[i] = r.ExpFloat64()
	}
	for _, q := range []float64{0.05, 0.5, 0.95, 0.99} {
		c := newQuantile(Expectation{Kind: Quantile, Q: q}, numKind{})
		valid := make([]bool, 1000)
		for i := range valid {
			valid[i] = true
		}
		for i := 0; i < n; i += 1000 {
			c.floats(&colscan.Batch[float64]{Values: all[i : i+1000], Valid: valid})
		}
		var res Result
		c.finish(&res)
		sorted := slices.Clone(all)
		slices.Sort(sorted)
		// The estimate's rank must be within 4 standard deviations of q.
		rank := float64(countBelow(sorted, *res.ObservedValue)) / n
		sd := math.Sqrt(q * (1 - q) / reservoirSize)
		assert.InDelta(t, q, rank, 4*sd, "q=%v", q)
		assert.Contains(t, res.Observed, "estimated from a 65536-value sample")
	}
}

func countBelow(sorted []float64, v float64) int {
	i, _ := slices.BinarySearch(sorted, v)
	return i
}

func TestNumFormatting(t *testing.T) {
	assert.Equal(t, "0.01", num(0.01))
	assert.Equal(t, "9999999999.99", num(9999999999.99))
	assert.Equal(t, "1000000", num(1e6))
	assert.Equal(t, "0.3", num(0.1+0.2))
	assert.Equal(t, "-12.345", formatDecimal(-12345, 3))
	assert.Equal(t, "0.05", formatDecimal(5, 2))
	assert.Equal(t, "[0.01, ∞]", band(0.01, math.NaN(), false))
	lo, hi := numKind{isScaled: true, scale: 2}.intBounds(0.01, 9999999999.99)
	assert.Equal(t, int64(1), lo)
	assert.Equal(t, int64(999999999999), hi)
}
