package colwrite

import (
	"bytes"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentColumnsSameBytes appends and finishes the columns of each
// row group concurrently, one goroutine per column, and checks the file is
// byte for byte the one written sequentially (make test also runs it under
// the race detector: columns must share no state).
func TestConcurrentColumnsSameBytes(t *testing.T) {
	t.Parallel()
	tab, _ := testTable()
	want := writeTable(t, tab, testLayout, 3000)

	writers := tableWriters(tab, false)
	var groups []*RowGroup
	lo := 0
	for _, batches := range testLayout {
		rg := NewRowGroup(testColumns())
		rg.SetPageLimits(3000, DefaultPageBytes)
		var wg sync.WaitGroup
		for col, w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				at := lo
				for _, n := range batches {
					w(rg, at, at+n)
					at += n
				}
				assert.NoError(t, rg.FinishColumn(col))
			}()
		}
		wg.Wait()
		require.NoError(t, rg.Finish())
		groups = append(groups, rg)
		for _, n := range batches {
			lo += n
		}
	}
	assert.True(t, bytes.Equal(want, writeGroups(t, groups)), "file with concurrent columns differs from sequential file")
}

// Keys of any unsigned width key the dictionary alike: narrow ids write the
// same bytes as the same ids widened to uint64.
func TestKeyWidthsSameBytes(t *testing.T) {
	t.Parallel()
	cols := []Column{
		{Name: "a", Physical: ByteArray, Logical: String, Encoding: Dict},
		{Name: "b", Physical: ByteArray, Logical: String, Encoding: Dict, Optional: true},
		{Name: "c", Physical: ByteArray, Logical: String, Encoding: Dict},
		{Name: "d", Physical: Double, Encoding: Dict},
	}
	const n = 5000
	k8, k16, k32 := make([]uint8, n), make([]uint16, n), make([]uint32, n)
	wide := [3][]uint64{make([]uint64, n), make([]uint64, n), make([]uint64, n)}
	valid := make([]bool, n)
	for i := range n {
		x := mix(uint64(i))
		k8[i], k16[i], k32[i] = uint8(x), uint16(x>>8), uint32(x>>24)%70000+65000
		wide[0][i], wide[1][i], wide[2][i] = uint64(k8[i]), uint64(k16[i]), uint64(k32[i])
		valid[i] = x%7 != 0
	}
	write := func(appendAll func(rg *RowGroup)) []byte {
		rg := NewRowGroup(cols)
		appendAll(rg)
		require.NoError(t, rg.Finish())
		var buf bytes.Buffer
		w, err := NewWriter(&buf, cols, nil, "test")
		require.NoError(t, err)
		require.NoError(t, w.WriteRowGroup(rg))
		require.NoError(t, w.Close())
		return buf.Bytes()
	}
	narrow := write(func(rg *RowGroup) {
		AppendKeyed(rg, 0, k8, nil, fmtCust)
		AppendKeyed(rg, 1, k16, valid, fmtCard)
		AppendKeyed(rg, 2, k32, nil, fmtMer)
		AppendKeyedDouble(rg, 3, k16, nil, latOf)
	})
	widened := write(func(rg *RowGroup) {
		rg.Keyed(0, wide[0], nil, fmtCust)
		rg.Keyed(1, wide[1], valid, fmtCard)
		rg.Keyed(2, wide[2], nil, fmtMer)
		rg.KeyedDouble(3, wide[1], nil, latOf)
	})
	assert.True(t, bytes.Equal(widened, narrow), "narrow keys wrote different bytes")
}
