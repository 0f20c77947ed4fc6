package colwrite

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"unsafe"
)

// Int64 appends INT64 values (timestamps and decimals included). valid
// marks the present values (nil: all present); the values of null rows are
// ignored. On a Dict column the values themselves key the dictionary.
func (rg *RowGroup) Int64(col int, vals []int64, valid []bool) {
	c := rg.column(col, Int64, "Int64")
	rg.batches(c, len(vals), valid, func(lo, hi int) {
		c.int64s(vals[lo:hi], part(valid, lo, hi))
	})
}

// Double appends DOUBLE values; see Int64.
func (rg *RowGroup) Double(col int, vals []float64, valid []bool) {
	c := rg.column(col, Double, "Double")
	rg.batches(c, len(vals), valid, func(lo, hi int) {
		c.doubles(vals[lo:hi], part(valid, lo, hi))
	})
}

// Bool appends BOOLEAN values; see Int64.
func (rg *RowGroup) Bool(col int, vals []bool, valid []bool) {
	c := rg.column(col, Boolean, "Bool")
	rg.batches(c, len(vals), valid, func(lo, hi int) {
		c.bools(vals[lo:hi], part(valid, lo, hi))
	})
}

// Strings appends BYTE_ARRAY values. On a Dict column the dictionary is
// keyed by the strings themselves (a string-keyed map: slower than Keyed).
func (rg *RowGroup) Strings(col int, vals []string, valid []bool) {
	c := rg.column(col, ByteArray, "Strings")
	rg.batches(c, len(vals), valid, func(lo, hi int) {
		c.strings(vals[lo:hi], part(valid, lo, hi))
	})
}

// Key is the type of dictionary keys: unsigned integers of any width, so
// callers pass the ids and indexes they hold without widening them.
type Key interface {
	~uint8 | ~uint16 | ~uint32 | ~uint64
}

// Keyed appends a dictionary-encoded BYTE_ARRAY column whose values are
// identified by integer keys the caller already has (vocabulary index,
// entity id...): equal keys must stand for equal values within the row
// group. The first time a key occurs in the row group, format appends its
// value to dst and returns the extended slice.
func (rg *RowGroup) Keyed(col int, keys []uint64, valid []bool, format func(dst []byte, key uint64) []byte) {
	AppendKeyed(rg, col, keys, valid, format)
}

// KeyedDouble is Keyed for a dictionary-encoded DOUBLE column: value returns
// a key's value the first time the key occurs in the row group.
func (rg *RowGroup) KeyedDouble(col int, keys []uint64, valid []bool, value func(key uint64) float64) {
	AppendKeyedDouble(rg, col, keys, valid, value)
}

// AppendKeyed is rg.Keyed for keys of any unsigned width.
func AppendKeyed[K Key](rg *RowGroup, col int, keys []K, valid []bool, format func(dst []byte, key uint64) []byte) {
	c := rg.column(col, ByteArray, "Keyed")
	c.mustDict("Keyed")
	rg.batches(c, len(keys), valid, func(lo, hi int) {
		keyed(c, keys[lo:hi], part(valid, lo, hi), format, nil)
	})
}

// AppendKeyedDouble is rg.KeyedDouble for keys of any unsigned width.
func AppendKeyedDouble[K Key](rg *RowGroup, col int, keys []K, valid []bool, value func(key uint64) float64) {
	c := rg.column(col, Double, "KeyedDouble")
	c.mustDict("KeyedDouble")
	rg.batches(c, len(keys), valid, func(lo, hi int) {
		keyed(c, keys[lo:hi], part(valid, lo, hi), nil, value)
	})
}

func part(valid []bool, lo, hi int) []bool {
	if valid == nil {
		return nil
	}
	return valid[lo:hi]
}

func (c *column) mustDict(what string) {
	if c.spec.Encoding != Dict {
		panic(fmt.Sprintf("colwrite: %s on column %q, which is not dictionary-encoded", what, c.spec.Name))
	}
}

func (c *column) int64s(vals []int64, valid []bool) {
	if c.spec.Encoding == Dict && !c.spill {
		c.valueKeyed(unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(vals))), len(vals)), valid)
		return
	}
	mn, mx := int64(math.MaxInt64), int64(math.MinInt64)
	n := 0
	if c.deltaInts() {
		c.ints = slices.Grow(c.ints, len(vals))
		for i, v := range vals {
			if valid != nil && !valid[i] {
				continue
			}
			c.ints = append(c.ints, v)
			mn, mx = min(mn, v), max(mx, v)
			n++
		}
	} else {
		p := slices.Grow(c.plain, 8*len(vals))
		for i, v := range vals {
			if valid != nil && !valid[i] {
				continue
			}
			p = binary.LittleEndian.AppendUint64(p, uint64(v))
			mn, mx = min(mn, v), max(mx, v)
			n++
		}
		c.plain = p
	}
	if n > 0 {
		c.pb.int64(mn)
		c.pb.int64(mx)
	}
}

func (c *column) doubles(vals []float64, valid []bool) {
	if c.spec.Encoding == Dict && !c.spill {
		c.valueKeyed(unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(vals))), len(vals)), valid)
		return
	}
	mn, mx := math.Inf(1), math.Inf(-1)
	p := slices.Grow(c.plain, 8*len(vals))
	for i, v := range vals {
		if valid != nil && !valid[i] {
			continue
		}
		p = binary.LittleEndian.AppendUint64(p, math.Float64bits(v))
		// Comparisons with NaN are false: NaN takes no part in bounds.
		if v < mn {
			mn = v
		}
		if v > mx {
			mx = v
		}
	}
	c.plain = p
	if mn <= mx {
		c.pb.double(mn)
		c.pb.double(mx)
	}
}

func (c *column) bools(vals []bool, valid []bool) {
	var seen [2]bool
	p, nb := c.plain, c.nbits
	i := 0
	if valid == nil {
		// Whole bytes at a time once the page's bits are byte-aligned.
		for ; i < len(vals) && nb&7 != 0; i++ {
			p, nb = appendBit(p, nb, vals[i])
			seen[b2i(vals[i])] = true
		}
		for ; i+8 <= len(vals); i += 8 {
			var x byte
			for j, v := range vals[i : i+8] {
				x |= byte(b2i(v)) << j
			}
			p = append(p, x)
			nb += 8
			seen[0] = seen[0] || x != 0xff
			seen[1] = seen[1] || x != 0
		}
	}
	for ; i < len(vals); i++ {
		if valid != nil && !valid[i] {
			continue
		}
		p, nb = appendBit(p, nb, vals[i])
		seen[b2i(vals[i])] = true
	}
	c.plain, c.nbits = p, nb
	if seen[0] {
		c.pb.int64(0)
	}
	if seen[1] {
		c.pb.int64(1)
	}
}

func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}

// appendBit appends the nb-th bit of a bit-packed (LSB first) buffer.
func appendBit(p []byte, nb int, v bool) ([]byte, int) {
	if nb&7 == 0 {
		p = append(p, 0)
	}
	if v {
		p[len(p)-1] |= 1 << (nb & 7)
	}
	return p, nb + 1
}

func (c *column) strings(vals []string, valid []bool) {
	if c.spec.Encoding == Dict && !c.spill {
		c.stringKeyed(vals, valid)
		return
	}
	var mn, mx string
	have := false
	if c.deltaBytes() {
		// DELTA_BYTE_ARRAY: each value is the length of the prefix it shares
		// with the page's previous value, and the rest. prev aliases the
		// caller's strings until the call ends, then is copied. While the
		// values ascend (ids often do), the shared prefix orders each value
		// against the previous one and the bounds need no comparison.
		prev := unsafe.String(unsafe.SliceData(c.prev), len(c.prev))
		ascending := true
		pre, suf, plain := c.pre, c.suf, c.plain // stored back once (see keyedFallback)
		for i, v := range vals {
			if valid != nil && !valid[i] {
				continue
			}
			p := commonPrefix(prev, v)
			pre = append(pre, int32(p))
			suf = append(suf, int32(len(v)-p))
			plain = append(plain, v[p:]...)
			switch {
			case !have:
				mn, mx, have = v, v, true
			case ascending && !before(v, prev, p):
				mx = v
			case v > mx:
				ascending, mx = false, v
			case v < mn:
				ascending, mn = false, v
			default:
				ascending = false
			}
			prev = v
		}
		c.pre, c.suf, c.plain = pre, suf, plain
		c.prev = append(c.prev[:0], prev...)
	} else {
		for i, v := range vals {
			if valid != nil && !valid[i] {
				continue
			}
			c.plain = binary.LittleEndian.AppendUint32(c.plain, uint32(len(v)))
			c.plain = append(c.plain, v...)
			switch {
			case !have:
				mn, mx, have = v, v, true
			case v > mx:
				mx = v
			case v < mn:
				mn = v
			}
		}
	}
	if have {
		c.pb.string(mn)
		c.pb.string(mx)
	}
}

// before reports whether v sorts before prev, given that they share a prefix
// of p bytes.
func before(v, prev string, p int) bool {
	if p < len(v) && p < len(prev) {
		return v[p] < prev[p]
	}
	return p == len(v) && len(v) < len(prev)
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	x := unsafe.Slice(unsafe.StringData(a), len(a))
	y := unsafe.Slice(unsafe.StringData(b), len(b))
	i := 0
	for ; i+8 <= n; i += 8 {
		if d := binary.LittleEndian.Uint64(x[i:]) ^ binary.LittleEndian.Uint64(y[i:]); d != 0 {
			return i + bits.TrailingZeros64(d)/8
		}
	}
	for ; i < n && x[i] == y[i]; i++ {
	}
	return i
}

// stringKeyed appends dictionary indexes for strings keyed by themselves.
func (c *column) stringKeyed(vals []string, valid []bool) {
	c.idx = slices.Grow(c.idx, len(vals))
	if c.strs == nil {
		c.strs = make(map[string]int32)
	}
	for i, v := range vals {
		if valid != nil && !valid[i] {
			continue
		}
		id, ok := c.strs[v]
		if !ok {
			id = int32(c.ndict)
			off := len(c.dict) + 4
			c.dict = binary.LittleEndian.AppendUint32(c.dict, uint32(len(v)))
			c.dict = append(c.dict, v...)
			c.ndict++
			// The key aliases the dictionary bytes, which are only appended
			// to until reset clears the map.
			key := ""
			if len(v) > 0 {
				key = unsafe.String(&c.dict[off], len(v))
			}
			c.strs[key] = id
		}
		c.idx = append(c.idx, id)
		c.top = max(c.top, id)
	}
}

// keyed appends dictionary indexes for keys, rendering new keys' values with
// format (BYTE_ARRAY) or value (DOUBLE).
func keyed[K Key](c *column, keys []K, valid []bool, format func([]byte, uint64) []byte, value func(uint64) float64) {
	if c.spill {
		keyedFallback(c, keys, valid, format, value)
		return
	}
	n := len(c.idx)
	idx := slices.Grow(c.idx, len(keys))[:n+len(keys)]
	top, dense := c.top, c.keys.dense
	if valid == nil {
		out := idx[n:]
		for i, k := range keys {
			id := int32(-1)
			if uint64(k) < uint64(len(dense)) {
				id = dense[k] - 1
			}
			if id < 0 {
				id = c.key(uint64(k), format, value)
				dense = c.keys.dense
			}
			out[i] = id
			top = max(top, id)
		}
		n += len(keys)
	} else {
		for i, k := range keys {
			if !valid[i] {
				continue
			}
			id := int32(-1)
			if uint64(k) < uint64(len(dense)) {
				id = dense[k] - 1
			}
			if id < 0 {
				id = c.key(uint64(k), format, value)
				dense = c.keys.dense
			}
			idx[n] = id
			n++
			top = max(top, id)
		}
	}
	c.idx, c.top = idx[:n], top
}

// key returns the index of a key not in the dense table: from the hash
// table, or added to the dictionary.
func (c *column) key(k uint64, format func([]byte, uint64) []byte, value func(uint64) float64) int32 {
	if id := c.keys.get(k); id >= 0 {
		return id
	}
	return c.addKey(k, format, value)
}

// addKey adds key's value to the dictionary and returns its index.
func (c *column) addKey(k uint64, format func([]byte, uint64) []byte, value func(uint64) float64) int32 {
	id := int32(c.ndict)
	if format != nil {
		off := len(c.dict)
		c.dict = append(c.dict, 0, 0, 0, 0)
		c.dict = format(c.dict, k)
		binary.LittleEndian.PutUint32(c.dict[off:], uint32(len(c.dict)-off-4))
	} else {
		c.dict = binary.LittleEndian.AppendUint64(c.dict, math.Float64bits(value(k)))
	}
	c.ndict++
	c.keys.put(k, id)
	return id
}

// valueKeyed appends dictionary indexes for 8-byte values keyed by their bits.
func (c *column) valueKeyed(bits []uint64, valid []bool) {
	m := &c.keys
	idx, top := slices.Grow(c.idx, len(bits)), c.top
	for i, k := range bits {
		if valid != nil && !valid[i] {
			continue
		}
		var id int32
		if k < uint64(len(m.dense)) && m.dense[k] != 0 {
			id = m.dense[k] - 1
		} else if id = m.get(k); id < 0 {
			id = int32(c.ndict)
			c.dict = binary.LittleEndian.AppendUint64(c.dict, k)
			c.ndict++
			m.put(k, id)
		}
		idx = append(idx, id)
		top = max(top, id)
	}
	c.idx, c.top = idx, top
}
