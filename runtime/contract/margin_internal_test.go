package contract

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRateBandWidensWithSamplingError(t *testing.T) {
	// device_id: 8 % null, band [7 %, 9 %].
	lo, hi := rateBand(0.07, 0.09, 1000)
	assert.InDelta(t, 0.07-4*math.Sqrt(0.07*0.93/1000), lo, 1e-12)
	assert.InDelta(t, 0.09+4*math.Sqrt(0.09*0.91/1000), hi, 1e-12)
	assert.True(t, inBand(0.094, lo, hi), "9.4 %% of 1,000 rows is sampling noise")

	lo, hi = rateBand(0.07, 0.09, 1_000_000)
	assert.InDelta(t, 0.07, lo, 0.0011)
	assert.InDelta(t, 0.09, hi, 0.0012)
	assert.False(t, inBand(0.094, lo, hi), "9.4 %% of 1 M rows is a real departure")

	// Clamped to [0, 1]; open ends stay open; no rows, no change.
	lo, hi = rateBand(0.0025, 0.0035, 100)
	assert.Equal(t, 0.0, lo)
	assert.Less(t, hi, 1.0)
	lo, hi = rateBand(math.NaN(), 0.5, 10)
	assert.True(t, math.IsNaN(lo))
	assert.Equal(t, 1.0, hi, "clamped")
	lo, hi = rateBand(0.1, 0.2, 0)
	assert.Equal(t, []float64{0.1, 0.2}, []float64{lo, hi})
}

func TestMarginNote(t *testing.T) {
	e := Expectation{Kind: NullRate, HasMin: true, Min: 0.07, HasMax: true, Max: 0.09}
	lo, hi := rateBand(e.Min, e.Max, 1000)
	assert.Equal(t, "; ±4σ band [3.77%, 12.62%]", marginNote(e, lo, hi, 1000))
	lo, hi = rateBand(e.Min, e.Max, 1e12)
	assert.Empty(t, marginNote(e, lo, hi, 1e12))
}
