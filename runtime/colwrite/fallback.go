package colwrite

import (
	"encoding/binary"
	"math"
	"slices"
	"unsafe"
)

// DefaultDictBytes is the dictionary size (PLAIN-encoded bytes) after which
// a column chunk falls back, as Arrow's and parquet-java's dictionary page
// size limits do (1 MiB there too).
const DefaultDictBytes = 1 << 20

// Dictionary fallback: a dictionary column chunk keeps its dictionary while
// it stays below the limit and pays for itself. Once it reaches the limit,
// or once its first idleRows values are more than idleShare distinct (ids
// drawn from a population larger than the row group: each value would sit
// in the dictionary and be indexed about once), the page being filled is
// written as RLE_DICTIONARY, the dictionary is frozen, and the rest of the
// column chunk is written with the encoding of its values' type, as
// DuckDB's and parquet-java's v2 writers do: DELTA_BYTE_ARRAY for strings
// (ids share their prefix with the previous value), DELTA_BINARY_PACKED for
// integers, BYTE_STREAM_SPLIT for doubles (Snappy then finds the repeated
// sign and exponent bytes). Values are rendered per row; nothing more is
// added to the dictionary or its key map. Both checks run every few
// thousand rows and are pure functions of the chunk's values, so the bytes
// do not depend on the workers. The chunk's encodings and encoding stats
// list every encoding it uses. The next row group starts with an empty
// dictionary again.

// idleRows and idleShare: a chunk whose first idleRows values hold more than
// idleShare distinct values falls back at once.
const (
	idleRows  = 16384
	idleShare = 0.75
)

// SetDictLimit sets the dictionary size, in PLAIN-encoded bytes, after which
// a dictionary column chunk falls back. bytes <= 0 disables the fallback
// (both the size limit and the distinct-share check). The default is
// DefaultDictBytes.
func (rg *RowGroup) SetDictLimit(bytes int) {
	if bytes <= 0 {
		bytes = -1
	}
	for _, c := range rg.cols {
		c.limit = bytes
	}
}

// dictFull reports whether c is a dictionary column still writing
// dictionary pages whose dictionary has reached its limit, or whose first
// idleRows values were nearly all distinct.
func (c *column) dictFull() bool {
	if c.spec.Encoding != Dict || c.spill || c.limit < 0 {
		return false
	}
	limit := c.limit
	if limit == 0 {
		limit = DefaultDictBytes
	}
	if len(c.dict) >= limit {
		return true
	}
	values := c.rows - c.nulls - int64(c.pNulls)
	return values >= idleRows && values < 2*idleRows && float64(c.ndict) > idleShare*float64(values)
}

// deltaInts reports whether INT64 values go to DELTA_BINARY_PACKED pages.
func (c *column) deltaInts() bool {
	return c.spec.Physical == Int64 && (c.spec.Encoding == Delta || c.spill)
}

// deltaBytes reports whether BYTE_ARRAY values go to DELTA_BYTE_ARRAY pages.
func (c *column) deltaBytes() bool {
	return c.spec.Physical == ByteArray && (c.spec.Encoding == Delta || c.spill)
}

// splitDoubles reports whether DOUBLE values go to BYTE_STREAM_SPLIT pages.
func (c *column) splitDoubles() bool {
	return c.spec.Physical == Double && c.spill
}

// keyedFallback appends keyed values to a fallback page: rendered with
// format (BYTE_ARRAY, as DELTA_BYTE_ARRAY) or value (DOUBLE), per row, with
// the page bounds.
func keyedFallback[K Key](c *column, keys []K, valid []bool, format func([]byte, uint64) []byte, value func(uint64) float64) {
	if format != nil {
		// locals, stored back once: a slice stored into *c is a pointer
		// write, behind the collector's write barrier while it marks
		prev, cur := c.prev, c.cur
		pre, suf, plain := slices.Grow(c.pre, len(keys)), slices.Grow(c.suf, len(keys)), c.plain
		for i, k := range keys {
			if valid != nil && !valid[i] {
				continue
			}
			cur = format(cur[:0], uint64(k))
			p := commonPrefix(unsafe.String(unsafe.SliceData(prev), len(prev)), unsafe.String(unsafe.SliceData(cur), len(cur)))
			pre = append(pre, int32(p))
			suf = append(suf, int32(len(cur)-p))
			plain = append(plain, cur[p:]...)
			c.pb.bytes(cur)
			prev, cur = cur, prev
		}
		c.prev, c.cur, c.pre, c.suf, c.plain = prev, cur, pre, suf, plain
		return
	}
	p := c.plain
	for i, k := range keys {
		if valid != nil && !valid[i] {
			continue
		}
		v := value(uint64(k))
		p = binary.LittleEndian.AppendUint64(p, math.Float64bits(v))
		c.pb.double(v)
	}
	c.plain = p
}

// appendSplit appends PLAIN 8-byte values as BYTE_STREAM_SPLIT: byte k of
// every value, for k = 0..7.
func appendSplit(dst, plain []byte) []byte {
	n := len(plain) / 8
	off := len(dst)
	dst = slices.Grow(dst, len(plain))[:off+len(plain)]
	out := dst[off:]
	for i := range n {
		v := plain[8*i : 8*i+8]
		for k, b := range v {
			out[k*n+i] = b
		}
	}
	return dst
}
