package world

// HasMemos reports whether World.New built the customer and merchant tables.
func (w *World) HasMemos() bool { return w.custTab != nil && w.merTab != nil }

// DropMemos makes blocks of w recompute entities through their caches.
func (w *World) DropMemos() { w.custTab, w.merTab = nil, nil }

// PriceAt exposes price for tests: the amount in hundredths of country
// code's currency of a usd payment at MCC code.
func (w *World) PriceAt(usd float64, country, code string, u float64) int64 {
	k, m := -1, -1
	for i, c := range w.countries {
		if c.code == country {
			k = i
		}
	}
	for i, c := range w.mccs {
		if c.Code == code {
			m = i
		}
	}
	return w.price(usd, k, uint16(m), u)
}

// ZoneOfMerchant is the IANA time zone of merchant id (e.g. "merchant_00000042" parsed).
func (w *World) ZoneOfMerchant(id uint32) string {
	k := w.merchants.owner(id)
	return w.zones[w.zoneOfEntity(&w.merchants, id, k)].name
}
