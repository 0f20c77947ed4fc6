package contract

import (
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

// uniqueCheck remembers a 64-bit hash of every distinct value (exact values for numbers).
// For byte values two different values collide with probability about n²/2^65
// (≈ 2.7e-8 for one million values), which would report a false duplicate.
type uniqueCheck struct {
	seed       maphash.Seed
	hashes     *u64set
	kind       numKind
	dictID     int
	dictHashes []uint64
	n, dups    int64
	s          sampler
}

func newUnique(hint int64) *uniqueCheck {
	return &uniqueCheck{seed: maphash.MakeSeed(), hashes: newU64Set(int(min(hint, 1<<24)))}
}

// seen records h and reports whether it was already present.
func (c *uniqueCheck) seen(h uint64) bool { return !c.hashes.add(h) }

func (c *uniqueCheck) bytes(b *colscan.Batch[[]byte]) {
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
	for i, v := range b.Values {
		if !b.Valid[i] {
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
	for i, v := range b.Values {
		if !b.Valid[i] {
			continue
		}
		c.n++
		if v == 0 {
			v = 0 // -0 and +0 are the same value
		}
		if c.seen(math.Float64bits(v)) {
			c.dups++
			c.s.add(num(v))
		}
	}
}

func (c *uniqueCheck) bools(b *colscan.Batch[bool]) {
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
	r.Observed = fmt.Sprintf("%d distinct of %d values", c.hashes.len(), c.n)
	r.Success = c.dups == 0
	c.hashes = nil
}
