package pqwrite_test

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/pqwrite"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Row groups sized with RowBytes hold what was asked for, within 25 %, in
// a small world and in a large one, where a row costs twice the bytes
// (issue 16). Two row groups of an 8 MB target are written from the middle
// of the month.
func TestRowBytesSizesRowGroups(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 16 MB from a 20M-row world: full tier only")
	}
	const target = 8e6
	var per []float64
	for _, rows := range []int64{1_000_000, 20_000_000} {
		t.Run(fmt.Sprintf("rows=%d", rows), func(t *testing.T) {
			w := newWorld(t, rows)
			rb, err := pqwrite.RowBytes(w, generated.Columns, generated.Writers, nil)
			require.NoError(t, err)
			per = append(per, rb)
			blocks := max(1, int(math.Round(target/rb/float64(w.BlockRows()))))
			first := w.Blocks()/2 - blocks
			opt := pqwrite.Options{Workers: 2, RowGroupBlocks: blocks, FirstBlock: first, EndBlock: first + 2*blocks}
			var buf bytes.Buffer
			_, err = pqwrite.WriteColumns(&buf, w, generated.Columns, generated.Writers, opt, "test")
			require.NoError(t, err)
			f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			require.NoError(t, err)
			require.Len(t, f.Metadata().RowGroups, 2)
			for g, rg := range f.Metadata().RowGroups {
				size := int64(0)
				for _, c := range rg.Columns {
					size += c.MetaData.TotalCompressedSize
				}
				assert.InEpsilon(t, target, float64(size), 0.25, "row group %d: %d bytes (%.1f B/row measured)", g, size, rb)
			}
		})
	}
	require.Len(t, per, 2)
	assert.Greater(t, per[1], 1.3*per[0], "a row of the 20M world should cost more bytes")
}

// A write that takes over RowBytes's buffers writes the same bytes as one
// that allocates its own.
func TestWriteReusesSampleBuffers(t *testing.T) {
	w := newWorld(t, 300_000)
	write := func(buf *pqwrite.Buffers) []byte {
		var out bytes.Buffer
		opt := pqwrite.Options{Workers: 2, RowGroupBlocks: 2, Buffers: buf}
		_, err := pqwrite.WriteColumns(&out, w, generated.Columns, generated.Writers, opt, "test")
		require.NoError(t, err)
		return out.Bytes()
	}
	want := write(nil)
	buf := &pqwrite.Buffers{}
	_, err := pqwrite.RowBytes(w, generated.Columns, generated.Writers, buf)
	require.NoError(t, err)
	require.Equal(t, want, write(buf), "after the sample")
	require.Equal(t, want, write(buf), "after a whole write")
}
