package world_test

import (
	"reflect"
	"testing"

	"github.com/paygen/paygen/runtime/world"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every source schemac may emit a call to exists on *Block.
func TestSourcesHaveTheirMethods(t *testing.T) {
	t.Parallel()
	bt := reflect.TypeOf(&world.Block{})
	for _, s := range world.Sources {
		for _, m := range []string{s.Method, s.Keys, s.Format} {
			if m == "" {
				continue
			}
			_, ok := bt.MethodByName(m)
			assert.True(t, ok, "source %s: (*Block).%s is missing", s.Name, m)
		}
	}
}

// txn.response_code renders the same codes through both paths, and only
// the listed codes.
func TestResponseCodeSource(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 50_000)
	b := w.NewBlock()
	b.Fill(0)
	codes := b.TxnResponseCode()
	keys := b.TxnResponseCodeKeys()
	known := map[string]bool{}
	for _, c := range world.ResponseCodes {
		known[c[0]] = true
	}
	seen := map[string]int{}
	for i, c := range codes {
		require.Equal(t, c, string(b.FormatTxnResponseCode(nil, uint64(keys[i]))))
		require.True(t, known[c], c)
		seen[c]++
	}
	t.Logf("response codes in one block: %v", seen)
	for _, c := range []string{"00", "01", "05", "51", "59"} {
		assert.Positive(t, seen[c], "code %s occurs", c)
	}
}
