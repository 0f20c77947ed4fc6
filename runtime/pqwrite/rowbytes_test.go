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
	t.Parallel()
	if testing.Short() {
		t.Skip("writes 16 MB from a 20M-row world: full tier only")
	}
	const target = 8e6
	var per []float64
	for _, rows := range []int64{1_000_000, 20_000_000} {
		t.Run(fmt.Sprintf("rows=%d", rows), func(t *testing.T) {
			w := newWorld(t, rows)
			rb, err := pqwrite.RowBytes(w, generated.Columns, generated.Writers)
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

// A write that sizes its row groups from its own sample (SizeGroups) chooses
// what RowBytes measures and writes the same bytes as a write told the
// size, at any worker count; a failing SizeGroups fails the write.
func TestSizeGroupsInTheWrite(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 400_000)
	rb, err := pqwrite.RowBytes(w, generated.Columns, generated.Writers)
	require.NoError(t, err)
	blocks := func(per float64) (int, error) { return max(1, int(math.Round(2e6/per/float64(w.BlockRows())))), nil }
	want, err := blocks(rb)
	require.NoError(t, err)
	write := func(opt pqwrite.Options) []byte {
		var out bytes.Buffer
		_, err := pqwrite.WriteColumns(&out, w, generated.Columns, generated.Writers, opt, "test")
		require.NoError(t, err)
		return out.Bytes()
	}
	told := write(pqwrite.Options{Workers: 2, RowGroupBlocks: want})
	for _, workers := range []int{1, 2, 3} {
		var seen float64
		got := write(pqwrite.Options{Workers: workers, SizeGroups: func(per float64) (int, error) { seen = per; return blocks(per) }})
		require.Equal(t, rb, seen, "workers %d", workers)
		require.Equal(t, told, got, "workers %d", workers)
	}
	var out bytes.Buffer
	_, err = pqwrite.WriteColumns(&out, w, generated.Columns, generated.Writers,
		pqwrite.Options{Workers: 2, SizeGroups: func(float64) (int, error) { return 0, fmt.Errorf("no size") }}, "test")
	require.ErrorContains(t, err, "no size")
}
