package decl

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type block struct{ first int64 }

// A memo draws a block's values once for the same rows, whoever asks and
// on however many goroutines, draws again when the block's rows change,
// and forgets a block once it is collected.
func TestMemo(t *testing.T) {
	var m Memo[block, int64]
	fills := 0
	var mu sync.Mutex
	get := func(b *block, n int) []int64 {
		return m.Get(b, b.first, n, func(out []int64, _ *Arena) {
			mu.Lock()
			fills++
			mu.Unlock()
			for i := range out {
				out[i] = b.first + int64(i)
			}
		})
	}
	func() { // the blocks are unreachable after this
		b := &block{first: 100}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				v := get(b, 4)
				assert.Equal(t, []int64{100, 101, 102, 103}, v)
			})
		}
		wg.Wait()
		require.Equal(t, 1, fills, "eight readers, one draw")

		b.first = 200 // refilled with other rows
		require.Equal(t, []int64{200, 201, 202}, get(b, 3))
		require.Equal(t, []int64{200, 201, 202}, get(b, 3))
		require.Equal(t, 2, fills)

		c := &block{first: 200} // another block with the same rows has its own entry
		require.Equal(t, []int64{200, 201, 202}, get(c, 3))
		require.Equal(t, 3, fills)
		require.Equal(t, 2, m.Len())
	}()
	deadline := time.Now().Add(10 * time.Second)
	for m.Len() > 0 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	require.Zero(t, m.Len(), "entries of collected blocks are dropped")
}

// Formatted values live in the memo's arena until the block is redrawn.
func TestMemoArena(t *testing.T) {
	var m Memo[block, string]
	b := &block{first: 1}
	v := m.Get(b, 1, 2, func(out []string, ar *Arena) {
		out[0] = ar.Begin().S("T").D(7, 2, true).End()
		out[1] = ar.Begin().S("U").D(8, 2, true).End()
	})
	assert.Equal(t, []string{"T07", "U08"}, v)
}
