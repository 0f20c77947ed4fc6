package pqwrite

import (
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
// groups do not depend on the shard or the workers. The write that follows
// takes over the sample's memory through buf (may be nil).
func RowBytes(w *world.World, cols []colwrite.Column, writers []func(*world.Block, *colwrite.RowGroup), buf *Buffers) (float64, error) {
	b := w.Blocks() / 2
	var n countWriter
	_, err := WriteColumns(&n, w, cols, writers, Options{Workers: 2, RowGroupBlocks: 1, FirstBlock: b, EndBlock: b + 1, Buffers: buf}, "")
	if err != nil {
		return 0, err
	}
	rows := min(int64(w.BlockRows()), w.Rows()-int64(b)*int64(w.BlockRows()))
	return float64(n) / float64(rows), nil
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countWriter)(nil)
