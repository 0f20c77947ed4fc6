package learn

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShareTableKeepsEveryKey(t *testing.T) {
	var tb shareTable
	const n = 100_000
	for i := range uint64(n) {
		s := tb.get(i * 0x9e3779b97f4a7c15) // includes key 0
		require.Zero(t, s.n, "new key %d", i)
		s.add(uint32(i))
	}
	assert.Equal(t, n, tb.n)
	assert.LessOrEqual(t, 4*tb.n, 3*len(tb.slots))
	for i := range uint64(n) {
		s := tb.get(i * 0x9e3779b97f4a7c15)
		require.EqualValues(t, 1, s.n, "key %d", i)
		require.Equal(t, uint32(i), s.customers[0])
	}
	assert.Equal(t, n, tb.n, "lookups add nothing")
}
