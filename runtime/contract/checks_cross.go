package contract

import (
	"fmt"

	"github.com/paygen/paygen/runtime/colscan"
)

// Cross-column checks keep one small per-row array per side for the current row group
// (memory bounded by the row-group size), filled concurrently by the goroutines reading
// each column, and compare the sides once the row group is complete.

// rowGrouper is told when a row group starts (before any of its columns is read).
type rowGrouper interface{ rowGroupBegin(start int64, n int) }

// flagSide records one boolean per row: "is valid" for a validity side, "is true" for a
// boolean side.
type flagSide struct {
	start int64
	flags []bool
}

func (s *flagSide) rowGroupBegin(start int64, n int) {
	s.start = start
	if cap(s.flags) < n {
		s.flags = make([]bool, n)
	}
	s.flags = s.flags[:n]
}

func (s *flagSide) valid(v []bool, row int64) { copy(s.flags[row-s.start:], v) }

// trueSide records "valid and true" of a boolean column.
type trueSide struct{ flagSide }

func (s *trueSide) valid([]bool, int64) {}

func (s *trueSide) bools(b *colscan.Batch[bool]) {
	out := s.flags[b.Row-s.start:]
	for i, v := range b.Values {
		out[i] = v && b.Valid[i]
	}
}

// pairCheck compares two flag sides row by row: NullIff (column valid == other true) and
// SameNulls (column valid == other valid).
type pairCheck struct {
	e     Expectation
	a     flagSide
	b     rowGroupSide
	aText [2]string // how to describe the a flag when false/true
	bText [2]string
	rows  int64
	bad   int64
	s     sampler
}

type rowGroupSide interface {
	rowGrouper
	get() []bool
}

func (s *flagSide) get() []bool { return s.flags }

func newNullIff(e Expectation) (*pairCheck, *flagSide, *trueSide) {
	t := &trueSide{}
	c := &pairCheck{e: e, b: t,
		aText: [2]string{e.Column + " null", e.Column + " set"},
		bText: [2]string{e.Other + " false/null", e.Other + " true"}}
	return c, &c.a, t
}

func newSameNulls(e Expectation) (*pairCheck, *flagSide, *flagSide) {
	o := &flagSide{}
	c := &pairCheck{e: e, b: o,
		aText: [2]string{e.Column + " null", e.Column + " set"},
		bText: [2]string{e.Other + " null", e.Other + " set"}}
	return c, &c.a, o
}

func (c *pairCheck) rowGroupBegin(start int64, n int) {
	c.a.rowGroupBegin(start, n)
	c.b.rowGroupBegin(start, n)
}

func (c *pairCheck) rowGroupDone(start int64, n int) {
	a, b := c.a.get(), c.b.get()
	c.rows += int64(n)
	for i := range n {
		if a[i] != b[i] {
			c.bad++
			if !c.s.full() {
				c.s.add(fmt.Sprintf("row %d: %s, %s", start+int64(i), c.aText[b2i(a[i])], c.bText[b2i(b[i])]))
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (c *pairCheck) finish(r *Result) {
	r.ElementCount, r.UnexpectedCount = c.rows, c.bad
	r.UnexpectedPercent = pct(c.bad, c.rows)
	r.UnexpectedSamples = c.s.list()
	r.Observed = fmt.Sprintf("%d of %d rows disagree", c.bad, c.rows)
	r.Success = c.bad == 0
}

// internSide maps each row of a string column to a small id (0 = null).
type internSide struct {
	start  int64
	ids    []uint32
	index  map[string]uint32
	names  []string // names[id-1]
	dictID int
	dict   []uint32
}

func newInternSide() *internSide { return &internSide{index: map[string]uint32{}} }

func (s *internSide) rowGroupBegin(start int64, n int) {
	s.start = start
	if cap(s.ids) < n {
		s.ids = make([]uint32, n)
	}
	s.ids = s.ids[:n]
}

func (s *internSide) intern(v []byte) uint32 {
	if id, ok := s.index[string(v)]; ok {
		return id
	}
	s.names = append(s.names, string(v))
	id := uint32(len(s.names))
	s.index[string(v)] = id
	return id
}

func (s *internSide) bytes(b *colscan.Batch[[]byte]) {
	out := s.ids[b.Row-s.start:]
	if b.Dict != nil && (s.dictID != b.DictID || s.dict == nil) {
		s.dictID = b.DictID
		s.dict = s.dict[:0]
		for _, v := range b.Dict {
			s.dict = append(s.dict, s.intern(v))
		}
	}
	for i, v := range b.Values {
		switch {
		case !b.Valid[i]:
			out[i] = 0
		case b.Dict != nil:
			out[i] = s.dict[b.Index[i]]
		default:
			out[i] = s.intern(v)
		}
	}
}

// currencyCheck: the currency column holds the ISO 4217 currency of the country column.
type currencyCheck struct {
	cur, cty *internSide
	verdict  map[uint64]bool
	n, bad   int64
	s        sampler
}

func newCurrencyCheck() *currencyCheck {
	return &currencyCheck{cur: newInternSide(), cty: newInternSide(), verdict: map[uint64]bool{}}
}

func (c *currencyCheck) rowGroupBegin(start int64, n int) {
	c.cur.rowGroupBegin(start, n)
	c.cty.rowGroupBegin(start, n)
}

func (c *currencyCheck) rowGroupDone(start int64, n int) {
	table := countryCurrency()
	for i := range n {
		cu, co := c.cur.ids[i], c.cty.ids[i]
		if cu == 0 || co == 0 {
			continue
		}
		c.n++
		key := uint64(co)<<32 | uint64(cu)
		ok, known := c.verdict[key]
		if !known {
			want, found := table[c.cty.names[co-1]]
			ok = found && want == c.cur.names[cu-1]
			c.verdict[key] = ok
		}
		if !ok {
			c.bad++
			if !c.s.full() {
				country, currency := c.cty.names[co-1], c.cur.names[cu-1]
				want, found := table[country]
				if !found {
					want = "unknown country"
				}
				c.s.add(fmt.Sprintf("%s with %s (expected %s)", country, currency, want))
			}
		}
	}
}

func (c *currencyCheck) finish(r *Result) {
	r.ElementCount, r.UnexpectedCount = c.n, c.bad
	r.UnexpectedPercent = pct(c.bad, c.n)
	r.UnexpectedSamples = c.s.list()
	r.Observed = fmt.Sprintf("%d of %d rows with another currency", c.bad, c.n)
	r.Success = c.bad == 0
}
