package colwrite

// chunks is an append-only byte buffer kept as a list of slices: growing it
// never copies what it holds nor leaves the old array behind as garbage,
// which matters for a column's pages (megabytes per row group, with several
// row groups in memory). Reset keeps the slices for reuse.
type chunks struct {
	bufs [][]byte // bufs[:n] hold the data; the rest are spare
	n    int
	size int
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

// len is the number of bytes held.
func (c *chunks) len() int { return c.size }

// reset empties the buffer and keeps its chunks.
func (c *chunks) reset() {
	for i := range c.bufs[:c.n] {
		c.bufs[i] = c.bufs[i][:0]
	}
	c.n, c.size = 0, 0
}
