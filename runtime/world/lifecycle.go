package world

import (
	"cmp"
	"math"
	"slices"

	"github.com/paygen/paygen/runtime/rng"
)

// The fraud lifecycle (docs/scenarios.md, "Lifecycle"): fraud on a card is
// found after a delay, either by the issuer's own monitoring within hours or
// when the cardholder reports it days later; the card is then blocked and
// its owner gets a new card (new card_id and PAN, same BIN, brand and type)
// that takes the old card's place in every later payment. World.New records
// these replacements while it sets the fraud plan up in time order, so a
// later episode on the same customer finds the new card.

// Detection delay: a mixture of issuer detection (exponential, mean
// issuerMeanHours) and cardholder reports (lognormal, median
// reportMedianDays, sigma reportSigma).
const (
	issuerShare      = 0.35
	issuerMeanHours  = 8.0
	reportMedianDays = 3.0
	reportSigma      = 0.9
	reportMargin     = 10 * 60e6 // a report comes at least this long after the episode's last row
)

// replacement is one blocked card and the card that replaces it.
type replacement struct {
	cust uint32
	slot uint8
	at   int64  // when the fraud was reported and the card blocked, µs
	root uint32 // the customer's original card in this slot (brand, type, BIN)
	old  uint32 // the blocked card
}

// lifecycle holds the dataset's card replacements.
type lifecycle struct {
	base uint32        // first id of a replacement card: replacement j is base+j
	repl []replacement // in creation order
	// byKey finds a slot's replacements while the plan is built (cust<<8|slot
	// -> indexes into repl, in time order); finish replaces it with order.
	byKey  map[uint64][]int32
	order  []int32          // indexes into repl sorted by (customer, slot, time)
	custs  []uint32         // the customer of each entry of order: a compact search key
	atSlot []int64          // the time << 8 | slot of each entry of order, read beside custs rather than through repl
	has    []uint64         // bitset of customers with a replacement
	replOf map[uint32]int32 // the replacement of each blocked card
}

func (w *World) initLifecycle() {
	w.life = lifecycle{
		base:   w.customers.size() * uint32(w.cfg.Customer.CardsMax),
		byKey:  map[uint64][]int32{},
		has:    make([]uint64, (w.customers.size()+63)/64),
		replOf: map[uint32]int32{},
	}
}

// finish freezes the lifecycle once the plan is built: one sorted index
// instead of a map of small slices.
func (l *lifecycle) finish() {
	l.order = make([]int32, len(l.repl))
	for j := range l.order {
		l.order[j] = int32(j)
	}
	slices.SortFunc(l.order, func(a, b int32) int {
		ra, rb := &l.repl[a], &l.repl[b]
		return cmp.Or(cmp.Compare(ra.cust, rb.cust), cmp.Compare(ra.slot, rb.slot), cmp.Compare(ra.at, rb.at))
	})
	l.custs = make([]uint32, len(l.order))
	l.atSlot = make([]int64, len(l.order))
	for i, j := range l.order {
		r := &l.repl[j]
		l.custs[i], l.atSlot[i] = r.cust, r.at<<8|int64(r.slot) // |at| < 2^55 µs: a million years
	}
	l.byKey = nil
}

// reportedAt is when the fraud on card was reported (and the card blocked).
func (l *lifecycle) reportedAt(card uint32) (int64, bool) {
	j, ok := l.replOf[card]
	if !ok {
		return 0, false
	}
	return l.repl[j].at, true
}

// detectionDelay draws the delay between the last fraud row of an episode
// and its report, in µs.
func detectionDelay(r *rng.Stream) int64 {
	if r.Float64() < issuerShare {
		return int64(r.Exp() * issuerMeanHours * 3600e6)
	}
	return int64(reportMedianDays * 86400e6 * math.Exp(reportSigma*r.Norm()))
}

// cardAt is the card customer cust pays with from slot k at time t: the
// original card, or its latest replacement issued before t.
func (w *World) cardAt(cust uint32, k int, t int64) uint32 {
	id := w.cardOf(cust, k)
	l := &w.life
	if l.has == nil || l.has[cust>>6]&(1<<(cust&63)) == 0 {
		return id
	}
	if l.byKey != nil { // building the plan
		for _, j := range l.byKey[uint64(cust)<<8|uint64(k)] {
			if l.repl[j].at > t {
				break
			}
			id = l.base + uint32(j)
		}
		return id
	}
	i, _ := slices.BinarySearch(l.custs, cust)
	for ; i < len(l.custs) && l.custs[i] == cust; i++ {
		if as := l.atSlot[i]; int(as&255) == k && as>>8 <= t {
			id = l.base + uint32(l.order[i])
		}
	}
	return id
}

// slotOf returns the slot of card id among its customer's cards.
func (w *World) slotOf(id uint32) int {
	if id >= w.life.base {
		return int(w.life.repl[id-w.life.base].slot)
	}
	return int(id - w.cardOf(w.customerOfCard(id), 0))
}

// rootOf returns the original card whose place card id holds.
func (w *World) rootOf(id uint32) uint32 {
	if w.life.repl != nil && id >= w.life.base {
		return w.life.repl[id-w.life.base].root
	}
	return id
}

// defrauded records that card (of customer cust) carried fraud ending at
// time end: the fraud is reported after a delay drawn from key, and the card
// is replaced then; a card already flagged is blocked soon after end.
func (w *World) defrauded(cust, card uint32, end int64, key uint64) {
	r := rng.New(key)
	if j, ok := w.life.replOf[card]; ok {
		if w.life.repl[j].at > end+reportMargin {
			return
		}
		// fraud continued on a card already flagged: it is blocked soon
		// after this episode instead
		w.life.repl[j].at = end + reportMargin + int64(r.Exp()*3600e6)
		return
	}
	at := end + reportMargin + detectionDelay(&r)
	slot := w.slotOf(card)
	j := int32(len(w.life.repl))
	w.life.repl = append(w.life.repl, replacement{cust: cust, slot: uint8(slot), at: at, root: w.rootOf(card), old: card})
	w.life.replOf[card] = j
	k := uint64(cust)<<8 | uint64(slot)
	w.life.byKey[k] = append(w.life.byKey[k], j)
	w.life.has[cust>>6] |= 1 << (cust & 63)
}

// afterEpisode records the cards episode e defrauded.
func (w *World) afterEpisode(e *episode) {
	if e.kind == kindDeviceFarm {
		for j, cust := range e.custs {
			w.defrauded(cust, e.cards[j], e.t1, rng.At(e.key, uint64(j)+1<<20))
		}
		return
	}
	w.defrauded(e.cust, e.card, e.t1, rng.At(e.key, 1<<20))
}
