package dist

import (
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
