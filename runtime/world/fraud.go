package world

import "github.com/paygen/paygen/runtime/rng"

// Row marks: what a row of the block is.
const (
	markFree  = iota // a legitimate payment drawn on its own
	markFraud        // a row of a fraud episode
	markVisit        // a legitimate payment of a compromised merchant's victim
	markLegit        // a row of a legitimate look-alike episode (retry, session)
)

// Legitimate episode kinds, after the fraud scenario kinds.
const (
	kindRetry   = numKinds + iota // a declined payment retried within minutes
	kindSession                   // several payments of one card within the hour
)

// episode is one multi-row event inside one block: its rows are positions
// of the block whose times lie within the scenario's minutes of each other,
// so no row is ever re-timed.
type episode struct {
	kind    uint8   // scenario kind, or kindRetry / kindSession
	sc      uint8   // index into w.scen (fraud episodes)
	entry   uint8   // entry mode (retry)
	rows    uint8   // rows of the whole episode
	nmers   uint8   // merchants in mers
	ncust   uint8   // customers in custs (device farm)
	country uint16  // merchant country of the episode
	cust    uint32  // the victim customer (one-card scenarios)
	card    uint32  // the victim card
	dev     uint64  // the fraudster's device
	key     uint64  // root of the episode's stream
	usd     float64 // amount (retry)
	mers    [4]uint32
	custs   [MaxEpisodeRows]uint32
}

// placeFraud places the block's exact share of each scenario's fraud rows.
// Scenario s owns the global fraud rows [round(F_s*C_s(start/R)),
// round(F_s*C_s(end/R))) of its sequence, C_s its cumulative intensity
// (calendar fraud pressure, or the aftermath of compromises): the ranges of
// adjacent blocks meet, so the block quotas telescope to F_s and the total
// is exactly F at any worker count or shard split. The block cuts its range
// into episodes of the scenario's length (the last one shortened only when
// fewer than rows.min remain) and places each around the nominal time of
// its first fraud row, C_s^-1((g0+0.5)/F_s).
func (b *Block) placeFraud(end int64) {
	w := b.w
	n := b.n
	clear(b.mark[:n])
	clear(b.fraud[:n])
	b.eps = b.eps[:0]
	r := rng.New(rng.Key(b.key, 3))
	for si := range w.scen {
		sc := &w.scen[si]
		lo, hi := sc.rowRange(w.tl, b.first, end, w.rows)
		for g := lo; g < hi; {
			g1 := g + int64(episodeLen(&r, sc.rows, int(hi-g)))
			b.placeEpisode(si, g, g1, w.nominalRow(sc, g), &r)
			g = g1
		}
	}
}

// nominalRow is the dataset row where the fraud row g of sc nominally happens.
func (w *World) nominalRow(sc *scenario, g int64) int64 {
	q := w.tl.atShare(sc.curve, (float64(g)+0.5)/float64(sc.total))
	return min(max(int64(q*float64(w.rows)), 0), w.rows-1)
}

// episodeLen draws the rows of the next episode when k rows of the quota
// remain: a uniform length in rows, avoiding a stub shorter than rows.Min
// after it; the last episode takes what is left.
func episodeLen(r *rng.Stream, rows IntRange, k int) int {
	L := rows.Min + r.IntN(rows.Max-rows.Min+1)
	if L >= k {
		return k
	}
	if k-L < rows.Min {
		if k <= rows.Max {
			return k
		}
		L = max(1, k-rows.Min)
	}
	return L
}

// placeEpisode places the fraud rows [g0, g1) of scenario si as one episode
// around the block row nearest the nominal position p0, and draws what its
// rows share from the episode's key (block key and first fraud row).
func (b *Block) placeEpisode(si int, g0, g1, p0 int64, r *rng.Stream) {
	w := b.w
	sc := &w.scen[si]
	c := int(min(max(p0-b.first, 0), int64(b.n-1)))
	pos := b.choose(int(g1-g0), sc.minutes, c, markFraud, r)
	key := rng.Key(sc.key, uint64(g0))
	e := episode{kind: uint8(sc.kind), sc: uint8(si), rows: uint8(len(pos)), key: key}
	b.setupEpisode(&e, sc.kind, b.time[pos[0]])
	ei := uint32(len(b.eps))
	b.eps = append(b.eps, e)
	for j, p := range pos {
		b.fraud[p] = true
		b.scen[p] = uint8(si)
		b.epi[p] = ei
		b.role[p] = uint8(j)
	}
}

// choose picks L free positions whose times lie within about minutes of
// each other around position c, marks them with mark and returns them in
// time order. When the window holds too few free rows it doubles, up to
// the whole block, so the quota is always met.
func (b *Block) choose(L int, minutes float64, c int, mark uint8, r *rng.Stream) []int {
	n := b.n
	t := b.time[:n]
	half := int64(minutes * 30e6)
	pos := b.pos[:0]
	for len(pos) < L {
		lo := lowerBound(t, t[c]-half)
		hi := max(lowerBound(t, t[c]+half+1), lo+1)
		W := hi - lo
		for try := 0; try < 4*L+16 && len(pos) < L; try++ {
			p := lo + r.IntN(W)
			if b.mark[p] == markFree {
				b.mark[p] = mark
				pos = append(pos, p)
			}
		}
		if len(pos) < L && lo == 0 && hi >= n {
			for p := 0; p < n && len(pos) < L; p++ { // dense block: take any free rows
				if b.mark[p] == markFree {
					b.mark[p] = mark
					pos = append(pos, p)
				}
			}
			break
		}
		half *= 2
	}
	for i := 1; i < len(pos); i++ { // insertion sort: L is small
		for j := i; j > 0 && pos[j] < pos[j-1]; j-- {
			pos[j], pos[j-1] = pos[j-1], pos[j]
		}
	}
	return pos
}

// lowerBound returns the first index of sorted t with t[i] >= x.
func lowerBound(t []int64, x int64) int {
	lo, hi := 0, len(t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// placeVisits marks the rows where a compromised merchant's victims pay
// there: victim j < inData pays at global row visitRow(j), or the next free
// row of the block. Visit quantiles are stratified, so the victims of this
// block are a range of j found by arithmetic.
func (b *Block) placeVisits(end int64) {
	w := b.w
	R := float64(w.rows)
	for ci := range w.compromises {
		c := &w.compromises[ci]
		if c.inData == 0 || c.qb <= c.qa {
			continue
		}
		K := float64(c.inData)
		jlo := max(0, int((float64(b.first)/R-c.qa)/(c.qb-c.qa)*K)-1)
		jhi := min(c.inData, int((float64(end)/R-c.qa)/(c.qb-c.qa)*K)+2)
		for j := jlo; j < jhi; j++ {
			row := w.visitRow(c, j)
			if row < b.first || row >= end {
				continue
			}
			p := int(row - b.first)
			for k := 0; k < b.n && b.mark[p] != markFree; k++ {
				if p++; p == b.n {
					p = 0
				}
			}
			if b.mark[p] != markFree {
				continue
			}
			b.mark[p] = markVisit
			b.epi[p] = uint32(ci)<<24 | uint32(j)
		}
	}
}

// placeLegit places the block's legitimate look-alike episodes on free
// rows: declined payments retried within minutes, and shopping sessions of
// one card. Their number follows the difficulty; they are not counted, so
// a draw per block is enough.
func (b *Block) placeLegit() {
	tu := &b.w.tune
	r := rng.New(rng.Key(b.key, 4))
	n := float64(b.n)
	retries := int(n*tu.retry/3 + r.Float64())
	sessions := int(n*tu.session/3.5 + r.Float64())
	for j := 0; j < retries; j++ {
		b.newLegitEpisode(kindRetry, 2+r.IntN(3), 10, &r)
	}
	for j := 0; j < sessions; j++ {
		b.newLegitEpisode(kindSession, 2+r.IntN(4), 45, &r)
	}
}

// newLegitEpisode places a legitimate episode of L rows and draws its
// customer, card and (for a retry) merchant, entry mode, device and amount.
func (b *Block) newLegitEpisode(kind, L int, minutes float64, r *rng.Stream) {
	w := b.w
	pos := b.choose(L, minutes, r.IntN(b.n), markLegit, r)
	if len(pos) == 0 {
		return
	}
	e := episode{kind: uint8(kind), rows: uint8(len(pos)), key: rng.Key(b.key, 2<<32+uint64(len(b.eps)))}
	er := rng.New(e.key)
	t0 := b.time[pos[0]]
	b.victimAt(&e, w.tl.country(t0, er.Next()), &er)
	if kind == kindRetry {
		home := b.custCty0(&e)
		mer := b.legitMerchant(home, home, t0, &er)
		e.mers[0], e.nmers = mer, 1
		m := b.merchantAttrs(mer)
		mcc := &w.mccs[m.mcc]
		if er.Float64() < mcc.CardPresent {
			e.entry = uint8(w.modePick.Pick(er.Float64()))
			e.dev = terminalOf(mer, er.IntN(terminals))
		} else {
			e.entry = modeEcommerce
			cp := b.customerOf(e.cust)
			e.dev = w.deviceOf(e.cust, er.IntN(int(cp.devices)), t0)
		}
		cp := b.customerOf(e.cust)
		e.usd = b.ticket(m, cp, &er)
	}
	ei := uint32(len(b.eps))
	b.eps = append(b.eps, e)
	for j, p := range pos {
		b.epi[p] = ei
		b.role[p] = uint8(j)
	}
}
