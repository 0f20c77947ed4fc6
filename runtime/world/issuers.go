package world

import (
	"slices"
	"strconv"

	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/rng"
)

// domesticIssuer is the share of a customer's cards issued in their own
// country; the others carry a BIN of another country (expatriates, foreign
// accounts). No public figure: an assumption (docs/realism.md).
const domesticIssuer = 0.97

// binSet is the embedded BINs (refdata.BINs) of one brand and type, in
// one country or worldwide, with a Zipf popularity: a few issuers hold most
// cards.
type binSet struct {
	prefix []uint32 // six-digit BIN
	pan    []uint8  // card number length
	pick   *dist.Alias
}

// issuerTable indexes BIN sets by (country, brand, type). Where the
// embedded table has no BIN of a kind in a country, the set is synthetic:
// syntheticBINs prefixes in the brand's IIN range (refdata.BINRanges), drawn
// from the seed, so the dataset still has a bounded number of issuers.
type issuerTable struct {
	nb, nt int
	local  []*binSet // [k*nb*nt + brand*nt + type], active country k
	world  []*binSet // [brand*nt + type]
}

// buildIssuers groups the embedded BINs by country, brand and type, each
// group in a seed-defined order of popularity.
func (w *World) buildIssuers() {
	nb, nt := len(w.brands), len(w.cardTypes)
	it := issuerTable{nb: nb, nt: nt, local: make([]*binSet, len(w.countries)*nb*nt), world: make([]*binSet, nb*nt)}
	kOf := map[string]int{}
	for k, c := range w.countries {
		kOf[c.code] = k
	}
	type group struct{ bins []refdata.BIN }
	local := map[int]*group{}
	global := map[int]*group{}
	for _, b := range refdata.BINs() {
		bi, ti := slices.Index(w.brands, b.Brand), slices.Index(w.cardTypes, b.Type)
		k, ok := kOf[b.Country]
		if bi < 0 || ti < 0 || !ok {
			continue
		}
		for _, m := range []struct {
			g   map[int]*group
			key int
		}{{local, k*nb*nt + bi*nt + ti}, {global, bi*nt + ti}} {
			if m.g[m.key] == nil {
				m.g[m.key] = &group{}
			}
			m.g[m.key].bins = append(m.g[m.key].bins, b)
		}
	}
	mk := func(key uint64, bins []refdata.BIN) *binSet {
		s := &binSet{}
		order := make([]uint64, len(bins))
		for i := range bins {
			order[i] = rng.Mix(rng.At(key, uint64(i)))<<16 | uint64(i)
		}
		slices.Sort(order)
		wts := make([]float64, len(bins))
		for rank, o := range order {
			b := bins[o&0xffff]
			p, _ := strconv.Atoi(b.Prefix)
			s.prefix = append(s.prefix, uint32(p))
			s.pan = append(s.pan, uint8(b.PANLength))
			wts[rank] = 1 / float64(rank+1)
		}
		s.pick = dist.NewAlias(wts)
		return s
	}
	ik := rng.Key(w.seed, rng.StrKey("issuers"))
	for key, g := range local {
		it.local[key] = mk(rng.At(ik, uint64(key)), g.bins)
	}
	for key := range it.local {
		if it.local[key] == nil {
			it.local[key] = w.syntheticSet(rng.At(ik, 2<<40|uint64(key)), key/nt%nb)
		}
	}
	for key, g := range global {
		it.world[key] = mk(rng.At(ik, 1<<40|uint64(key)), g.bins)
	}
	for key := range it.world {
		if it.world[key] == nil {
			it.world[key] = w.syntheticSet(rng.At(ik, 3<<40|uint64(key)), key/nt)
		}
	}
	w.issuers = it
}

// syntheticBINs is the number of made-up issuers of a kind missing from the
// embedded table.
const syntheticBINs = 6

// syntheticSet draws syntheticBINs six-digit prefixes of brand b from its
// IIN ranges.
func (w *World) syntheticSet(key uint64, b int) *binSet {
	r := rng.New(key)
	s := &binSet{}
	wts := make([]float64, syntheticBINs)
	for j := range wts {
		br := w.bins[b][r.IntN(len(w.bins[b]))]
		lo, hi := br.Low, br.High
		for d := br.Digits; d < 6; d++ { // widen a shorter prefix range to six digits
			lo, hi = lo*10, hi*10+9
		}
		for d := br.Digits; d > 6; d-- {
			lo, hi = lo/10, hi/10
		}
		s.prefix = append(s.prefix, uint32(lo+uint64(r.IntN(int(hi-lo+1)))))
		s.pan = append(s.pan, uint8(br.PANLength))
		wts[j] = 1 / float64(j+1)
	}
	s.pick = dist.NewAlias(wts)
	return s
}

// binFor draws the BIN set of a card of brand b and type t held by a
// customer of active country k: domestic with probability domesticIssuer.
func (w *World) binFor(k, b, t int, u uint64) *binSet {
	it := &w.issuers
	if rng.Unit(u) < domesticIssuer {
		return it.local[k*it.nb*it.nt+b*it.nt+t]
	}
	return it.world[b*it.nt+t]
}
