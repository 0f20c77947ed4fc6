package world

import (
	"math"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/rng"
)

// Entity attributes are pure functions of (seed, kind, id): recomputed
// identically wherever the entity appears, with no table shared between
// workers or machines.

// customer is a customer's fixed profile.
type customer struct {
	country int     // index into w.countries
	cards   int     // number of cards
	devices int     // number of personal devices
	spend   float64 // multiplier of typical tickets (mean 1)
}

func (w *World) customer(id uint32) customer {
	r := rng.New(w.entityKey("customer", uint64(id)))
	cc := w.cfg.Customer
	s := cc.SpendSigma
	return customer{
		country: w.customers.owner(id),
		cards:   cc.CardsMin + r.IntN(cc.CardsMax-cc.CardsMin+1),
		devices: cc.DevicesMin + r.IntN(cc.DevicesMax-cc.DevicesMin+1),
		spend:   math.Exp(s*r.Norm() - s*s/2),
	}
}

// cardOf is the global id of customer id's k-th card.
func (w *World) cardOf(id uint32, k int) uint32 {
	return id*uint32(w.cfg.Customer.CardsMax) + uint32(k)
}

// customerOfCard inverts cardOf.
func (w *World) customerOfCard(card uint32) uint32 {
	return card / uint32(w.cfg.Customer.CardsMax)
}

// card is a card's fixed attributes.
type card struct {
	brand, kind int
	pan         [19]byte
	panLen      int
}

func (w *World) card(id uint32) card {
	r := rng.New(w.entityKey("card", uint64(id)))
	c := card{brand: w.brandPick.Pick(r.Float64()), kind: w.typePick.Pick(r.Float64())}
	ranges := w.bins[c.brand]
	br := ranges[r.IntN(len(ranges))]
	prefix := br.Low + uint64(r.IntN(int(br.High-br.Low+1)))
	c.panLen = br.PANLength
	// prefix digits, then random account digits, then the Luhn check digit.
	for i := br.Digits - 1; i >= 0; i-- {
		c.pan[i] = byte('0' + prefix%10)
		prefix /= 10
	}
	for i := br.Digits; i < c.panLen-1; i++ {
		c.pan[i] = byte('0' + r.IntN(10))
	}
	c.pan[c.panLen-1] = refdata.LuhnCheckDigit(c.pan[:c.panLen-1])
	return c
}

// PAN returns the full, unmasked card number of card id (for tests: the
// dataset only ever holds the masked form).
func (w *World) PAN(cardID uint32) string {
	c := w.card(cardID)
	return string(c.pan[:c.panLen])
}

// merchant is a merchant's fixed attributes.
type merchant struct {
	country  int
	mcc      int // index into w.mccs
	lat, lon float64
}

func (w *World) merchant(id uint32) merchant {
	r := rng.New(w.entityKey("merchant", uint64(id)))
	k := w.merchants.owner(id)
	c := &w.countries[k]
	j := w.cfg.Merchant.JitterDegrees
	lat := clamp(c.lat+(2*r.Float64()-1)*j, -90, 90)
	lon := clamp(c.lon+(2*r.Float64()-1)*j, -180, 180)
	return merchant{
		country: k,
		mcc:     w.mccPick.Pick(r.Next()),
		lat:     math.Round(lat*1e6) / 1e6,
		lon:     math.Round(lon*1e6) / 1e6,
	}
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// Devices: personal devices have ids below terminalBase; card-present
// payments use one of the merchant's terminals; fraud adds its own devices.
const (
	terminalBase = 1 << 40
	fraudBase    = 1 << 41
	terminals    = 3 // terminals per merchant
)

func (w *World) deviceOf(cust uint32, k int) uint64 {
	return uint64(cust)*uint64(w.cfg.Customer.DevicesMax) + uint64(k)
}

func terminalOf(mer uint32, k int) uint64 { return terminalBase + uint64(mer)*terminals + uint64(k) }

// device is a device's fixed attributes.
type device struct {
	kind int    // index into w.devTypes, or -1 for a POS terminal
	hex  uint64 // 48-bit id rendered as 12 hex digits
	ip   uint32
}

func (w *World) device(id uint64) device {
	if id >= terminalBase && id < fraudBase {
		mer := (id - terminalBase) / terminals
		r := rng.New(w.entityKey("terminal", id))
		return device{kind: -1, hex: r.Next() >> 16, ip: w.publicIP(w.entityKey("merchant-ip", mer))}
	}
	r := rng.New(w.entityKey("device", id))
	return device{kind: w.devPick.Pick(r.Float64()), hex: r.Next() >> 16, ip: w.publicIP(r.Next())}
}

// publicIP draws a globally routable IPv4 address from key.
func (w *World) publicIP(key uint64) uint32 {
	for i := uint64(0); ; i++ {
		ip := uint32(rng.At(key, i) >> 32)
		if refdata.IsPublicIPv4(ip) {
			return ip
		}
	}
}
