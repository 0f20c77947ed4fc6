package rng

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// Every layer of a ziggurat has the same area, and the top one ends at f = 1.
func TestZigguratLayers(t *testing.T) {
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
	const n = 1_000_000
	crit := 1.95 / math.Sqrt(n) // KS critical value at 0.1 %

	xs := sample(n, (*Stream).Norm)
	mean, sq, tail := 0.0, 0.0, 0
	for _, x := range xs {
		mean += x
		sq += x * x
		if math.Abs(x) > 3.5 {
			tail++
		}
	}
	require.InDelta(t, 0, mean/n, 0.005)
	require.InDelta(t, 1, sq/n, 0.005)
	p := math.Erfc(3.5 / math.Sqrt2) // P(|X| > 3.5), beyond r
	require.InDelta(t, p*n, float64(tail), 4*math.Sqrt(p*n))
	require.Less(t, ks(xs, func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }), crit)

	xs = sample(n, (*Stream).Exp)
	mean, tail = 0.0, 0
	for _, x := range xs {
		require.GreaterOrEqual(t, x, 0.0)
		mean += x
		if x > 8 {
			tail++
		}
	}
	require.InDelta(t, 1, mean/n, 0.005)
	p = math.Exp(-8)
	require.InDelta(t, p*n, float64(tail), 4*math.Sqrt(p*n))
	require.Less(t, ks(xs, func(x float64) float64 { return -math.Expm1(-x) }), crit)
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
