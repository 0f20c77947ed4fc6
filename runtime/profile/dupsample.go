package profile

// hashSample is adaptive distinct sampling (Gibbons 2001) over 64-bit hashes:
// it keeps every hash whose top `level` bits are zero, with its exact number
// of occurrences, and raises the level (halving the sampled share of the hash
// space) whenever more than `cap` hashes are kept. Because a value is either
// always or never sampled, repeats are counted exactly inside the sample; the
// duplicate count of the whole stream is estimated as the sampled duplicates
// times 2^level. At level 0 (fewer than `cap` distinct values) the counts are
// exact, up to 64-bit hash collisions (probability ≈ n²/2^65).
type hashSample struct {
	cap   int
	level uint
	seen  map[uint64]uint32
}

func newHashSample(cap int) *hashSample {
	return &hashSample{cap: cap, seen: make(map[uint64]uint32, cap+1)}
}

func (s *hashSample) add(h uint64) { s.addN(h, 1) }

// addN counts c occurrences of h.
func (s *hashSample) addN(h uint64, c uint32) {
	if s.level > 0 && h>>(64-s.level) != 0 {
		return
	}
	s.seen[h] += c
	if len(s.seen) > s.cap {
		s.level++
		for k := range s.seen {
			if k>>(64-s.level) != 0 {
				delete(s.seen, k)
			}
		}
	}
}

// duplicates estimates how many items repeat an earlier item.
func (s *hashSample) duplicates() (est float64, exact bool) {
	var d uint64
	for _, c := range s.seen {
		d += uint64(c - 1)
	}
	return float64(d) * float64(uint64(1)<<s.level), s.level == 0
}

// rate is the sampled share of the hash space.
func (s *hashSample) rate() float64 { return 1 / float64(uint64(1)<<s.level) }
