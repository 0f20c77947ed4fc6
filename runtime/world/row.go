package world

import (
	"math"

	"github.com/paygen/paygen/runtime/rng"
)

// Scenario indexes as configured; the foundation's simple per-row fraud
// patterns are keyed by name.
const (
	scCardTesting     = "card_testing"
	scAccountTakeover = "account_takeover"
	scStolenCard      = "stolen_card"
	scDeviceFarm      = "device_farm"
)

// row draws the latent state of row i from its own stream r.
func (b *Block) row(i int, r rng.Stream) {
	w := b.w
	t := b.time[i]
	k := w.tl.country(t, r.Float64())
	cust := w.customers.start[k] + uint32(w.customers.pick[k].Pick(r.Next()))
	cp := b.customers.get(uint64(cust), b.custFn)
	b.cust[i] = cust
	b.custCty[i] = uint16(cp.country)
	b.card[i] = w.cardOf(cust, r.IntN(cp.cards))

	scenario := ""
	if b.fraud[i] {
		scenario = w.scenarios[b.scen[i]]
	}

	// Merchant: mostly domestic; stolen cards are used abroad.
	mk := cp.country
	if r.Float64() >= w.cfg.Customer.DomesticShare || scenario == scStolenCard {
		mk = w.byVolume.Pick(r.Next())
		if scenario == scStolenCard && mk == cp.country {
			mk = (mk + 1 + r.IntN(len(w.countries)-1)) % len(w.countries)
		}
	}
	mer := w.merchants.start[mk] + uint32(w.merchants.pick[mk].Pick(r.Next()))
	m := b.merchants.get(uint64(mer), b.merFn)
	b.mer[i] = mer
	b.merInfo[i] = m
	mcc := &w.mccs[m.mcc]

	present := r.Float64() < mcc.CardPresent
	switch scenario {
	case scCardTesting, scAccountTakeover, scDeviceFarm:
		present = false
	case scStolenCard:
		present = true
	}
	if present {
		b.entry[i] = uint8(w.modePick.Pick(r.Float64()))
		b.dev[i] = terminalOf(mer, r.IntN(terminals))
		b.three[i] = false
	} else {
		b.entry[i] = modeEcommerce
		b.dev[i] = w.deviceOf(cust, r.IntN(cp.devices))
		b.three[i] = r.Float64() < w.cfg.Payment.ThreeDSShare
	}

	// Amount: the MCC's typical ticket, scaled by the customer's spend level,
	// lognormal noise, converted to the merchant's currency.
	usd := mcc.MedianUSD * cp.spend * math.Exp(mcc.Sigma*r.Norm())
	auth := w.authPick.Pick(r.Float64())
	switch scenario {
	case scCardTesting:
		usd = 0.5 + 4.5*r.Float64()
		if r.Float64() < 0.55 {
			auth = w.authIndex("declined")
		}
	case scAccountTakeover:
		b.dev[i] = fraudBase + rng.Mix(b.key+uint64(i))>>24
		b.three[i] = r.Float64() < 0.3
		usd *= 3 + 5*r.Float64()
	case scStolenCard:
		usd *= 2 + 4*r.Float64()
	case scDeviceFarm:
		b.dev[i] = fraudBase + 1 + uint64(r.IntN(16))
		b.three[i] = r.Float64() < 0.2
		usd *= 1.5 + 2*r.Float64()
	}
	b.auth[i] = uint8(auth)
	b.cardInfo[i] = b.cards.get(uint64(b.card[i]), b.cardFn)
	b.devInfo[i] = b.devices.get(b.dev[i], b.devFn)
	b.amount[i] = w.minorUnits(usd, m.country)
}

// minorUnits converts a USD amount into the country's currency, in
// hundredths, rounded to the currency's minor units (whole units for JPY).
func (w *World) minorUnits(usd float64, country int) int64 {
	c := &w.countries[country]
	v := usd * c.perUSD
	if c.minor == 0 {
		return max(int64(math.Round(v)), 1) * 100
	}
	return max(int64(math.Round(v*100)), 1)
}

func (w *World) authIndex(name string) int {
	for i, n := range w.authNames {
		if n == name {
			return i
		}
	}
	return 0
}
