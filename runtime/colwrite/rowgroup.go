package colwrite

import (
	"fmt"
	"os"
	"slices"

	"github.com/parquet-go/parquet-go/format"
)

// Default page limits: a data page is cut when it holds this many rows or
// about this many bytes of unencoded values, whichever comes first.
const (
	DefaultPageRows  = 1 << 16
	DefaultPageBytes = 1 << 20
)

// RowGroup encodes one row group in memory: compressed data pages per
// column, plus a dictionary per dictionary-encoded column. Values are
// appended column by column, in batches (typically one block of rows for
// every column, then the next block); each call copies what it keeps.
// Columns are independent: different goroutines may append to, and
// FinishColumn, different columns of one RowGroup at the same time (one
// goroutine per column at a time), and several RowGroups may be encoded
// concurrently. Finish, Reset and the writer need the row group to
// themselves. A RowGroup is reusable after Reset, keeping its buffers.
//
// Appending to a column with the wrong method, mismatched slice lengths or a
// null in a required column are programming errors and panic.
type RowGroup struct {
	cols      []*column
	pageRows  int
	pageBytes int
	finished  bool
	rows      int64
}

// NewRowGroup returns an empty row group for cols. It panics if the columns
// are invalid (see Validate); NewWriter reports the same as an error.
func NewRowGroup(cols []Column) *RowGroup {
	if err := Validate(cols); err != nil {
		panic(err)
	}
	rg := &RowGroup{pageRows: DefaultPageRows, pageBytes: DefaultPageBytes}
	for _, c := range cols {
		rg.cols = append(rg.cols, newColumn(c))
	}
	return rg
}

// SetPageLimits sets the number of rows and the approximate number of
// unencoded value bytes after which a data page is cut.
func (rg *RowGroup) SetPageLimits(rows, bytes int) {
	rg.pageRows = max(rows, 1)
	rg.pageBytes = max(bytes, 1)
}

// Rows is the number of rows of the finished row group.
func (rg *RowGroup) Rows() int64 { return rg.rows }

// FinishColumn encodes column i's pending page and its dictionary page, and
// computes its chunk's metadata; no more values may be appended to it.
// Finish does it for the columns not finished yet.
func (rg *RowGroup) FinishColumn(i int) error {
	c := rg.cols[i]
	if c.err != nil || c.done {
		return c.err
	}
	if c.pRows > 0 {
		if c.err = c.flushPage(); c.err != nil {
			return c.err
		}
	}
	c.err = c.finish()
	c.done = true
	return c.err
}

// Finish finishes the columns (see FinishColumn) and the row group. All
// columns must have the same number of rows.
func (rg *RowGroup) Finish() error {
	if rg.finished {
		return fmt.Errorf("colwrite: row group already finished")
	}
	rows := rg.cols[0].rows
	for _, c := range rg.cols {
		if c.err != nil {
			return c.err
		}
		if c.rows != rows {
			return fmt.Errorf("colwrite: column %q has %d rows, column %q has %d", rg.cols[0].spec.Name, rows, c.spec.Name, c.rows)
		}
	}
	for i := range rg.cols {
		if err := rg.FinishColumn(i); err != nil {
			return err
		}
	}
	rg.rows = rows
	rg.finished = true
	return nil
}

// Reset empties the row group for reuse; its buffers are kept.
func (rg *RowGroup) Reset() {
	for _, c := range rg.cols {
		c.reset()
	}
	rg.finished = false
	rg.rows = 0
}

// column returns column i after checking that it is of physical type p.
func (rg *RowGroup) column(i int, p Physical, what string) *column {
	c := rg.cols[i]
	if rg.finished || c.done {
		panic("colwrite: append to a finished column")
	}
	if c.spec.Physical != p {
		panic(fmt.Sprintf("colwrite: %s on column %q of type %s", what, c.spec.Name, c.spec.Physical))
	}
	return c
}

// batches calls fill for consecutive slices [lo, hi) of n rows, cutting
// pages in between: fill appends rows lo..hi to the current page.
func (rg *RowGroup) batches(c *column, n int, valid []bool, fill func(lo, hi int)) {
	if valid != nil {
		if len(valid) != n {
			panic(fmt.Sprintf("colwrite: column %q: %d values but %d validity flags", c.spec.Name, n, len(valid)))
		}
		if !c.spec.Optional {
			for _, ok := range valid {
				if !ok {
					panic(fmt.Sprintf("colwrite: null in required column %q", c.spec.Name))
				}
			}
		}
	}
	const step = 4096 // rows between page size checks
	for lo := 0; lo < n; {
		hi := min(n, lo+step, lo+rg.pageRows-c.pRows)
		if c.spec.Optional {
			var nulls int
			c.levels, nulls = appendLevels(c.levels, valid, lo, hi)
			c.pNulls += nulls
		}
		fill(lo, hi)
		c.pRows += hi - lo
		c.rows += int64(hi - lo)
		lo = hi
		if full := c.dictFull(); full || c.pRows >= rg.pageRows || c.pageSize() >= rg.pageBytes {
			if err := c.flushPage(); err != nil && c.err == nil {
				c.err = err
			}
			c.spill = c.spill || full // after the last dictionary page
		}
	}
}

// appendLevels appends the definition levels of rows lo..hi (1 present, 0
// null) and counts the nulls.
func appendLevels(levels []byte, valid []bool, lo, hi int) ([]byte, int) {
	n := len(levels)
	levels = slices.Grow(levels, hi-lo)[:n+hi-lo]
	out := levels[n:]
	if valid == nil {
		for i := range out {
			out[i] = 1
		}
		return levels, 0
	}
	nulls := 0
	for i, ok := range valid[lo:hi] {
		l := byte(0)
		if ok {
			l = 1
		}
		out[i] = l
		nulls += int(1 - l)
	}
	return levels, nulls
}

// chunk returns column i's finished chunk: its metadata with offsets relative
// to the chunk's first byte, and its bytes: the dictionary page, the data
// pages spooled to disk (the first spooled bytes of file), then the data
// pages in memory.
func (rg *RowGroup) chunk(i int) (meta format.ColumnChunk, dict []byte, file *os.File, spooled int64, pages [][]byte, err error) {
	c := rg.cols[i]
	return c.chunk, c.dictPage, c.pages.file, c.pages.spooled, c.pages.bufs[:c.pages.n], c.pages.err
}

// SpoolTo makes the row group keep about perColumn bytes at most of each
// column's encoded pages in memory and append the rest to temporary files
// in dir (one per column, created when first needed), so that a large row
// group, whose chunks are all held until it is written, does not hold them
// in memory. The files are removed by Close (on Unix at once: they live
// while open, and nothing is left if the process dies). The bytes written
// are the same.
func (rg *RowGroup) SpoolTo(dir string, perColumn int) {
	for _, c := range rg.cols {
		c.pages.dir, c.pages.spoolAt = dir, max(perColumn, 1)
	}
}

// Close releases the row group's spool files.
func (rg *RowGroup) Close() error {
	var err error
	for _, c := range rg.cols {
		if cerr := c.pages.close(); err == nil {
			err = cerr
		}
	}
	return err
}
