package colwrite

import (
	"fmt"
	"os"
	"runtime"
)

// chunks is an append-only byte buffer kept as a list of slices: growing it
// never copies what it holds nor leaves the old array behind as garbage,
// which matters for a column's pages (megabytes per row group, with several
// row groups in memory). Reset keeps the slices for reuse.
type chunks struct {
	bufs [][]byte // bufs[:n] hold the data; the rest are spare
	n    int
	size int // bytes in bufs[:n]

	// Spooling (RowGroup.SpoolTo): once bufs hold spoolAt bytes they are
	// appended to file, a temporary file in dir, and the memory is reused;
	// the data is then file[:spooled] followed by bufs[:n].
	spoolAt int
	dir     string
	file    *os.File
	spooled int64
	err     error // the first spooling error
}

// Chunks start small (most columns compress to little) and grow with the
// column up to maxChunk.
const (
	minChunk = 32 << 10
	maxChunk = 1 << 20
)

func (c *chunks) append(p []byte) {
	for len(p) > 0 {
		if c.n == 0 || len(c.bufs[c.n-1]) == cap(c.bufs[c.n-1]) {
			c.grow()
		}
		b := &c.bufs[c.n-1]
		k := min(len(p), cap(*b)-len(*b))
		*b = append(*b, p[:k]...)
		p = p[k:]
		c.size += k
	}
	if c.spoolAt > 0 && c.size >= c.spoolAt {
		c.spool()
	}
}

// spool appends the chunks in memory to the temporary file and empties
// them.
func (c *chunks) spool() {
	if c.err != nil {
		return
	}
	if c.file == nil {
		f, err := os.CreateTemp(c.dir, ".paygen-spool-*")
		if err != nil {
			c.err = fmt.Errorf("colwrite: spooling a column chunk: %w", err)
			return
		}
		if runtime.GOOS != "windows" {
			os.Remove(f.Name()) // open, it stays until closed; nothing is left if the process dies
		}
		c.file = f
	}
	for _, b := range c.bufs[:c.n] {
		if _, err := c.file.WriteAt(b, c.spooled); err != nil {
			c.err = fmt.Errorf("colwrite: spooling a column chunk: %w", err)
			return
		}
		c.spooled += int64(len(b))
	}
	for i := range c.bufs[:c.n] {
		c.bufs[i] = c.bufs[i][:0]
	}
	c.n, c.size = 0, 0
}

// close removes the temporary file, if any.
func (c *chunks) close() error {
	if c.file == nil {
		return nil
	}
	err := c.file.Close()
	if runtime.GOOS == "windows" {
		if rerr := os.Remove(c.file.Name()); err == nil {
			err = rerr
		}
	}
	c.file, c.spooled = nil, 0
	return err
}

// grow starts the next chunk: a spare one, or a new one about as large as
// the data so far.
func (c *chunks) grow() {
	if c.n < len(c.bufs) {
		c.bufs[c.n] = c.bufs[c.n][:0]
	} else {
		c.bufs = append(c.bufs, make([]byte, 0, min(max(minChunk, c.size), maxChunk)))
	}
	c.n++
}

// len is the number of bytes held, spooled or in memory.
func (c *chunks) len() int { return int(c.spooled) + c.size }

// reset empties the buffer and keeps its chunks.
func (c *chunks) reset() {
	for i := range c.bufs[:c.n] {
		c.bufs[i] = c.bufs[i][:0]
	}
	c.n, c.size = 0, 0
	c.spooled, c.err = 0, nil // a spool file is overwritten from its start
}
