package dist

import (
	"math"
	"testing"

	"github.com/paygen/paygen/runtime/rng"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Rejection-inversion draws ranks with the Zipf probabilities: the first
// ranks one by one and the rest in 40 log-spaced buckets, each within 5
// standard deviations of its expected count, for the exponents the schema
// uses and one that takes the general formulas.
func TestZipfRejectionInversion(t *testing.T) {
	const n, draws = 100_000, 2_000_000
	for _, s := range []float64{0.5, 1, 0.8} {
		z := NewZipf(n, s, false)
		require.Nil(t, z.alias)
		require.Equal(t, n, z.Len())
		w := ZipfWeights(n, s)
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		// bucket edges: ranks 0..9 alone, then log-spaced up to n
		edges := []int{}
		for k := 0; k < 10; k++ {
			edges = append(edges, k)
		}
		for e := 10.0; int(e) < n; e *= math.Pow(float64(n)/10, 1.0/40) {
			if int(e) > edges[len(edges)-1] {
				edges = append(edges, int(e))
			}
		}
		edges = append(edges, n)
		bucket := make([]int, n)
		for b := 0; b+1 < len(edges); b++ {
			for k := edges[b]; k < edges[b+1]; k++ {
				bucket[k] = b
			}
		}
		got := make([]float64, len(edges)-1)
		want := make([]float64, len(edges)-1)
		for k, x := range w {
			want[bucket[k]] += draws * x / sum
		}
		r := rng.New(uint64(1000 * s))
		for range draws {
			k := z.Pick(r.Next())
			require.True(t, k >= 0 && k < n)
			got[bucket[k]]++
		}
		for b := range got {
			sd := math.Sqrt(want[b] * (1 - want[b]/draws))
			assert.InDelta(t, want[b], got[b], 5*sd+1, "s=%v ranks %d..%d", s, edges[b], edges[b+1]-1)
		}
	}
}

// With a table, a Zipf draws what an alias table of the weights draws.
func TestZipfTable(t *testing.T) {
	z := NewZipf(ZipfTableMax, 0.5, true)
	a := NewAlias(ZipfWeights(ZipfTableMax, 0.5))
	for x := uint64(0); x < 1000; x++ {
		v := rng.Mix(x)
		require.Equal(t, a.Pick(v), z.Pick(v))
	}
}

// BenchmarkZipfPick compares a draw from a table that fits in cache, from a
// 2 M-entry alias table (a cache miss per draw) and by rejection-inversion.
func BenchmarkZipfPick(b *testing.B) {
	big := NewAlias(ZipfWeights(2_000_000, 0.5))
	for name, pick := range map[string]func(uint64) int{
		"alias-32k": NewZipf(ZipfTableMax, 0.5, true).Pick,
		"alias-2M":  big.Pick,
		"zipf-2M":   NewZipf(2_000_000, 0.5, false).Pick,
	} {
		b.Run(name, func(b *testing.B) {
			x, s := uint64(1), 0
			for b.Loop() {
				x = rng.Mix(x)
				s += pick(x)
			}
			_ = s
		})
	}
}
