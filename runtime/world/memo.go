package world

// Entity attributes are pure functions of their id (ADR 3). For populations
// up to memoMax entities, World.New computes them once into read-only tables
// shared by every block: a table lookup is a fraction of a recomputation,
// and the per-block caches miss often on the flat customer popularity. The
// tables hold the very values the functions return, so output bytes do not
// depend on whether they exist; larger populations use the per-block caches
// only, which keeps memory bounded whatever the row count.
const memoMax = 1 << 20 // entities per table: 16 MiB at 16 bytes each

// buildMemos fills the customer and card tables when they fit.
func (w *World) buildMemos() {
	n := w.customers.size()
	if n > memoMax || n*uint32(w.cfg.Customer.CardsMax) > memoMax {
		return
	}
	w.custTab = make([]customer, n)
	w.cardTab = make([]card, n*uint32(w.cfg.Customer.CardsMax))
	for id := range n {
		cp := w.customer(id)
		w.custTab[id] = cp
		for k := range int(cp.cards) {
			c := w.cardOf(id, k)
			w.cardTab[c] = w.card(c)
		}
	}
}

// customerOf returns customer id's profile from the world's table or the
// block's cache.
func (b *Block) customerOf(id uint32) customer {
	if t := b.w.custTab; t != nil {
		return t[id]
	}
	return b.customers.get(uint64(id), b.custFn)
}

// cardAttrs returns card id's attributes from the world's table or the block's
// cache.
func (b *Block) cardAttrs(id uint32) card {
	if t := b.w.cardTab; t != nil {
		return t[id]
	}
	return b.cards.get(uint64(id), b.cardFn)
}
