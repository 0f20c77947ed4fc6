// Package dist holds the discrete and continuous distributions the world draws from: alias tables, cumulative pickers, Zipf weights.
package dist

import (
	"math"

	"github.com/paygen/paygen/runtime/rng"
)

// Alias samples an index with probability proportional to its weight in O(1)
// (Vose's alias method). One 64-bit random value drives one draw.
type Alias struct {
	slots []aliasSlot
}

// aliasSlot keeps an outcome's threshold and alias together: a draw reads
// one cache line.
type aliasSlot struct {
	cut   uint32 // acceptance threshold scaled to 2^32
	alias uint32
}

// NewAlias builds an alias table; weights must be non-negative with a positive sum.
func NewAlias(weights []float64) *Alias {
	n := len(weights)
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	a := &Alias{slots: make([]aliasSlot, n)}
	p := make([]float64, n)
	var small, large []int
	for i, w := range weights {
		p[i] = w * float64(n) / sum
		if p[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		a.slots[s] = aliasSlot{cut: uint32(math.Min(p[s]*(1<<32), math.MaxUint32)), alias: uint32(l)}
		p[l] -= 1 - p[s]
		if p[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		a.slots[i] = aliasSlot{cut: math.MaxUint32, alias: uint32(i)}
	}
	return a
}

// Len is the number of outcomes.
func (a *Alias) Len() int { return len(a.slots) }

// Pick maps 64 random bits to an outcome.
func (a *Alias) Pick(x uint64) int {
	i := rng.Below(x, uint64(len(a.slots)))
	if s := a.slots[i]; uint32(x) >= s.cut {
		return int(s.alias)
	}
	return int(i)
}

// ZipfWeights returns n weights proportional to 1/(rank+1)^s.
func ZipfWeights(n int, s float64) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = math.Pow(float64(i+1), -s)
	}
	return w
}
