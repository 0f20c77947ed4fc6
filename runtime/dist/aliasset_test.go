package dist

import (
	"math"
	"testing"

	"github.com/paygen/paygen/runtime/rng"
	"github.com/stretchr/testify/require"
)

// An AliasSet draws what its tables' own Pick draws, for every table,
// including empty ones in between.
func TestAliasSetDrawsAsItsTables(t *testing.T) {
	tables := []*Alias{NewAlias([]float64{1, 2, 3}), nil, NewAlias(ZipfWeights(1000, 1)), NewAlias([]float64{5})}
	var s AliasSet
	for i, a := range tables {
		require.Equal(t, i, s.Add(a))
	}
	require.Equal(t, len(tables), s.Tables())
	for i, a := range tables {
		if a == nil {
			require.Zero(t, s.Len(i))
			continue
		}
		require.Equal(t, a.Len(), s.Len(i))
		for j := range uint64(20000) {
			x := rng.Mix(j)
			require.Equal(t, a.Pick(x), s.Pick(i, x), "table %d, draw %d", i, j)
		}
	}
}

// A set built by Fill, one scratch reused across tables of different
// sizes, holds the same slots as NewAlias builds for each table.
func TestAliasSetFillBuildsAsNewAlias(t *testing.T) {
	weights := [][]float64{ZipfWeights(1000, 1), {1, 2, 3}, nil, {5}, {0, 1, 0, 2}, ZipfWeights(37, 0.5)}
	sizes := make([]int, len(weights))
	for i, w := range weights {
		sizes[i] = len(w)
	}
	s := NewAliasSet(sizes)
	var b AliasScratch
	for i, w := range weights {
		s.Fill(i, w, &b)
	}
	require.Equal(t, len(weights), s.Tables())
	for i, w := range weights {
		require.Equal(t, len(w), s.Len(i))
		if len(w) > 0 {
			require.Equal(t, NewAlias(w).slots, s.slots[s.off[i]:s.off[i+1]], "table %d", i)
		}
	}
	require.Panics(t, func() { s.Fill(1, []float64{1}, &b) })
}

// voseReference is Vose's method as NewAlias first wrote it, with a list
// per stack: the tables must keep its slots exactly (the same draws, so the
// same bytes for the same seed).
func voseReference(weights []float64) []aliasSlot {
	n := len(weights)
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	slots := make([]aliasSlot, n)
	p := make([]float64, n)
	var small, large []int
	for i, w := range weights {
		p[i] = w * float64(n) / sum
		if p[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		slots[s] = aliasSlot{cut: uint32(math.Min(p[s]*(1<<32), math.MaxUint32)), alias: uint32(l)}
		p[l] -= 1 - p[s]
		if p[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		slots[i] = aliasSlot{cut: math.MaxUint32, alias: uint32(i)}
	}
	return slots
}

func TestAliasKeepsVoseSlots(t *testing.T) {
	r := rng.New(7)
	cases := [][]float64{{1}, {1, 2, 3}, {0, 1, 0, 2}, ZipfWeights(1000, 1), ZipfWeights(37, 0.5)}
	for range 50 {
		w := make([]float64, 1+rng.Below(r.Next(), 300))
		for i := range w {
			w[i] = r.Float64() * float64(rng.Below(r.Next(), 3))
		}
		w[0] += 0.5
		cases = append(cases, w)
	}
	var b AliasScratch
	for i, w := range cases {
		require.Equal(t, voseReference(w), NewAlias(w).slots, "case %d", i)
		s := NewAliasSet([]int{len(w)})
		s.Fill(0, w, &b)
		require.Equal(t, voseReference(w), s.slots, "case %d, reused scratch", i)
	}
}
