package pqwrite

import (
	"fmt"
	"io"

	"github.com/paygen/paygen/runtime/colwrite"
	"github.com/paygen/paygen/runtime/world"
)

// RowBytes measures what a row of w costs in the file: it writes the middle
// block of the dataset as a file of one row group (to nowhere) and divides
// its size by the block's rows. The entity populations grow with the row
// count, so a row costs ~35 bytes at 1 M rows and twice that at 100 M
// (issue 16): a row group size given in bytes is turned into blocks with
// this figure rather than a constant. It is a pure function of w (the
// middle block of the whole dataset, whatever the shard), so the row
// groups do not depend on the shard or the workers. A write with
// Options.SizeGroups takes the same sample itself.
func RowBytes(w *world.World, cols []colwrite.Column, writers []func(*world.Block, *colwrite.RowGroup)) (float64, error) {
	b := sampleBlock(w)
	var n countWriter
	_, err := WriteColumns(&n, w, cols, writers, Options{Workers: 2, RowGroupBlocks: 1, FirstBlock: b, EndBlock: b + 1}, "")
	if err != nil {
		return 0, err
	}
	rows := min(int64(w.BlockRows()), w.Rows()-int64(b)*int64(w.BlockRows()))
	return float64(n) / float64(rows), nil
}

// sampleBlock is the block a row's bytes are measured on: the middle one
// of the whole dataset (RowBytes, and a write with Options.SizeGroups).
func sampleBlock(w *world.World) int { return w.Blocks() / 2 }

// sampleBytes finishes the row size sample of a write with
// Options.SizeGroups: blk (the middle block) appended to rg as its only
// block, it writes rg as a file to nowhere, as RowBytes does, resets rg
// and returns the bytes per row.
func sampleBytes(cols []colwrite.Column, blk *world.Block, rg *colwrite.RowGroup) (float64, error) {
	var n countWriter
	fw, err := colwrite.NewWriter(&n, cols, nil, "")
	if err == nil {
		err = rg.Finish()
	}
	if err == nil {
		err = fw.WriteRowGroup(rg)
	}
	if err == nil {
		err = fw.Close()
	}
	rg.Reset()
	if err != nil {
		return 0, fmt.Errorf("row size sample: %w", err)
	}
	return float64(n) / float64(blk.Len()), nil
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countWriter)(nil)
