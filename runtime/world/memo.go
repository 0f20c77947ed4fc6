package world

import (
	"runtime"
	"sync"
)

// Entity attributes are pure functions of their id (ADR 3). For populations
// up to memoMax customers, World.New computes them once into a read-only
// table shared by every block: a table lookup is a fraction of a
// recomputation, and the per-block caches miss often on the flat customer
// popularity. A customer's record holds its cards too, in one 64-byte cache
// line, so a row's customer and card cost one memory access, not two. The
// table holds the very values the functions return, so output bytes do not
// depend on whether it exists; larger populations, or schemas with more
// than memoCards cards per customer, use the per-block caches only, which
// keeps memory bounded whatever the row count.
const (
	memoMax   = 1 << 18 // customers in the table: 16 MiB at 64 bytes each
	memoCards = 3       // card slots per record
	memoMers  = 1 << 20 // merchants in their table: 16 MiB at 16 bytes each
)

// custRec is a customer and its cards, as memoised.
type custRec struct {
	cust  customer
	cards [memoCards]card
}

// buildMemos fills the customer and merchant tables when they fit, on
// every core (entries are pure functions of their id).
func (w *World) buildMemos() {
	if m := w.merchants.size(); m <= memoMers {
		w.merTab = make([]merchant, m)
		parallel(int(m), func(lo, hi int) {
			for id := lo; id < hi; id++ {
				w.merTab[id] = w.merchant(uint32(id))
			}
		})
	}
	n := w.customers.size()
	if n > memoMax || w.cfg.Customer.CardsMax > memoCards {
		return
	}
	w.custTab = make([]custRec, n)
	parallel(int(n), func(lo, hi int) {
		for id := uint32(lo); id < uint32(hi); id++ {
			r := &w.custTab[id]
			r.cust = w.customer(id)
			for k := range int(r.cust.cards) {
				r.cards[k] = w.card(w.cardOf(id, k))
			}
		}
	})
}

// parallel runs f over [0, n) split in one range per core.
func parallel(n int, f func(lo, hi int)) {
	parts := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := n*p/parts, n*(p+1)/parts
		wg.Go(func() { f(lo, hi) })
	}
	wg.Wait()
}

// customerOf returns customer id's profile from the world's table or the
// block's cache.
func (b *Block) customerOf(id uint32) customer {
	if t := b.w.custTab; t != nil {
		return t[id].cust
	}
	return b.customers.get(uint64(id), b.custFn)
}

// cardAttrs returns card id's attributes from the world's table or the block's
// cache.
func (b *Block) cardAttrs(id uint32) card {
	if t := b.w.custTab; t != nil && id < b.w.life.base {
		cust := b.w.customerOfCard(id)
		return t[cust].cards[id-b.w.cardOf(cust, 0)]
	}
	return b.cards.get(uint64(id), b.cardFn)
}

// merchantAttrs returns merchant id's attributes from the world's table or
// the block's cache.
func (b *Block) merchantAttrs(id uint32) merchant {
	if t := b.w.merTab; t != nil {
		return t[id]
	}
	return b.merchants.get(uint64(id), b.merFn)
}

// merchantOf returns merchant id's attributes from the world's table, or
// computes them: unlike merchantAttrs it touches no block state, so column
// writers may call it concurrently.
func (w *World) merchantOf(id uint32) merchant {
	if w.merTab != nil {
		return w.merTab[id]
	}
	return w.merchant(id)
}
