package contract

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"math"
	"strconv"

	"github.com/paygen/paygen/runtime/colscan"
)

// memo caches a per-dictionary-entry verdict so that dictionary-encoded columns test each
// distinct value once per column chunk instead of once per row.
type memo struct {
	id  int
	bad []bool
}

// verdicts returns bad[i] for every entry of the batch dictionary.
func (m *memo) verdicts(b *colscan.Batch[[]byte], isBad func([]byte) bool) []bool {
	if m.id != b.DictID || m.bad == nil {
		m.id = b.DictID
		m.bad = m.bad[:0]
		for _, v := range b.Dict {
			m.bad = append(m.bad, isBad(v))
		}
	}
	return m.bad
}

// byteRule counts non-null values for which isBad is true.
type byteRule struct {
	isBad      func([]byte) bool
	memo       memo
	n, badRows int64
	s          sampler
}

func (c *byteRule) bytes(b *colscan.Batch[[]byte]) {
	if b.Dict != nil {
		bad := c.memo.verdicts(b, c.isBad)
		for i, k := range b.Index {
			if !b.Valid[i] {
				continue
			}
			c.n++
			if bad[k] {
				c.badRows++
				c.s.addBytes(b.Values[i])
			}
		}
		return
	}
	for i, v := range b.Values {
		if !b.Valid[i] {
			continue
		}
		c.n++
		if c.isBad(v) {
			c.badRows++
			c.s.addBytes(v)
		}
	}
}

func (c *byteRule) finish(r *Result) {
	r.ElementCount, r.UnexpectedCount = c.n, c.badRows
	r.UnexpectedPercent = pct(c.badRows, c.n)
	r.UnexpectedSamples = c.s.list()
	r.Observed = fmt.Sprintf("%d values checked", c.n)
	r.Success = c.badRows == 0
}

func newInSet(set map[string]struct{}) *byteRule {
	return &byteRule{isBad: func(v []byte) bool {
		_, ok := set[string(v)]
		return !ok
	}}
}

func newPattern(m *matcher) *byteRule {
	return &byteRule{isBad: func(v []byte) bool { return !m.Match(v) }}
}

// intInSet checks integer columns against a set of integers.
type intInSet struct {
	set        map[int64]struct{}
	kind       numKind
	n, badRows int64
	s          sampler
}

func (c *intInSet) ints(b *colscan.Batch[int64]) {
	for i, v := range b.Values {
		if !b.Valid[i] {
			continue
		}
		c.n++
		if _, ok := c.set[v]; !ok {
			c.badRows++
			if !c.s.full() {
				c.s.add(c.kind.format(v))
			}
		}
	}
}

func (c *intInSet) finish(r *Result) {
	r.ElementCount, r.UnexpectedCount = c.n, c.badRows
	r.UnexpectedPercent = pct(c.badRows, c.n)
	r.UnexpectedSamples = c.s.list()
	r.Observed = fmt.Sprintf("%d values checked", c.n)
	r.Success = c.badRows == 0
}

// uniqueCheck first streams: while every value is greater than the one before (ids ordered
// like the rows, as paygen writes them), the values are distinct and nothing is kept but the
// last one, so memory stays bounded at any row count (issue 16). When the order breaks, it
// stops, and rescan reads the column again remembering a 64-bit hash of every distinct value
// (exact values for numbers). For byte values two different values collide with probability
// about n²/2^65 (≈ 2.7e-8 for one million values), which would report a false duplicate.
type uniqueCheck struct {
	seed       maphash.Seed
	hint       int64
	hashes     *u64set // nil while ordered
	ordered    bool    // every value so far is greater than the previous one
	prevB      []byte
	prevI      int64
	prevF      float64
	kind       numKind
	dictID     int
	dictHashes []uint64
	n, dups    int64
	s          sampler
}

func newUnique(hint int64) *uniqueCheck {
	return &uniqueCheck{seed: maphash.MakeSeed(), hint: hint, ordered: true}
}

// unordered ends the streaming pass: the column must be read again with a hash set.
func (c *uniqueCheck) unordered() {
	c.ordered, c.n = false, 0
	c.prevB = nil
}

// rescan reads column col of f again, remembering every distinct value, once the ordered
// pass has failed.
func (c *uniqueCheck) rescan(f *colscan.File, col int, cls string) error {
	if c.ordered || c.hashes != nil {
		return nil
	}
	c.hashes = newU64Set(int(min(c.hint, 1<<24)))
	switch cls {
	case "bytes":
		return f.BytesBatches(col, func(b *colscan.Batch[[]byte]) error { c.bytes(b); return nil })
	case "int":
		return f.Int64Batches(col, func(b *colscan.Batch[int64]) error { c.ints(b); return nil })
	case "float":
		return f.Float64Batches(col, func(b *colscan.Batch[float64]) error { c.floats(b); return nil })
	}
	return f.BoolBatches(col, func(b *colscan.Batch[bool]) error { c.bools(b); return nil })
}

// seen records h and reports whether it was already present.
func (c *uniqueCheck) seen(h uint64) bool { return !c.hashes.add(h) }

// orderedBytes is the streaming pass over byte values.
func (c *uniqueCheck) orderedBytes(b *colscan.Batch[[]byte]) {
	for i, v := range b.Values {
		if !b.Valid[i] {
			continue
		}
		if c.n > 0 && bytes.Compare(v, c.prevB) <= 0 {
			c.unordered()
			return
		}
		c.prevB = append(c.prevB[:0], v...)
		c.n++
	}
}

func (c *uniqueCheck) bytes(b *colscan.Batch[[]byte]) {
	if c.ordered {
		c.orderedBytes(b)
		return
	}
	if c.hashes == nil {
		return // unordered: the rescan counts
	}
	if b.Dict != nil && (c.dictID != b.DictID || c.dictHashes == nil) {
		c.dictID = b.DictID
		c.dictHashes = c.dictHashes[:0]
		for _, v := range b.Dict {
			c.dictHashes = append(c.dictHashes, maphash.Bytes(c.seed, v))
		}
	}
	for i, v := range b.Values {
		if !b.Valid[i] {
			continue
		}
		c.n++
		var h uint64
		if b.Dict != nil {
			h = c.dictHashes[b.Index[i]]
		} else {
			h = maphash.Bytes(c.seed, v)
		}
		if c.seen(h) {
			c.dups++
			c.s.addBytes(v)
		}
	}
}

func (c *uniqueCheck) ints(b *colscan.Batch[int64]) {
	if !c.ordered && c.hashes == nil {
		return
	}
	for i, v := range b.Values {
		if !b.Valid[i] {
			continue
		}
		if c.ordered {
			if c.n > 0 && v <= c.prevI {
				c.unordered()
				return
			}
			c.prevI = v
			c.n++
			continue
		}
		c.n++
		if c.seen(uint64(v)) {
			c.dups++
			if !c.s.full() {
				c.s.add(c.kind.format(v))
			}
		}
	}
}

func (c *uniqueCheck) floats(b *colscan.Batch[float64]) {
	if !c.ordered && c.hashes == nil {
		return
	}
	for i, v := range b.Values {
		if !b.Valid[i] {
			continue
		}
		if v == 0 {
			v = 0 // -0 and +0 are the same value
		}
		if c.ordered {
			if c.n > 0 && !(v > c.prevF) || v != v { // NaN breaks the order
				c.unordered()
				return
			}
			c.prevF = v
			c.n++
			continue
		}
		c.n++
		if c.seen(math.Float64bits(v)) {
			c.dups++
			c.s.add(num(v))
		}
	}
}

func (c *uniqueCheck) bools(b *colscan.Batch[bool]) {
	if c.ordered { // two values at most: hash them from the start
		c.ordered, c.hashes = false, newU64Set(4)
	}
	for i, v := range b.Values {
		if !b.Valid[i] {
			continue
		}
		c.n++
		h := uint64(0)
		if v {
			h = 1
		}
		if c.seen(h) {
			c.dups++
			c.s.add(strconv.FormatBool(v))
		}
	}
}

func (c *uniqueCheck) finish(r *Result) {
	r.ElementCount, r.UnexpectedCount = c.n, c.dups
	r.UnexpectedPercent = pct(c.dups, c.n)
	r.UnexpectedSamples = c.s.list()
	distinct := c.n
	if c.hashes != nil {
		distinct = int64(c.hashes.len())
	}
	r.Observed = fmt.Sprintf("%d distinct of %d values", distinct, c.n)
	r.Success = c.dups == 0
	c.hashes = nil
}
