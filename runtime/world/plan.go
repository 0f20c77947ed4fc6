package world

import (
	"slices"

	"github.com/paygen/paygen/runtime/rng"
)

// The fraud plan is every fraud episode of the dataset and the global rows
// its payments fall on, computed once by World.New as a pure function of
// (config, seed, rows, date), so every block, worker and shard sees the same
// plan (ADR 13). Each scenario's exact total is cut into episodes of its
// length range along the scenario's own sequence; an episode is centred on
// the volume quantile where its middle fraud row nominally falls (the
// scenario's cumulative intensity inverted), and its rows are times drawn
// within the scenario's minutes of that centre, mapped to the rows that hold
// those times. Nothing about an episode depends on block boundaries, so the
// fraud rate is flat across row positions for any period, and a block finds
// its fraud rows by binary search.

// plannedRow is one fraud row of the plan.
type plannedRow struct {
	row  int64  // global row index
	ep   uint32 // index into fraudPlan.eps
	role uint8  // position of the row within its episode, in time order
}

// fraudPlan holds the dataset's fraud episodes and rows.
type fraudPlan struct {
	eps  []episode    // in order of their first row's time
	rows []plannedRow // sorted by row, distinct
	// farm customers and cards of device-farm episodes (episode.custs and
	// episode.cards slice into it)
	pool []uint32
}

// draft is an episode before its rows are final.
type draft struct {
	si    int
	g0    int64
	times []int64 // sorted
}

// buildPlan draws every fraud episode and places its rows.
func (w *World) buildPlan() {
	tl := w.tl
	R := float64(w.rows)
	winStart := tl.startMicros
	winEnd := tl.startMicros + int64(tl.minutes)*60e6 - 1
	var drafts []draft
	times := make([]int64, 0, w.fraudTotal) // one backing array for every draft's times
	for si := range w.scen {
		sc := &w.scen[si]
		r := rng.New(rng.Key(sc.key, 1<<40))
		F := float64(sc.total)
		for g := int64(0); g < sc.total; {
			L := episodeLen(&r, sc.rows, int(sc.total-g))
			q := tl.atShare(sc.curve, (float64(g)+float64(L)/2)/F)
			tc := tl.timeAt(q)
			er := rng.New(rng.Key(sc.key, uint64(g)<<1|1))
			half := sc.minutes * 30e6
			first := len(times)
			for range L {
				t := tc + int64((2*er.Float64()-1)*half)
				times = append(times, min(max(t, winStart), winEnd))
			}
			ep := times[first:len(times):len(times)]
			slices.Sort(ep)
			drafts = append(drafts, draft{si: si, g0: g, times: ep})
			g += int64(L)
		}
	}
	// Episodes are set up in time order: a card blocked after an earlier
	// episode is replaced before a later one picks its victim (lifecycle.go).
	slices.SortStableFunc(drafts, func(a, b draft) int {
		if a.times[0] != b.times[0] {
			if a.times[0] < b.times[0] {
				return -1
			}
			return 1
		}
		return 0
	})
	scratch := w.newScratchBlock()
	p := &w.plan
	p.eps = make([]episode, 0, len(drafts))
	p.rows = make([]plannedRow, 0, len(times))
	for _, d := range drafts {
		sc := &w.scen[d.si]
		L := len(d.times)
		e := episode{kind: uint8(sc.kind), sc: uint8(d.si), rows: uint8(L), key: rng.Key(sc.key, uint64(d.g0))}
		e.t0, e.t1 = d.times[0], d.times[L-1]
		scratch.setupEpisode(&e, sc.kind, e.t0)
		w.afterEpisode(&e)
		ei := uint32(len(p.eps))
		p.eps = append(p.eps, e)
		for j, t := range d.times {
			row := int64(tl.quantile(t) * R)
			p.rows = append(p.rows, plannedRow{row: min(max(row, 0), w.rows-1), ep: ei, role: uint8(j)})
		}
	}
	// Rows are distinct: a row claimed twice moves to the next free one
	// (and back from the end of the dataset).
	slices.SortStableFunc(p.rows, func(a, b plannedRow) int {
		switch {
		case a.row < b.row:
			return -1
		case a.row > b.row:
			return 1
		}
		return 0
	})
	for i := 1; i < len(p.rows); i++ {
		p.rows[i].row = max(p.rows[i].row, p.rows[i-1].row+1)
	}
	for i := len(p.rows) - 1; i >= 0; i-- {
		limit := w.rows - 1
		if i+1 < len(p.rows) {
			limit = p.rows[i+1].row - 1
		}
		p.rows[i].row = min(p.rows[i].row, limit)
	}
}

// newScratchBlock returns a block with entity caches only, for drawing
// episodes outside any block.
func (w *World) newScratchBlock() *Block {
	b := &Block{w: w}
	b.initCaches(10)
	return b
}

// placeFraud marks the block's rows that the plan makes fraud.
func (b *Block) placeFraud(end int64) {
	w := b.w
	n := b.n
	clear(b.mark[:n])
	clear(b.fraud[:n])
	b.eps = b.eps[:0]
	rows := w.plan.rows
	i, _ := slices.BinarySearchFunc(rows, b.first, func(r plannedRow, x int64) int {
		switch {
		case r.row < x:
			return -1
		case r.row > x:
			return 1
		}
		return 0
	})
	for ; i < len(rows) && rows[i].row < end; i++ {
		pr := rows[i]
		p := int(pr.row - b.first)
		e := &w.plan.eps[pr.ep]
		b.mark[p] = markFraud
		b.fraud[p] = true
		b.scen[p] = e.sc
		b.epi[p] = pr.ep
		b.role[p] = pr.role
	}
}
