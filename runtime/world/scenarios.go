package world

import (
	"math"
	"slices"

	"github.com/paygen/paygen/runtime/rng"
)

// Merchant filters for merchantIn.
const (
	onlineOnly     = iota // mostly card-not-present MCCs
	highRiskOnly          // the stolen-card target categories
	inStoreCapable        // MCCs with card-present payments
	remoteCapable         // MCCs that take card-not-present payments at all
)

// setupEpisode draws what the rows of episode e share, from the episode's
// own stream; t0 is the time of its first row.
func (b *Block) setupEpisode(e *episode, kind int, t0 int64) {
	w := b.w
	r := rng.New(e.key)
	fc := &w.cfg.Fraud
	tu := &w.tune
	switch kind {
	case kindCardTesting:
		b.victimAt(e, w.tl.country(t0, r.Next()), t0, &r)
		e.dev = fraudBase + r.Next()>>24
		k := b.custCty0(e)
		if r.Float64() >= 0.6 {
			k = w.foreign(k, r.Next())
		}
		e.nmers = uint8(min(4, draw(fc.CardTesting.Merchants, &r)))
		for j := range int(e.nmers) {
			e.mers[j] = b.merchantIn(k, onlineOnly, &r)
		}
	case kindAccountTakeover:
		k := w.tl.country(t0, r.Next())
		if r.Float64() < min(1, fc.AccountTakeover.NightShare*tu.tellScale) {
			k = w.nightCountry(t0, r.Float64())
		}
		b.victimAt(e, k, t0, &r)
		e.country = uint16(b.custCty0(e))
		if r.Float64() < fc.AccountTakeover.ForeignShare {
			e.country = uint16(w.foreign(int(e.country), r.Next()))
		}
		e.dev = b.fraudDevice(e, w.tell(fc.AccountTakeover.NewDevice, tu.guestDev), t0, &r)
	case kindStolenCard:
		b.victimAt(e, w.tl.country(t0, r.Next()), t0, &r)
		home := b.custCty0(e)
		k := home
		if r.Float64() < fc.StolenCard.ForeignShare {
			k = w.foreign(home, r.Next())
			for try := 0; try < 16 && !w.riskyCountry[k]; try++ { // where the loot is
				k = w.foreign(home, r.Next())
			}
		}
		e.country = uint16(k)
	case kindCompromisedMerchant:
		c := &w.compromises[w.compromiseAt(t0, r.Float64())]
		var slot int
		e.cust, slot = w.victim(c, r.IntN(c.victims))
		e.card = w.cardAt(e.cust, slot, t0)
		e.country = uint16(c.country)
		if r.Float64() < 0.5 {
			e.country = uint16(w.foreign(c.country, r.Next()))
		}
		e.dev = b.fraudDevice(e, w.tell(fc.CompromisedMerchant.NewDevice, tu.guestDev), t0, &r)
	case kindDeviceFarm:
		e.dev = fraudBase + r.Next()>>24
		k := w.tl.country(t0, r.Next()) // the farm's victims and merchants are in one country
		e.country = uint16(k)
		e.nmers = uint8(min(4, draw(fc.DeviceFarm.Merchants, &r)))
		for j := range int(e.nmers) {
			e.mers[j] = b.merchantIn(k, remoteCapable, &r)
		}
		b.farmCustomers(e, k, &r)
		e.ndev = 1
		if r.Float64() < 0.3 {
			e.ndev = 2
		}
	case kindLostStolen:
		b.victimAt(e, w.tl.country(t0, r.Next()), t0, &r)
		e.country = uint16(b.custCty0(e)) // where the card was lost
	case kindCounterfeit:
		b.victimAt(e, w.tl.country(t0, r.Next()), t0, &r)
		e.country = uint16(b.custCty0(e))
		if r.Float64() < fc.Counterfeit.ForeignShare {
			e.country = uint16(w.foreign(int(e.country), r.Next()))
		}
	}
}

// victimAt picks the episode's victim among country k's customers by
// popularity, and one of their cards.
func (b *Block) victimAt(e *episode, k int, t int64, r *rng.Stream) {
	w := b.w
	e.cust = w.customers.draw(k, r.Next())
	cp := b.customerOf(e.cust)
	e.slot = uint8(r.IntN(int(cp.cards)))
	e.card = w.cardAt(e.cust, int(e.slot), t)
}

// custCty0 is the home country of the episode's victim.
func (b *Block) custCty0(e *episode) int {
	return int(b.customerOf(e.cust).country)
}

// fraudDevice is a new device for the fraudster with probability p, else one
// of the victim's own devices (remote access, malware).
func (b *Block) fraudDevice(e *episode, p float64, t0 int64, r *rng.Stream) uint64 {
	w := b.w
	if r.Float64() < p {
		return fraudBase + r.Next()>>24
	}
	cp := b.customerOf(e.cust)
	return w.deviceOf(e.cust, r.IntN(int(cp.devices)), t0)
}

// draw returns a uniform integer in the inclusive range.
func draw(ir IntRange, r *rng.Stream) int { return ir.Min + r.IntN(ir.Max-ir.Min+1) }

// depart draws a factor in rg and applies the difficulty: at difficulty d
// the factor f becomes f^(2(1-d)), unchanged at the default 0.5, 1 at d = 1.
func (w *World) depart(rg Range, r *rng.Stream) float64 {
	f := rg.Min + (rg.Max-rg.Min)*r.Float64()
	return math.Exp(math.Log(f) * w.tune.depart)
}

// merchantIn draws a merchant of country k by popularity whose MCC passes
// the filter. After 32 draws it scans up to 4096 of the country's merchants
// from a random one (a rare category may be missing from the popular
// ones); if none passes, the last draw is kept.
func (b *Block) merchantIn(k int, filter int, r *rng.Stream) uint32 {
	w := b.w
	mer := w.merchants.draw(k, r.Next())
	if o := &w.online[k]; filter == onlineOnly && o.pick != nil {
		return o.ids[o.pick.Pick(r.Next())]
	}
	for try := 0; try < 32; try++ {
		if b.passes(mer, filter) {
			return mer
		}
		mer = w.merchants.draw(k, r.Next())
	}
	count := w.merchants.count[k]
	off := uint32(r.IntN(int(count)))
	for j := uint32(0); j < min(count, 4096); j++ {
		if m := w.merchants.start[k] + (off+j)%count; b.passes(m, filter) {
			return m
		}
	}
	return mer
}

// passes reports whether merchant mer's MCC passes the filter.
func (b *Block) passes(mer uint32, filter int) bool {
	w := b.w
	m := b.merchantAttrs(mer)
	switch filter {
	case onlineOnly:
		return w.cnp[m.mcc]
	case highRiskOnly:
		return w.highRisk[m.mcc]
	case inStoreCapable:
		return w.mccs[m.mcc].CardPresent >= 0.3
	case remoteCapable:
		return w.mccs[m.mcc].CardPresent < cardPresentOnly
	}
	return true
}

// nightCountry draws a country where time t is local night (00-06 h),
// weighted by payment volume.
func (w *World) nightCountry(t int64, u float64) int {
	mins := t / 60e6
	sum := 0.0
	for _, c := range w.countries {
		if mod(mins+int64(c.offsetMin), 1440) < 360 {
			sum += c.volume
		}
	}
	if sum == 0 {
		return w.byVolume.Pick(uint64(u * (1 << 63)))
	}
	x := u * sum
	last := 0
	for k, c := range w.countries {
		if mod(mins+int64(c.offsetMin), 1440) < 360 {
			last = k
			if x -= c.volume; x < 0 {
				return k
			}
		}
	}
	return last
}

// compromiseAt picks the compromise whose aftermath covers time t, weighted
// by the density of its aftermath; if none does, the latest one whose
// aftermath has begun (or the first one).
func (w *World) compromiseAt(t int64, u float64) int {
	sum := 0.0
	for i := range w.compromises {
		c := &w.compromises[i]
		if t >= c.tail[0] && t < c.tail[1] {
			sum += c.density
		}
	}
	if sum > 0 {
		x := u * sum
		last := 0
		for i := range w.compromises {
			c := &w.compromises[i]
			if t >= c.tail[0] && t < c.tail[1] {
				last = i
				if x -= c.density; x < 0 {
					return i
				}
			}
		}
		return last
	}
	best := 0
	for i := range w.compromises {
		c := &w.compromises[i]
		if c.tail[0] <= t && c.tail[0] > w.compromises[best].tail[0] {
			best = i
		}
	}
	return best
}

// fraudRow draws row i of its episode.
func (b *Block) fraudRow(i int, r *rng.Stream) {
	w := b.w
	e := &w.plan.eps[b.epi[i]]
	fc := &w.cfg.Fraud
	tu := &w.tune
	kind := int(e.kind)
	var cp customer
	if kind != kindDeviceFarm {
		cp = b.customerOf(e.cust)
		b.setCard(i, e.cust, cp, e.card)
	}
	var usd float64
	caught := 0.0
	test := false // a card-testing probe
	switch kind {
	case kindCardTesting:
		m := b.setMerchant(i, e.mers[r.IntN(int(e.nmers))])
		b.online(i, e.dev, w.tell3DS(fc.CardTesting.ThreeDS, int(cp.country)), r)
		b.ip[i] = w.fraudIP(int(m.country), e.dev, b.time[i], rng.At(e.key, uint64(b.role[i]))) // a new proxy per attempt
		if int(b.role[i]) == int(e.rows)-1 && e.rows > 1 {                                      // the purchase the tests were for
			usd = b.ticket(m, cp, r) * w.depart(fc.CardTesting.PurchaseFactor, r)
		} else {
			s := fc.CardTesting.SmallUSD
			usd = s.Min + (s.Max-s.Min)*r.Float64()
			test = true
		}
	case kindAccountTakeover:
		m := b.setMerchant(i, b.merchantIn(int(e.country), remoteCapable, r))
		b.online(i, e.dev, w.tell3DS(fc.AccountTakeover.ThreeDS, int(cp.country)), r)
		b.ip[i] = b.takeoverIP(e, cp, i)
		usd = b.ticket(m, cp, r) * w.depart(fc.AccountTakeover.AmountFactor, r)
		caught = fc.AccountTakeover.Declined
	case kindStolenCard:
		filter := inStoreCapable
		if r.Float64() < min(1, fc.StolenCard.HighRiskShare*tu.tellScale) {
			filter = highRiskOnly
		}
		mer := b.merchantIn(int(e.country), filter, r)
		m := b.setMerchant(i, mer)
		b.entry[i] = uint8(w.regionAt(int(m.country)).modePick.Pick(r.Float64()))
		b.setDevice(i, terminalOf(mer, r.IntN(terminals)))
		b.three[i] = false
		usd = b.ticket(m, cp, r) * w.depart(fc.StolenCard.AmountFactor, r)
		caught = fc.StolenCard.Declined
	case kindCompromisedMerchant:
		m := b.setMerchant(i, b.merchantIn(int(e.country), remoteCapable, r))
		b.online(i, e.dev, w.tell3DS(fc.CompromisedMerchant.ThreeDS, int(cp.country)), r)
		b.ip[i] = b.takeoverIP(e, cp, i)
		usd = b.ticket(m, cp, r) * w.depart(fc.CompromisedMerchant.AmountFactor, r)
		caught = fc.CompromisedMerchant.Declined
	case kindDeviceFarm:
		cust := e.custs[b.role[i]]
		cp = b.customerOf(cust)
		b.setCard(i, cust, cp, e.cards[b.role[i]])
		m := b.setMerchant(i, e.mers[r.IntN(int(e.nmers))])
		role := uint64(b.role[i])
		dev := e.dev + role*uint64(e.ndev)/uint64(e.rows) // farms sometimes switch devices
		b.online(i, dev, w.tell3DS(fc.DeviceFarm.ThreeDS, int(cp.country)), r)
		b.ip[i] = w.fraudIP(int(e.country), dev, b.time[i], rng.At(e.key, role/2)) // proxies rotate
		usd = b.ticket(m, cp, r) * w.depart(fc.DeviceFarm.AmountFactor, r)
		caught = fc.DeviceFarm.Declined
	case kindLostStolen:
		// a tap in the next shop, kept under the contactless limit
		mer := b.merchantIn(int(e.country), inStoreCapable, r)
		b.setMerchant(i, mer)
		b.entry[i] = w.cardPresentMode(w.modeContactless, int(b.merCty[i]), r)
		b.setDevice(i, terminalOf(mer, r.IntN(terminals)))
		b.three[i] = false
		usd = fc.LostStolen.ContactlessUSD * (0.55 + 0.4*r.Float64()) // close to the limit
		caught = fc.LostStolen.Declined
	case kindCounterfeit:
		mer := b.merchantIn(int(e.country), inStoreCapable, r)
		m := b.setMerchant(i, mer)
		b.entry[i] = w.cardPresentMode(w.modeMagstripe, int(b.merCty[i]), r) // the clone only has a stripe
		b.setDevice(i, terminalOf(mer, r.IntN(terminals)))
		b.three[i] = false
		usd = b.ticket(m, cp, r) * w.depart(fc.Counterfeit.AmountFactor, r)
		caught = fc.Counterfeit.Declined
	}
	b.tapLimit(i, usd)
	in := authInput{usd: usd, usual: w.mccs[b.mcc[i]].MedianUSD * cp.spend, cp: cp}
	if test {
		// probes are declined for the card details the tester guessed wrong:
		// a wrong CVV as do-not-honour, as issuers answer it, an empty
		// balance, a wrong expiry; never "invalid card number", as the
		// number is the victim's real card
		b.auth[i], b.resp[i] = uint8(w.authApproved), respApproved
		if r.Float64() < fc.CardTesting.Declined { // wrong guesses are what testing is: not difficulty-scaled
			b.auth[i] = uint8(w.authDeclined)
			b.resp[i] = [...]uint8{respDoNotHonour, respDoNotHonour, respDoNotHonour, respFunds, respExpired}[r.IntN(5)]
		}
	} else {
		b.auth[i], b.resp[i] = b.fraudAuthorize(i, &in, w.tell(caught, 0), r)
	}
	b.amount[i] = w.price(usd, int(b.merCty[i]), b.mcc[i], r.Float64())
}

// online makes row i a card-not-present payment from device dev,
// authenticated with 3-D Secure with probability threeDS.
func (b *Block) online(i int, dev uint64, threeDS float64, r *rng.Stream) {
	b.entry[i] = modeEcommerce
	b.setDevice(i, dev)
	b.three[i] = r.Float64() < threeDS
}

// ticket is the customer's usual amount at the merchant's MCC, in USD.
func (b *Block) ticket(m merchant, cp customer, r *rng.Stream) float64 {
	mcc := &b.w.mccs[m.mcc]
	return mcc.MedianUSD * cp.spend * math.Exp(mcc.Sigma*r.Norm())
}

// farmCustomers draws the farm's L customers in country k, distinct where
// the country's popularity allows, into the plan's pool.
func (b *Block) farmCustomers(e *episode, k int, r *rng.Stream) {
	w := b.w
	start := len(w.plan.pool)
	for j := 0; j < int(e.rows); j++ {
		var cust uint32
		for try := 0; try < 8; try++ {
			cust = w.customers.draw(k, r.Next())
			if !slices.Contains(w.plan.pool[start:], cust) {
				break
			}
		}
		w.plan.pool = append(w.plan.pool, cust)
	}
	e.custs = w.plan.pool[start:len(w.plan.pool):len(w.plan.pool)]
	for _, cust := range e.custs {
		w.plan.pool = append(w.plan.pool, w.cardAt(cust, r.IntN(int(b.customerOf(cust).cards)), e.t0))
	}
	e.cards = w.plan.pool[start+len(e.custs) : len(w.plan.pool) : len(w.plan.pool)]
}

// takeoverIP is the address of a takeover row: the victim's home connection
// when the fraudster works through the victim's own device (remote access,
// malware), else the fraudster's network for the whole episode.
func (b *Block) takeoverIP(e *episode, cp customer, i int) uint32 {
	w := b.w
	t := b.time[i]
	if e.dev < fraudBase {
		head, _ := w.household(e.cust, int(cp.country))
		return w.homeIP(head, t)
	}
	return w.fraudIP(int(e.country), e.dev, t, e.key)
}

// cardPresentMode is entry mode index mode when the schema has it, else a
// draw from country k's card-present mix.
func (w *World) cardPresentMode(mode, k int, r *rng.Stream) uint8 {
	if mode >= 0 {
		return uint8(mode)
	}
	return uint8(w.regionAt(k).modePick.Pick(r.Float64()))
}
