package learn

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paygen/paygen/runtime/stats"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// linearData draws n rows of d standard normal features with P(y) = σ(b0 + Σ b[j]·x[j]).
func linearData(rng *rand.Rand, n int, b0 float64, b []float64) ([]float32, []bool, []float64) {
	d := len(b)
	x := make([]float32, n*d)
	y := make([]bool, n)
	truth := make([]float64, n)
	for i := range n {
		z := b0
		for j := range d {
			v := rng.NormFloat64()
			x[i*d+j] = float32(v)
			z += b[j] * v
		}
		truth[i] = z
		y[i] = rng.Float64() < sigmoid(z)
	}
	return x, y, truth
}

func logits(m *LogReg, x []float32, d int) []float64 {
	s := make([]float64, len(x)/d)
	for i := range s {
		s[i] = m.Logit(x[i*d : (i+1)*d])
	}
	return s
}

func TestLogRegRecoversLinearRelation(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	b := []float64{2, -1.5, 0}
	x, y, _ := linearData(rng, 6000, -1, b)
	m, err := FitLogReg(x, 3, y, FitOptions{})
	require.NoError(t, err)
	require.True(t, m.Converged)
	// standardised weights ≈ true weights × std (≈ 1); the noise feature stays near 0
	for j := range b {
		assert.InDelta(t, b[j]*m.Std[j], m.Weights[j], 0.2, "weight %d", j)
	}
	assert.InDelta(t, -1, m.Intercept+dot(m.Weights, m.Mean, m.Std), 0.2)

	xt, yt, truth := linearData(rng, 6000, -1, b)
	auc, ok := stats.ROCAUC(logits(m, xt, 3), yt)
	require.True(t, ok)
	best, _ := stats.ROCAUC(truth, yt)
	assert.Greater(t, auc, 0.85)
	assert.InDelta(t, best, auc, 0.01, "fitted model ranks like the true model")
}

// dot returns Σ w·(0−mean)/std: the intercept shift that centring introduced.
func dot(w, mean, std []float64) float64 {
	var s float64
	for j := range w {
		s -= w[j] * mean[j] / std[j]
	}
	return s
}

func TestLogRegOnNoiseIsChance(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	x, y, _ := linearData(rng, 4000, -1, []float64{0, 0, 0, 0})
	m, err := FitLogReg(x, 4, y, FitOptions{})
	require.NoError(t, err)
	for _, w := range m.Weights {
		assert.Less(t, math.Abs(w), 0.15)
	}
	xt, yt, _ := linearData(rng, 4000, -1, []float64{0, 0, 0, 0})
	auc, ok := stats.ROCAUC(logits(m, xt, 4), yt)
	require.True(t, ok)
	assert.InDelta(t, 0.5, auc, 0.04)
}

func TestLogRegSeparableStaysFinite(t *testing.T) {
	// perfectly separable: the L2 penalty must keep the weights finite
	x := []float32{-2, -1, -0.5, 0.5, 1, 2}
	y := []bool{false, false, false, true, true, true}
	m, err := FitLogReg(x, 1, y, FitOptions{})
	require.NoError(t, err)
	assert.True(t, m.Converged)
	assert.False(t, math.IsNaN(m.Weights[0]) || math.IsInf(m.Weights[0], 0))
	assert.Greater(t, m.Weights[0], 0.0)
	auc, _ := stats.ROCAUC(logits(m, x, 1), y)
	assert.Equal(t, 1.0, auc)
}

func TestLogRegDeterministicAndBalanced(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	x, y, _ := linearData(rng, 3000, -4, []float64{1.5, 0.5})
	a, err := FitLogReg(x, 2, y, FitOptions{})
	require.NoError(t, err)
	b, err := FitLogReg(x, 2, y, FitOptions{})
	require.NoError(t, err)
	assert.Equal(t, a, b)

	bal, err := FitLogReg(x, 2, y, FitOptions{Balanced: true})
	require.NoError(t, err)
	// balancing moves the intercept up toward even odds but keeps the ranking direction
	assert.Greater(t, bal.Intercept, a.Intercept+1)
	assert.Greater(t, bal.Weights[0], 0.0)
}

func TestLogRegRejectsBadShapes(t *testing.T) {
	_, err := FitLogReg([]float32{1, 2, 3}, 2, []bool{true, false}, FitOptions{})
	assert.Error(t, err)
	_, err = FitLogReg(nil, 2, nil, FitOptions{})
	assert.Error(t, err)
}
