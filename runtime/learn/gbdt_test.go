package learn

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paygen/paygen/runtime/stats"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xorData: two uniform features; fraud is likely when exactly one is above 0.5 (XOR),
// which no linear score can rank; two more features are noise.
func xorData(n int, seed uint64) ([]float32, []bool) {
	rng := rand.New(rand.NewPCG(seed, 3))
	const d = 4
	x := make([]float32, n*d)
	y := make([]bool, n)
	for i := range y {
		for j := range d {
			x[i*d+j] = float32(rng.Float64())
		}
		p := 0.002
		if (x[i*d] > 0.5) != (x[i*d+1] > 0.5) {
			p = 0.02
		}
		y[i] = rng.Float64() < p
	}
	return x, y
}

func TestGBDTLearnsXORWhereLogRegCannot(t *testing.T) {
	const d = 4
	x, y := xorData(200_000, 1)
	xt, yt := xorData(100_000, 2)
	gb, err := FitGBDT(x, d, y, GBDTOptions{})
	require.NoError(t, err)
	lr, err := FitLogReg(x, d, y, FitOptions{})
	require.NoError(t, err)
	gs := make([]float64, len(yt))
	ls := make([]float64, len(yt))
	truth := make([]float64, len(yt))
	for i := range yt {
		gs[i] = gb.Logit(xt[i*d : (i+1)*d])
		ls[i] = lr.Logit(xt[i*d : (i+1)*d])
		truth[i] = b2d((xt[i*d] > 0.5) != (xt[i*d+1] > 0.5))
	}
	gAUC, ok := stats.ROCAUC(gs, yt)
	require.True(t, ok)
	lAUC, _ := stats.ROCAUC(ls, yt)
	best, _ := stats.ROCAUC(truth, yt) // the true probability: ≈ 0.707 for these rates
	assert.InDelta(t, best, gAUC, 0.02, "the trees rank like the true probability")
	assert.InDelta(t, 0.5, lAUC, 0.05, "a linear score cannot")
	assert.Greater(t, gAUC, lAUC+0.15)
	t.Logf("XOR: GBDT AUC %.4f, logistic regression %.4f, true probability %.4f", gAUC, lAUC, best)
}

// Scores from raw features agree with the training's binned scores: a tree trained on a
// single step feature puts the step at the right place.
func TestGBDTStep(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	n := 50_000
	x := make([]float32, n)
	y := make([]bool, n)
	for i := range y {
		x[i] = float32(rng.Float64() * 10)
		p := 0.001
		if x[i] > 7.3 {
			p = 0.1
		}
		y[i] = rng.Float64() < p
	}
	m, err := FitGBDT(x, 1, y, GBDTOptions{Trees: 30, Depth: 1, NegativeRate: 1})
	require.NoError(t, err)
	lo, hi := m.Logit([]float32{7.0}), m.Logit([]float32{7.6})
	assert.Less(t, 1/(1+math.Exp(-lo)), 0.01)
	assert.Greater(t, 1/(1+math.Exp(-hi)), 0.05)
	assert.Equal(t, m.Logit([]float32{0}), m.Logit([]float32{6.5}), "one step only, left of it all the same")

	again, err := FitGBDT(x, 1, y, GBDTOptions{Trees: 30, Depth: 1, NegativeRate: 1})
	require.NoError(t, err)
	assert.Equal(t, m.Logit([]float32{7.5}), again.Logit([]float32{7.5}), "deterministic")
}

func TestGBDTErrors(t *testing.T) {
	_, err := FitGBDT([]float32{1, 2}, 1, []bool{false, false}, GBDTOptions{})
	assert.ErrorContains(t, err, "both classes")
	_, err = FitGBDT([]float32{1, 2, 3}, 2, []bool{false, true}, GBDTOptions{})
	assert.ErrorContains(t, err, "matrix")
	_, err = FitGBDT([]float32{1, 2}, 1, []bool{false, true}, GBDTOptions{Bins: 300})
	assert.ErrorContains(t, err, "bins")
}

func b2d(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
