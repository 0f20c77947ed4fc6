package contract

// u64set is an open-addressing hash set of uint64 keys (linear probing, load ≤ 0.7),
// about three times faster than a Go map for the Unique check.
type u64set struct {
	slots   []uint64 // 0 = empty; key 0 is stored as hasZero
	n       int
	hasZero bool
	shift   uint
}

func newU64Set(hint int) *u64set {
	size := 16
	for size*7 < hint*10 {
		size <<= 1
	}
	s := &u64set{}
	s.alloc(size)
	return s
}

func (s *u64set) alloc(size int) {
	s.slots = make([]uint64, size)
	s.shift = 64
	for ; size > 1; size >>= 1 {
		s.shift--
	}
}

// add inserts k and reports whether it was new.
func (s *u64set) add(k uint64) bool {
	if k == 0 {
		if s.hasZero {
			return false
		}
		s.hasZero = true
		s.n++
		return true
	}
	if 10*(s.n+1) > 7*len(s.slots) {
		s.grow()
	}
	mask := len(s.slots) - 1
	// Fibonacci hashing spreads keys whose low bits are not random (integer ids).
	i := int((k * 0x9e3779b97f4a7c15) >> s.shift)
	for {
		switch s.slots[i] {
		case 0:
			s.slots[i] = k
			s.n++
			return true
		case k:
			return false
		}
		i = (i + 1) & mask
	}
}

func (s *u64set) grow() {
	old := s.slots
	s.alloc(2 * len(old))
	n, z := s.n, s.hasZero
	s.n = 0
	for _, k := range old {
		if k != 0 {
			s.add(k)
		}
	}
	s.n, s.hasZero = n, z
}

func (s *u64set) len() int { return s.n }
