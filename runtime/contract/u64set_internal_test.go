package contract

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestU64Set(t *testing.T) {
	s := newU64Set(4)
	ref := map[uint64]bool{}
	r := rand.New(rand.NewPCG(5, 5))
	for i := range 100_000 {
		k := uint64(r.IntN(50_000)) // many repeats, including 0
		if i%3 == 0 {
			k = r.Uint64()
		}
		require.Equal(t, !ref[k], s.add(k), "key %d", k)
		ref[k] = true
	}
	assert.Equal(t, len(ref), s.len())
	assert.LessOrEqual(t, 10*s.len(), 7*len(s.slots))
}
