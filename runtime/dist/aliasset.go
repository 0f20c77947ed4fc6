package dist

import "github.com/paygen/paygen/runtime/rng"

// AliasSet is a family of alias tables (one per hour, one per country) in
// one array, drawn from by index. A draw reads the table's bounds and one
// slot, where a slice of *Alias costs a pointer, a slice header and then
// the slot, scattered over the heap. Draws equal the tables' own Pick.
type AliasSet struct {
	slots []aliasSlot
	off   []uint32 // table i is slots[off[i]:off[i+1]]
}

// Add appends a copy of a (nil: an empty table) and returns its index.
func (s *AliasSet) Add(a *Alias) int {
	if s.off == nil {
		s.off = []uint32{0}
	}
	if a != nil {
		s.slots = append(s.slots, a.slots...)
	}
	s.off = append(s.off, uint32(len(s.slots)))
	return len(s.off) - 2
}

// NewAliasSet returns a set of len(sizes) tables of sizes[i] outcomes (0: an
// empty table), to be built by Fill, concurrently for different tables.
func NewAliasSet(sizes []int) AliasSet {
	s := AliasSet{off: make([]uint32, len(sizes)+1)}
	n := 0
	for i, k := range sizes {
		n += k
		s.off[i+1] = uint32(n)
	}
	s.slots = make([]aliasSlot, n)
	return s
}

// Fill builds table i of a set from NewAliasSet from weights (as many as
// its outcomes), as NewAlias(weights) would, with b's working memory.
func (s *AliasSet) Fill(i int, weights []float64, b *AliasScratch) {
	slots := s.slots[s.off[i]:s.off[i+1]]
	if len(weights) != len(slots) {
		panic("dist: AliasSet.Fill: weights do not match the table's size")
	}
	b.build(slots, weights)
}

// Tables is the number of tables.
func (s *AliasSet) Tables() int { return max(0, len(s.off)-1) }

// Len is the number of outcomes of table i (0 for an empty table).
func (s *AliasSet) Len(i int) int { return int(s.off[i+1] - s.off[i]) }

// Pick maps 64 random bits to an outcome of table i, as table i's Alias.Pick
// does. Table i must not be empty.
func (s *AliasSet) Pick(i int, x uint64) int {
	lo, hi := s.off[i], s.off[i+1]
	j := rng.Below(x, uint64(hi-lo))
	if sl := s.slots[lo+uint32(j)]; uint32(x) >= sl.cut {
		return int(sl.alias)
	}
	return int(j)
}
