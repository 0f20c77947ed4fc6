package decl

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/rng"
)

// The kernels give exactly the per-row functions' values, slow paths
// included (1M draws: ~12,000 of them leave the ziggurat's rectangles).
func TestKernelsMatchPerRow(t *testing.T) {
	const n, row = 1 << 20, 12345
	key := rng.Key(21, 22)
	ids32 := make([]uint32, n)
	ids64 := make([]uint64, n)
	for i := range ids32 {
		ids32[i] = uint32(rng.Below(rng.At(key+1, uint64(i)), 50_000))
		ids64[i] = uint64(ids32[i])
	}
	z := make([]float64, n)
	check := func(name string, want func(i int) float64) {
		t.Helper()
		for i := range z {
			if got, w := z[i], want(i); got != w {
				require.Equal(t, w, got, "%s row %d", name, i)
			}
		}
	}
	NormalsAt(z, key, row)
	check("NormalsAt", func(i int) float64 { return Normal(rng.At(key, row+uint64(i)), 0, 1) })
	ExpAffine(z, 6.5, 0.9)
	check("ExpAffine", func(i int) float64 { return LogNormal(rng.At(key, row+uint64(i)), 6.5, 0.9) })
	NormalsOf(z, key, ids32)
	check("NormalsOf uint32", func(i int) float64 { return rng.NormOf(rng.At(key, uint64(ids32[i]))) })
	NormalsOf(z, key, ids64)
	check("NormalsOf uint64", func(i int) float64 { return rng.NormOf(rng.At(key, ids64[i])) })
	ExpsAt(z, key, row)
	check("ExpsAt", func(i int) float64 { return Exponential(rng.At(key, row+uint64(i)), 1) })
	ExpsOf(z, key, ids32)
	check("ExpsOf", func(i int) float64 { return rng.ExpOf(rng.At(key, uint64(ids32[i]))) })
	// out of Exp's table range
	z[0], z[1] = 1000, -1000
	ExpAffine(z[:2], 0, 1)
	require.Equal(t, []float64{Exp(1000), Exp(-1000)}, z[:2])
}

// BenchmarkKernels is the cost per row of the column kernels beside the
// per-row calls they replace.
func BenchmarkKernels(b *testing.B) {
	const n = 65536
	key := rng.Key(7, 8)
	ids := make([]uint32, n)
	for i := range ids {
		ids[i] = uint32(rng.Below(rng.At(9, uint64(i)), 20_000))
	}
	z := make([]float64, n)
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"normal/kernel", func() { NormalsAt(z, key, 0) }},
		{"normal/per_row", func() {
			for i := range z {
				z[i] = Normal(rng.At(key, uint64(i)), 0, 1)
			}
		}},
		{"normal_per_entity/kernel", func() { NormalsOf(z, key, ids) }},
		{"lognormal/kernel", func() { NormalsAt(z, key, 0); ExpAffine(z, 6.5, 0.9) }},
		{"lognormal/per_row", func() {
			for i := range z {
				z[i] = LogNormal(rng.At(key, uint64(i)), 6.5, 0.9)
			}
		}},
		{"exponential/kernel", func() { ExpsAt(z, key, 0) }},
		{"exponential/per_row", func() {
			for i := range z {
				z[i] = Exponential(rng.At(key, uint64(i)), 1)
			}
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.f()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
		})
	}
}
