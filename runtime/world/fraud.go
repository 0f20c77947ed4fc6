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
	kindMicro                     // small online purchases in a row (in-app, top-ups)
)

// episode is one multi-row event inside one block: its rows are positions
// of the block whose times lie within the scenario's minutes of each other,
// so no row is ever re-timed.
type episode struct {
	kind    uint8   // scenario kind, or kindRetry / kindSession
	sc      uint8   // index into w.scen (fraud episodes)
	entry   uint8   // entry mode (retry)
	code    uint8   // response code of the declined attempts (retry)
	rows    uint8   // rows of the whole episode
	nmers   uint8   // merchants in mers
	ndev    uint8   // devices the episode switches between (device farm)
	slot    uint8   // the victim card's slot among the customer's cards
	country uint16  // merchant country of the episode
	cust    uint32  // the victim customer (one-card scenarios)
	t0, t1  int64   // times of the first and last row (fraud episodes), µs
	card    uint32  // the victim card
	dev     uint64  // the fraudster's device
	key     uint64  // root of the episode's stream
	usd     float64 // amount (retry)
	mers    [4]uint32
	custs   []uint32 // the farm's customers, one per row (device farm)
	cards   []uint32 // and the card each pays with
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
	micros := int(n*tu.micro/5 + r.Float64())
	for j := 0; j < retries; j++ {
		b.newLegitEpisode(kindRetry, 2+r.IntN(3), 10, &r)
	}
	for j := 0; j < sessions; j++ {
		b.newLegitEpisode(kindSession, 2+r.IntN(4), 45, &r)
	}
	for j := 0; j < micros; j++ {
		b.newLegitEpisode(kindMicro, 2+r.IntN(7), 20, &r)
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
	e.cust = w.payerAt(t0, &er)
	cp0 := b.customerOf(e.cust)
	e.slot = uint8(er.IntN(int(cp0.cards)))
	e.card = w.cardAt(e.cust, int(e.slot), t0)
	if kind == kindMicro {
		// one or two online shops (an app store, a game, a top-up) from one device
		home := b.custCty0(&e)
		e.nmers = uint8(1 + er.IntN(2))
		for j := range int(e.nmers) {
			e.mers[j] = b.merchantIn(home, onlineOnly, &er)
		}
		cp := b.customerOf(e.cust)
		e.dev = w.deviceOf(e.cust, er.IntN(int(cp.devices)), t0)
	}
	if kind == kindRetry {
		home := b.custCty0(&e)
		where := home
		if trip := w.trip(e.cust, home, t0); trip >= 0 {
			where = trip
		}
		mer := b.legitMerchant(where, home, -1, t0, &er)
		e.mers[0], e.nmers = mer, 1
		m := b.merchantAttrs(mer)
		mcc := &w.mccs[m.mcc]
		if er.Float64() < mcc.CardPresent {
			e.entry = uint8(w.regionAt(int(m.country)).modePick.Pick(er.Float64()))
			e.dev = terminalOf(mer, er.IntN(terminals))
		} else {
			e.entry = modeEcommerce
			cp := b.customerOf(e.cust)
			e.dev = w.deviceOf(e.cust, er.IntN(int(cp.devices)), t0)
		}
		cp := b.customerOf(e.cust)
		e.usd = b.ticket(m, cp, &er)
		e.code = [...]uint8{respFunds, respDoNotHonour, respFunds, respLimit}[er.IntN(4)]
		if e.entry == modeEcommerce && w.sca[cp.country] && er.Float64() < 0.5 {
			e.code = respSCA // declined for authentication, retried with 3-D Secure
		}
	}
	ei := uint32(len(b.eps))
	b.eps = append(b.eps, e)
	for j, p := range pos {
		b.epi[p] = ei
		b.role[p] = uint8(j)
	}
}
