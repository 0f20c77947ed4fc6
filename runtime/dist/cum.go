package dist

// Cum picks an index from a short list of weights by binary search over the
// cumulative distribution; cheaper to build than an Alias for tiny sets.
type Cum struct {
	c []float64 // normalized cumulative weights, last = 1
}

// NewCum builds a picker; weights must be non-negative with a positive sum.
func NewCum(weights []float64) Cum {
	c := make([]float64, len(weights))
	s := 0.0
	for i, w := range weights {
		s += w
		c[i] = s
	}
	for i := range c {
		c[i] /= s
	}
	c[len(c)-1] = 1
	return Cum{c: c}
}

// Pick maps u in [0,1) to an index.
func (p Cum) Pick(u float64) int {
	lo, hi := 0, len(p.c)-1
	for lo < hi {
		m := (lo + hi) >> 1
		if u < p.c[m] {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// Len is the number of outcomes.
func (p Cum) Len() int { return len(p.c) }
