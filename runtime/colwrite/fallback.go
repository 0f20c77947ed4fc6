package colwrite

import (
	"encoding/binary"
	"math"
)

// DefaultDictBytes is the dictionary size (PLAIN-encoded bytes) after which
// a column chunk falls back to PLAIN data pages, as Arrow's and
// parquet-java's dictionary page size limits do (1 MiB there too).
const DefaultDictBytes = 1 << 20

// Dictionary fallback: a dictionary column chunk keeps its dictionary while
// it stays below the limit. Once it reaches the limit (checked every few
// thousand rows, so it may exceed it by that many values), the page being
// filled is written as RLE_DICTIONARY, the dictionary is frozen, and the
// rest of the column chunk is written as PLAIN data pages: values are
// rendered per row, nothing more is added to the dictionary or its key
// map. The chunk then has a dictionary page, RLE_DICTIONARY data pages and
// PLAIN data pages, in that order, which the format allows; its encodings
// and encoding stats list both. So a chunk's dictionary and key map stay
// bounded, whatever the number of distinct values the caller's keys come
// from. The next row group starts with an empty dictionary again.

// SetDictLimit sets the dictionary size, in PLAIN-encoded bytes, after which
// a dictionary column chunk falls back to PLAIN data pages. bytes <= 0
// disables the fallback. The default is DefaultDictBytes.
func (rg *RowGroup) SetDictLimit(bytes int) {
	if bytes <= 0 {
		bytes = -1
	}
	for _, c := range rg.cols {
		c.limit = bytes
	}
}

// dictFull reports whether c is a dictionary column still writing
// dictionary pages whose dictionary has reached its limit.
func (c *column) dictFull() bool {
	if c.spec.Encoding != Dict || c.spill || c.limit < 0 {
		return false
	}
	limit := c.limit
	if limit == 0 {
		limit = DefaultDictBytes
	}
	return len(c.dict) >= limit
}

// keyedPlain appends keyed values as PLAIN: rendered with format
// (BYTE_ARRAY) or value (DOUBLE), per row, with the page bounds.
func keyedPlain[K Key](c *column, keys []K, valid []bool, format func([]byte, uint64) []byte, value func(uint64) float64) {
	p := c.plain
	if format != nil {
		for i, k := range keys {
			if valid != nil && !valid[i] {
				continue
			}
			off := len(p)
			p = format(append(p, 0, 0, 0, 0), uint64(k))
			binary.LittleEndian.PutUint32(p[off:], uint32(len(p)-off-4))
			c.pb.bytes(p[off+4:])
		}
	} else {
		for i, k := range keys {
			if valid != nil && !valid[i] {
				continue
			}
			v := value(uint64(k))
			p = binary.LittleEndian.AppendUint64(p, math.Float64bits(v))
			c.pb.double(v)
		}
	}
	c.plain = p
}
