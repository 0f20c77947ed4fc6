package learn

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Univariate scoring methods.
const (
	MethodCategoryRate = "category_rate"   // the category's fraud rate on the train split (unseen → global rate)
	MethodValue        = "value"           // the value itself (null lowest)
	MethodBinnedRate   = "binned_rate"     // fraud rate of the value's train-quantile bin (20 bins, null its own bin)
	MethodTrailingNum  = "trailing_number" // the number the string ends with, by value (e.g. an id's sequence)
	MethodHourRate     = "hour_rate"       // fraud rate of the UTC hour of day on the train split
)

// A scorer learns from train rows and then gives each test row a score.
type scorer interface {
	method() string
	train(r *Row, fraud bool)
	freeze(globalRate float64)
	score(r *Row) float64
	applicable() bool // whether the method says anything about this column
}

type count struct{ n, fraud uint32 }

func (c count) rate(global float64) float64 {
	if c.n == 0 {
		return global
	}
	return float64(c.fraud) / float64(c.n)
}

func (c *count) add(fraud bool) {
	c.n++
	if fraud {
		c.fraud++
	}
}

// categoryRate scores a string column by its category's train fraud rate.
type categoryRate struct {
	col    rawColumn
	counts map[uint64]count
	null   count
	global float64
}

func (s *categoryRate) method() string   { return MethodCategoryRate }
func (s *categoryRate) applicable() bool { return true }
func (s *categoryRate) freeze(g float64) { s.global = g }

func (s *categoryRate) train(r *Row, fraud bool) {
	v, ok := s.col.str(r)
	if !ok {
		s.null.add(fraud)
		return
	}
	h := hashString(v)
	c := s.counts[h]
	c.add(fraud)
	s.counts[h] = c
}

func (s *categoryRate) score(r *Row) float64 {
	v, ok := s.col.str(r)
	if !ok {
		return s.null.rate(s.global)
	}
	return s.counts[hashString(v)].rate(s.global)
}

// byValue scores a numeric column by its value.
type byValue struct{ col rawColumn }

func (s *byValue) method() string       { return MethodValue }
func (s *byValue) applicable() bool     { return true }
func (s *byValue) freeze(float64)       {}
func (s *byValue) train(*Row, bool)     {}
func (s *byValue) score(r *Row) float64 { return numOrNaN(s.col.num(r)) }

func numOrNaN(v float64, ok bool) float64 {
	if !ok {
		return math.NaN() // ROCAUC ranks NaN below every number
	}
	return v
}

// trailingNumber scores a string column by the digits it ends with.
type trailingNumber struct {
	col          rawColumn
	rows, parsed int
}

func (s *trailingNumber) method() string { return MethodTrailingNum }
func (s *trailingNumber) freeze(float64) {}

// applicable when at least half of the train rows end in a number.
func (s *trailingNumber) applicable() bool { return s.rows > 0 && 2*s.parsed >= s.rows }

func (s *trailingNumber) train(r *Row, _ bool) {
	s.rows++
	if _, ok := trailingDigits(s.col.str(r)); ok {
		s.parsed++
	}
}

func (s *trailingNumber) score(r *Row) float64 { return numOrNaN(trailingDigits(s.col.str(r))) }

// trailingDigits parses the run of (at most 15) decimal digits at the end of v.
func trailingDigits(v string, ok bool) (float64, bool) {
	if !ok {
		return 0, false
	}
	i := len(v)
	for i > 0 && len(v)-i < 15 && v[i-1] >= '0' && v[i-1] <= '9' {
		i--
	}
	if i == len(v) {
		return 0, false
	}
	var x float64
	for _, c := range v[i:] {
		x = 10*x + float64(c-'0')
	}
	return x, true
}

// binnedRate scores a numeric column by the train fraud rate of its quantile bin. It keeps
// every fraud value and a fixed-size uniform reservoir of the non-fraud values.
type binnedRate struct {
	col       rawColumn
	pos       []float64
	neg       []float64 // reservoir
	negSeen   int
	null      count
	rng       *rand.Rand
	cuts      []float64
	binRate   []float64
	nullRate  float64
	usefulCut bool
}

const reservoirSize = 100_000
const quantileBins = 20

func newBinnedRate(col rawColumn, seed uint64) *binnedRate {
	return &binnedRate{col: col, rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

func (s *binnedRate) method() string   { return MethodBinnedRate }
func (s *binnedRate) applicable() bool { return s.usefulCut }

func (s *binnedRate) train(r *Row, fraud bool) {
	v, ok := s.col.num(r)
	switch {
	case !ok:
		s.null.add(fraud)
	case fraud:
		s.pos = append(s.pos, v)
	default:
		s.negSeen++
		if len(s.neg) < reservoirSize {
			s.neg = append(s.neg, v)
		} else if j := s.rng.IntN(s.negSeen); j < reservoirSize {
			s.neg[j] = v
		}
	}
}

func (s *binnedRate) freeze(global float64) {
	s.nullRate = s.null.rate(global)
	sorted := slices.Clone(s.neg)
	slices.Sort(sorted)
	s.cuts = s.cuts[:0]
	for k := 1; k < quantileBins && len(sorted) > 0; k++ {
		c := sorted[k*len(sorted)/quantileBins]
		if len(s.cuts) == 0 || c > s.cuts[len(s.cuts)-1] {
			s.cuts = append(s.cuts, c)
		}
	}
	s.usefulCut = len(s.cuts) > 0
	nb := len(s.cuts) + 1
	posN := make([]float64, nb)
	negN := make([]float64, nb)
	for _, v := range s.pos {
		posN[s.bin(v)]++
	}
	scale := 0.0
	if len(s.neg) > 0 {
		scale = float64(s.negSeen) / float64(len(s.neg))
	}
	for _, v := range s.neg {
		negN[s.bin(v)] += scale
	}
	s.binRate = make([]float64, nb)
	for b := range nb {
		if tot := posN[b] + negN[b]; tot > 0 {
			s.binRate[b] = posN[b] / tot
		} else {
			s.binRate[b] = global
		}
	}
	s.pos, s.neg = nil, nil
}

// bin returns the index of the first cut greater than v (values equal to a cut go above it).
func (s *binnedRate) bin(v float64) int {
	return sort.Search(len(s.cuts), func(i int) bool { return s.cuts[i] > v })
}

func (s *binnedRate) score(r *Row) float64 {
	v, ok := s.col.num(r)
	if !ok {
		return s.nullRate
	}
	return s.binRate[s.bin(v)]
}

// hourRate scores a timestamp column by the train fraud rate of its UTC hour of day
// (nulls count as their own hour).
type hourRate struct {
	col    rawColumn
	counts [25]count
	global float64
}

func (s *hourRate) method() string           { return MethodHourRate }
func (s *hourRate) applicable() bool         { return true }
func (s *hourRate) freeze(g float64)         { s.global = g }
func (s *hourRate) train(r *Row, fraud bool) { s.counts[s.hour(r)].add(fraud) }
func (s *hourRate) score(r *Row) float64     { return s.counts[s.hour(r)].rate(s.global) }

func (s *hourRate) hour(r *Row) int {
	v, ok := s.col.num(r)
	if !ok {
		return 24
	}
	return hourOf(int64(v))
}

func hourOf(micros int64) int {
	return int(((micros%microsPerDay)+microsPerDay)%microsPerDay) / int(microsPerHour)
}

// scorersFor returns the methods used for a raw column.
func scorersFor(col rawColumn, seed uint64) []scorer {
	switch col.typ {
	case "string":
		return []scorer{&categoryRate{col: col, counts: map[uint64]count{}}, &trailingNumber{col: col}}
	case "boolean":
		return []scorer{&byValue{col: col}}
	case "timestamp":
		return []scorer{&byValue{col: col}, &hourRate{col: col}}
	default:
		return []scorer{&byValue{col: col}, newBinnedRate(col, seed)}
	}
}
