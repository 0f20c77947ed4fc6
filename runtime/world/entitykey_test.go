package world

import (
	"testing"
	"time"

	"github.com/paygen/paygen/runtime/rng"
	"github.com/stretchr/testify/require"
)

// The cached per-kind keys give exactly the keys of the plain formula.
func TestEntityKeyCache(t *testing.T) {
	t.Parallel()
	w := &World{seed: 42, date: time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)}
	for i, k := range entityKinds {
		w.kindKeys[i] = rng.Key(w.seed, rng.StrKey(k))
	}
	for i, k := range entityKinds {
		for _, id := range []uint64{0, 1, 12345, 1 << 41} {
			require.Equal(t, rng.Key(rng.Key(42, rng.StrKey(k)), id), w.entityKey(entity(i), id), k)
		}
	}
}
