package world

import (
	"math"

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
	base  uint32             // first id of a replacement card: replacement j is base+j
	repl  []replacement      // in creation order
	byKey map[uint64][]int32 // cust<<8|slot -> indexes into repl, in time order
	has   []uint64           // bitset of customers with a replacement
	// reported time of each blocked card, and its replacement, by card id
	reported map[uint32]int64
	replOf   map[uint32]int32
}

func (w *World) initLifecycle() {
	w.life = lifecycle{
		base:     w.customers.size() * uint32(w.cfg.Customer.CardsMax),
		byKey:    map[uint64][]int32{},
		has:      make([]uint64, (w.customers.size()+63)/64),
		reported: map[uint32]int64{},
		replOf:   map[uint32]int32{},
	}
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
	if w.life.has == nil || w.life.has[cust>>6]&(1<<(cust&63)) == 0 {
		return id
	}
	for _, j := range w.life.byKey[uint64(cust)<<8|uint64(k)] {
		if w.life.repl[j].at > t {
			break
		}
		id = w.life.base + uint32(j)
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
	if at, ok := w.life.reported[card]; ok {
		if at > end+reportMargin {
			return
		}
		// fraud continued on a card already flagged: it is blocked soon
		// after this episode instead
		at = end + reportMargin + int64(r.Exp()*3600e6)
		w.life.reported[card] = at
		w.life.repl[w.life.replOf[card]].at = at
		return
	}
	at := end + reportMargin + detectionDelay(&r)
	w.life.reported[card] = at
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
