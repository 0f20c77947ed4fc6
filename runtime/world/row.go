package world

import (
	"math"

	"github.com/paygen/paygen/runtime/rng"
)

// legitRow draws row i as an ordinary payment of customer cust (drawn by
// drawPayers: a customer of the country active at the row's time), one of
// their cards, a merchant at home (or in the
// country they are travelling in, or abroad online), and the payment's
// details, with the legitimate fraud-like traits the difficulty sets.
func (b *Block) legitRow(i int, cust uint32, r *rng.Stream) {
	w := b.w
	cp := b.customerOf(cust)
	b.setCard(i, cust, cp, w.cardAt(cust, r.IntN(int(cp.cards)), b.time[i]))
	b.legitWhere(i, cust, cp, r)
}

// legitWhere draws where customer cust pays on row i, and the payment: at
// home, on a trip abroad, online while in transit, or online abroad.
func (b *Block) legitWhere(i int, cust uint32, cp customer, r *rng.Stream) {
	w := b.w
	t := b.time[i]
	home := int(cp.country)
	switch trip := w.trip(cust, home, t); {
	case trip >= 0 && r.Float64() < w.tune.tripAbroad:
		b.legitPayment(i, cust, cp, b.legitMerchant(trip, home, -1, t, r), false, trip, r)
		return
	case trip != atHome:
		// in transit, or a payment at home while abroad: online
		b.legitPayment(i, cust, cp, b.merchantIn(home, onlineOnly, r), true, trip, r)
		return
	}
	if r.Float64() >= w.cfg.Customer.DomesticShare {
		// away from a trip, a purchase abroad is made online: the customer
		// is at home (no legitimate teleports)
		if mk := w.byVolume.Pick(r.Next()); mk != home {
			b.legitPayment(i, cust, cp, b.merchantIn(mk, onlineOnly, r), true, atHome, r)
			return
		}
	}
	cal := w.tl.cal
	if cal.anyOnline[home] {
		if o := cal.online[home*cal.n+cal.day(t/60e6+int64(w.countries[home].offsetMin))]; o > 0 && r.Float64() < o {
			// a shopping day online (Cyber Monday), or a region that shops online
			b.legitPayment(i, cust, cp, b.merchantIn(home, onlineOnly, r), true, atHome, r)
			return
		}
	}
	// shops near home: a merchant of the customer's own zone
	mer := b.legitMerchant(home, home, w.zoneOfEntity(&w.customers, cust, home), t, r)
	b.legitPayment(i, cust, cp, mer, false, atHome, r)
}

// visitRow draws row i as a compromised merchant's victim paying there: a
// legitimate payment whose customer, card and merchant are the victim's.
func (b *Block) visitRow(i int, r *rng.Stream) {
	c := &b.w.compromises[b.epi[i]>>24]
	cust, slot := b.w.victim(c, int(b.epi[i]&(1<<24-1)))
	cp := b.customerOf(cust)
	b.setCard(i, cust, cp, b.w.cardAt(cust, slot, b.time[i]))
	b.legitPayment(i, cust, cp, c.merchant, false, atHome, r)
}

// legitEpisodeRow draws row i of a legitimate look-alike episode: a retry
// repeats the same purchase, declined until the last attempt (approved
// with probability 0.6); a session is ordinary payments of one card.
func (b *Block) legitEpisodeRow(i int, r *rng.Stream) {
	w := b.w
	e := &b.eps[b.epi[i]]
	cp := b.customerOf(e.cust)
	b.setCard(i, e.cust, cp, w.cardAt(e.cust, int(e.slot), b.time[i])) // a card blocked mid-session is replaced
	switch e.kind {
	case kindSession:
		b.legitWhere(i, e.cust, cp, r)
		return
	case kindMicro:
		b.microRow(i, e, cp, r)
		return
	}
	m := b.setMerchant(i, e.mers[0])
	b.entry[i] = e.entry
	b.setDevice(i, e.dev)
	if e.entry == modeEcommerce {
		head, _ := w.household(e.cust, int(cp.country))
		b.ip[i] = w.personalIP(e.cust, int(cp.country), head, e.dev, b.devKind[i], b.time[i], r)
	}
	b.three[i] = e.entry == modeEcommerce && r.Float64() < w.regionAt(int(cp.country)).threeDS
	b.auth[i], b.resp[i] = uint8(w.authDeclined), e.code
	if int(b.role[i]) == int(e.rows)-1 && r.Float64() < 0.6 {
		b.auth[i], b.resp[i] = uint8(w.authApproved), respApproved
	}
	if e.code == respSCA && int(b.role[i]) > 0 {
		b.three[i] = true // the retry after a soft decline is authenticated
	}
	b.tapLimit(i, e.usd)
	b.amount[i] = w.price(e.usd, int(m.country), m.mcc, rng.Unit(e.key))
}

// microRow draws row i of a run of small online purchases: a few dollars
// each at one of the episode's shops, from the customer's own device and
// connection, without 3-D Secure (low-value payments are exempt from SCA),
// declined when the card runs dry (prepaid and teenagers' cards).
func (b *Block) microRow(i int, e *episode, cp customer, r *rng.Stream) {
	w := b.w
	m := b.setMerchant(i, e.mers[r.IntN(int(e.nmers))])
	b.entry[i] = modeEcommerce
	b.setDevice(i, e.dev)
	head, _ := w.household(e.cust, int(cp.country))
	b.ip[i] = w.personalIP(e.cust, int(cp.country), head, e.dev, b.devKind[i], b.time[i], r)
	b.three[i] = false
	usd := 0.5 + 9.5*r.Float64()*r.Float64()
	b.auth[i], b.resp[i] = uint8(w.authApproved), respApproved
	if r.Float64() < 0.15 {
		b.auth[i], b.resp[i] = uint8(w.authDeclined), respFunds
	}
	b.amount[i] = w.price(usd, int(m.country), m.mcc, r.Float64())
}

// setCard sets the row's customer and card.
func (b *Block) setCard(i int, cust uint32, cp customer, card uint32) {
	b.cust[i] = cust
	b.custCty[i] = cp.country
	b.card[i] = card
	c := b.cardAttrs(card)
	b.brand[i], b.ctype[i], b.mask[i] = c.brand, c.kind, c.mask
}

// setMerchant sets the row's merchant and returns its attributes.
func (b *Block) setMerchant(i int, mer uint32) merchant {
	b.mer[i] = mer
	m := b.merchantAttrs(mer)
	b.merCty[i], b.mcc[i] = m.country, m.mcc
	return m
}

// setDevice sets the row's device. A device's attributes are a hash or two
// away (a terminal's address is in its merchant's record), cheaper than a
// cache that misses on the many devices.
func (b *Block) setDevice(i int, dev uint64) {
	b.dev[i] = dev
	if isTerminal(dev) {
		b.devKind[i], b.devHex[i] = uint8(posKind), b.w.terminalHex(dev)
		b.ip[i] = b.merchantAttrs(merchantOfTerminal(dev)).ip
		return
	}
	d := b.w.device(dev) // a personal device
	b.devKind[i], b.ip[i], b.devHex[i] = uint8(d.kind), d.ip, d.hex
}

// legitMerchant draws a merchant of country k by popularity, in zone z
// (shops near home) unless z < 0. On the paying customer's local weekend a
// draw is kept with its category's weekend acceptance, which shifts the
// category mix (restaurants up, utilities down).
func (b *Block) legitMerchant(k, home, z int, t int64, r *rng.Stream) uint32 {
	w := b.w
	mer := w.merchantNear(k, z, r)
	off := int64(w.countries[home].offsetMin)
	if z >= 0 {
		off = w.offsetAt(z, t) // the customer's own clock
	}
	if w.weekendAccept == nil || !isWeekend(t/60e6+off) {
		return mer
	}
	for try := 0; try < 3; try++ {
		m := b.merchantAttrs(mer)
		if r.Float64() < w.weekendAccept[m.mcc] {
			break
		}
		mer = w.merchantNear(k, z, r)
	}
	return mer
}

// merchantNear draws a merchant of country k by popularity, in zone z unless
// z < 0.
func (w *World) merchantNear(k, z int, r *rng.Stream) uint32 {
	mer := w.merchants.draw(k, r.Next())
	if z >= 0 {
		mer = w.inZone(&w.merchants, mer, k, z, r.Next())
	}
	return mer
}

// legitPayment draws how, how much and with what outcome customer cust pays
// merchant mer on row i; remote payments are card-not-present. away is the
// country the customer is travelling in (an online payment from there is
// often on the hotel's or a café's Wi-Fi), or atHome / inTransit.
func (b *Block) legitPayment(i int, cust uint32, cp customer, mer uint32, remote bool, away int, r *rng.Stream) {
	w := b.w
	m := b.setMerchant(i, mer)
	mcc := &w.mccs[m.mcc]
	tu := &w.tune
	traits := r.Next() // 16 bits each: one-off device, large purchase, extra decline
	if present := r.Float64() < mcc.CardPresent || mcc.CardPresent >= cardPresentOnly; present && !remote {
		b.entry[i] = uint8(w.regionAt(int(m.country)).modePick.Pick(r.Float64()))
		b.setDevice(i, terminalOf(mer, r.IntN(terminals)))
		b.three[i] = false
	} else {
		b.entry[i] = modeEcommerce
		t := b.time[i]
		home := int(cp.country)
		head, size := w.household(cust, home)
		dev := w.deviceOf(cust, r.IntN(int(cp.devices)), t)
		if size > 1 && r.Float64() < sharedDevice {
			dev = w.deviceOf(head, 0, t) // the household's shared computer or tablet
		}
		if traits&0xffff < tu.guest16 {
			dev = guestBase + r.Next()>>24 // a one-off device: a friend's phone, a work computer
			b.setDevice(i, dev)
			b.ip[i] = w.residentialIP(home, t, r.Next())
		} else {
			b.setDevice(i, dev)
			b.ip[i] = w.personalIP(cust, home, head, dev, b.devKind[i], t, r)
			if away >= 0 && r.Float64() < travelWiFi {
				b.ip[i] = w.hotspotIP(away, r.Next())
			}
		}
		b.three[i] = r.Float64() < w.regionAt(int(cp.country)).threeDS
	}
	usual := mcc.MedianUSD * cp.spend
	usd := usual * math.Exp(mcc.Sigma*r.Norm())
	if traits>>16&0xffff < tu.large16 {
		usd *= 3 + 7*r.Float64()
	}
	b.tapLimit(i, usd)
	in := authInput{usd: usd, usual: usual, cp: cp}
	b.auth[i], b.resp[i] = b.authorize(i, &in, r)
	if traits>>32&0xffff < tu.decline16 { // a decline that looks like the issuer's fraud screening
		b.auth[i], b.resp[i] = uint8(w.authDeclined), respSuspected
	}
	b.amount[i] = w.price(usd, int(m.country), m.mcc, r.Float64())
}

// Trip states returned by trip besides a country index.
const (
	atHome    = -1
	inTransit = -2 // travelling to or from a trip: payments are online only
)

// tripTransit is how long the journey to or from a trip takes, µs.
const tripTransit = 3 * 3600e6

// trip returns the country customer cust is travelling in at time t, atHome,
// or inTransit. Each (customer, week) starts a trip of 2-6 days abroad with
// probability tune.tripWeek, hash-defined, leaving at a local-daytime hour
// and back at one; the journey each way takes tripTransit, during which the
// customer pays online only. A traveller's payments cluster in one foreign
// country for days, like a stolen card's but at ordinary merchants, and no
// card is used in two countries closer in time than a journey.
func (w *World) trip(cust uint32, home int, t int64) int {
	if w.tune.tripWeek <= 0 {
		return atHome
	}
	day := t / 86400e6
	wk, off := day/7, day%7
	// Trips start on day 0-6 of their week and last 2-6 days (plus the
	// return journey), so last week's trip can still run on days 0-5 of this one.
	for k := int64(0); k <= 1 && (k == 0 || off <= 5); k++ {
		h := rng.Mix(w.tripKey ^ uint64(cust)<<24 ^ uint64(wk-k))
		if rng.Unit(h) >= w.tune.tripWeek {
			continue
		}
		h = rng.Mix(h)
		start := (wk-k)*7 + int64(h%7)
		days := 2 + int64(h>>8%5)
		dep := start*86400e6 + int64(6+h>>16%14)*3600e6 // leaves between 06 and 20 h UTC
		ret := (start+days)*86400e6 + int64(6+h>>24%14)*3600e6
		switch {
		case t < dep || t >= ret+tripTransit:
			continue
		case t < dep+tripTransit || t >= ret:
			return inTransit
		}
		return w.foreign(home, rng.Mix(h))
	}
	return atHome
}

// foreign draws a country other than home, by volume.
func (w *World) foreign(home int, x uint64) int {
	k := w.byVolume.Pick(x)
	if k == home {
		k = (k + 1 + int(rng.Below(rng.Mix(x), uint64(len(w.countries)-1)))) % len(w.countries)
	}
	return k
}

func (w *World) authIndex(name string) int {
	for i, n := range w.authNames {
		if n == name {
			return i
		}
	}
	return 0
}
