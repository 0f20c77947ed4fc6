package dist_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/rng"
)

const draws = 400_000

// frequencies draws n picks and returns each outcome's share.
func frequencies(k, n int, pick func(r *rng.Stream) int) []float64 {
	r := rng.New(7)
	counts := make([]float64, k)
	for range n {
		counts[pick(&r)]++
	}
	for i := range counts {
		counts[i] /= float64(n)
	}
	return counts
}

// assertShares checks each observed share against its expected probability
// within 5 binomial standard errors (plus a hair for p = 0).
func assertShares(t *testing.T, weights, got []float64) {
	t.Helper()
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	for i, w := range weights {
		p := w / sum
		tol := 5*math.Sqrt(p*(1-p)/draws) + 1e-9
		assert.InDelta(t, p, got[i], tol, "outcome %d", i)
	}
}

func TestAliasFollowsWeights(t *testing.T) {
	for _, weights := range [][]float64{
		{1},
		{1, 1},
		{0.55, 0.40, 0.05},
		{0, 3, 0, 1, 6},
		dist.ZipfWeights(50, 1.0),
	} {
		a := dist.NewAlias(weights)
		require.Equal(t, len(weights), a.Len())
		got := frequencies(len(weights), draws, func(r *rng.Stream) int { return a.Pick(r.Next()) })
		assertShares(t, weights, got)
	}
}

func TestCumFollowsWeights(t *testing.T) {
	for _, weights := range [][]float64{
		{1},
		{0.955, 0.035, 0.010},
		{0, 2, 0, 2},
		{5, 0},
	} {
		c := dist.NewCum(weights)
		require.Equal(t, len(weights), c.Len())
		got := frequencies(len(weights), draws, func(r *rng.Stream) int { return c.Pick(r.Float64()) })
		assertShares(t, weights, got)
	}
}

func TestCumEdges(t *testing.T) {
	c := dist.NewCum([]float64{1, 1, 2})
	assert.Equal(t, 0, c.Pick(0))
	assert.Equal(t, 0, c.Pick(0.2499))
	assert.Equal(t, 1, c.Pick(0.25))
	assert.Equal(t, 2, c.Pick(0.5))
	assert.Equal(t, 2, c.Pick(math.Nextafter(1, 0)))
}

func TestZipfWeights(t *testing.T) {
	w := dist.ZipfWeights(4, 1)
	assert.InDeltaSlice(t, []float64{1, 0.5, 1.0 / 3, 0.25}, w, 1e-15)
	flat := dist.ZipfWeights(3, 0)
	assert.Equal(t, []float64{1, 1, 1}, flat)
}
