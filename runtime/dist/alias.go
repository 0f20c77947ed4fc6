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
	a := &Alias{slots: make([]aliasSlot, len(weights))}
	var b AliasScratch
	b.build(a.slots, weights)
	return a
}

// AliasScratch is the working memory of building alias tables, reused from
// table to table by one goroutine (AliasSet.Fill).
type AliasScratch struct {
	p   []float64
	idx []int // the small stack from the front, the large one from the back
}

// build fills slots (len(weights) of them) with the alias table of weights.
func (b *AliasScratch) build(slots []aliasSlot, weights []float64) {
	n := len(weights)
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	if cap(b.p) < n {
		b.p, b.idx = make([]float64, n), make([]int, n)
	}
	p, idx := b.p[:n], b.idx[:n]
	// An outcome is on at most one of the two stacks, so they share idx:
	// small is idx[:ns], large is idx[nl:] with its top at idx[nl].
	ns, nl := 0, n
	for i, w := range weights {
		p[i] = w * float64(n) / sum
		if p[i] < 1 {
			idx[ns] = i
			ns++
		}
	}
	for i := range n { // pushed in index order: the top is the last
		if p[i] >= 1 {
			nl--
			idx[nl] = i
		}
	}
	for ns > 0 && nl < n {
		ns--
		s, l := idx[ns], idx[nl]
		slots[s] = aliasSlot{cut: uint32(math.Min(p[s]*(1<<32), math.MaxUint32)), alias: uint32(l)}
		p[l] -= 1 - p[s]
		if p[l] < 1 {
			nl++
			idx[ns] = l
			ns++
		}
	}
	for _, i := range idx[:ns] {
		slots[i] = aliasSlot{cut: math.MaxUint32, alias: uint32(i)}
	}
	for _, i := range idx[nl:] {
		slots[i] = aliasSlot{cut: math.MaxUint32, alias: uint32(i)}
	}
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
