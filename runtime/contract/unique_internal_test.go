package contract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
)

// An ascending column is checked without a hash set (memory bounded at any row count); the
// first value out of order ends the streaming pass and asks for a rescan.
func TestUniqueStreamsAscendingValues(t *testing.T) {
	c := newUnique(1 << 30)
	b := &colscan.Batch[[]byte]{Values: [][]byte{[]byte("a1"), nil, []byte("a2"), []byte("b")}, Valid: []bool{true, false, true, true}}
	c.bytes(b)
	c.bytes(&colscan.Batch[[]byte]{Values: [][]byte{[]byte("c")}, Valid: []bool{true}})
	assert.True(t, c.ordered)
	assert.Nil(t, c.hashes, "no hash set while the values ascend")
	var r Result
	c.finish(&r)
	assert.True(t, r.Success)
	assert.Equal(t, "4 distinct of 4 values", r.Observed)

	d := newUnique(10)
	d.ints(&colscan.Batch[int64]{Values: []int64{1, 5, 5, 9}, Valid: []bool{true, true, true, true}})
	require.False(t, d.ordered, "an equal neighbour breaks the order")
	assert.Nil(t, d.hashes, "the rescan builds the set")
	assert.Zero(t, d.n)

	f := newUnique(10)
	f.floats(&colscan.Batch[float64]{Values: []float64{-1, 0, 2}, Valid: []bool{true, true, true}})
	assert.True(t, f.ordered)
	f.floats(&colscan.Batch[float64]{Values: []float64{3, nan()}, Valid: []bool{true, true}})
	assert.False(t, f.ordered, "NaN breaks the order")
}

func nan() float64 { var z float64; return z / z }
