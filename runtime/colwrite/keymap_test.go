package colwrite

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeyMap(t *testing.T) {
	t.Parallel()
	var m keyMap
	keys := []uint64{0, 1, 63, 64, denseKeys - 1, denseKeys, denseKeys + 1, math.MaxUint64, 1 << 40}
	for i := range 20000 {
		// Window 0 and sparse windows after it (hashed); clustered
		// windows claimed once an eighth of their keys were hashed, more
		// of them than can be claimed; keys spread over many windows,
		// hashed, enough to grow the table several times.
		keys = append(keys, uint64(i)*97, 1<<40+uint64(i)*3, 7<<30+uint64(i), 3<<50+uint64(i)*2, uint64(i)<<24|5,
			5<<35+uint64(i), 9<<37+uint64(i))
	}
	seen := map[uint64]int32{}
	for _, k := range keys {
		if _, dup := seen[k]; dup {
			continue
		}
		require.Equal(t, int32(-1), m.get(k), "key %d before put", k)
		id := int32(len(seen))
		m.put(k, id)
		seen[k] = id
	}
	for k, id := range seen {
		assert.Equal(t, id, m.get(k), "key %d", k)
	}
	assert.Equal(t, int32(-1), m.get(12345678901))
	assert.Equal(t, int32(-1), m.get(20000*97+1))

	assert.Equal(t, windows, m.nwin, "windows claimed")
	for _, w := range m.wins {
		assert.LessOrEqual(t, len(w.ids), denseKeys, "direct window %x", w.top)
	}
	assert.LessOrEqual(t, len(m.dense), denseKeys, "window 0")

	m.reset()
	for k := range seen {
		require.Equal(t, int32(-1), m.get(k), "key %d after reset", k)
	}
	m.put(7, 0)
	m.put(1<<50, 1)
	assert.Equal(t, int32(0), m.get(7))
	assert.Equal(t, int32(1), m.get(1<<50))
}
