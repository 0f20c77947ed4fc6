package world

import (
	"math"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/rng"
)

// Entity attributes are pure functions of (seed, kind, id): recomputed
// identically wherever the entity appears, with no table shared between
// workers or machines.

// customer is a customer's fixed profile. Entity structs are kept small:
// blocks cache thousands of them, and a smaller entry is a likelier cache hit.
type customer struct {
	spend   float64 // multiplier of typical tickets (mean 1)
	country uint16  // index into w.countries
	cards   uint8   // number of cards
	devices uint8   // number of personal devices
}

func (w *World) customer(id uint32) customer {
	r := rng.New(w.entityKey(entCustomer, uint64(id)))
	cc := w.cfg.Customer
	s := cc.SpendSigma
	return customer{
		country: uint16(w.customers.owner(id)),
		cards:   uint8(cc.CardsMin + r.IntN(cc.CardsMax-cc.CardsMin+1)),
		devices: uint8(cc.DevicesMin + r.IntN(cc.DevicesMax-cc.DevicesMin+1)),
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

// card is a card's fixed attributes: only what the dataset shows of the
// card number, its masked form, packed in an integer (see mask).
type card struct {
	brand, kind uint8  // indexes into w.brands, w.cardTypes
	mask        uint64 // PAN length << 34 | first 6 digits << 14 | last 4 digits
}

// pow10[k] is 10^k, up to the 19 digits of the longest PAN.
var pow10 = func() (p [20]uint64) {
	p[0] = 1
	for k := 1; k < len(p); k++ {
		p[k] = 10 * p[k-1]
	}
	return p
}()

func (w *World) card(id uint32) card {
	c, _, _ := w.cardPAN(id)
	return c
}

// cardPAN returns card id's attributes and its card number's length n and
// payload (its first n-1 digits as a number; the Luhn check digit follows).
func (w *World) cardPAN(id uint32) (c card, payload uint64, n int) {
	// a replacement card keeps its original's brand, type and BIN
	root := w.rootOf(id)
	r := rng.New(w.entityKey(entCard, uint64(root)))
	k := w.customers.owner(w.customerOfCard(root))
	reg := w.regionAt(k)
	c = card{brand: uint8(reg.brandPick.Pick(r.Float64())), kind: uint8(reg.typePick.Pick(r.Float64()))}
	if int(c.brand) == w.amex && w.credit >= 0 {
		c.kind = uint8(w.credit) // American Express issues credit and charge cards
	}
	// an issuer's BIN by popularity
	set := w.binFor(k, int(c.brand), int(c.kind), r.Next())
	j := set.pick.Pick(r.Next())
	n = int(set.pan[j])
	payload = uint64(set.prefix[j])*pow10[n-1-6] + rng.Below(r.Next(), pow10[n-1-6])
	if root != id {
		// the first 6 digits (the issuer's BIN) stay, the rest is new
		rest := pow10[n-1-6]
		payload = payload/rest*rest + rng.Below(rng.Mix(w.entityKey(entCard, uint64(id))), rest)
	}
	last4 := payload%1000*10 + luhnCheck(payload)
	c.mask = uint64(n)<<34 | payload/pow10[n-1-6]<<14 | last4
	return c, payload, n
}

// luhnPair[d] is the Luhn sum of a two-digit group d whose ones digit is
// doubled.
var luhnPair = func() (t [100]uint8) {
	for d := range t {
		o := 2 * (d % 10)
		if o > 9 {
			o -= 9
		}
		t[d] = uint8(o + d/10)
	}
	return t
}()

// luhnCheck is the Luhn check digit of a card number's payload: the digit
// right of it is the check digit, so the payload's last digit is doubled.
func luhnCheck(payload uint64) uint64 {
	sum := uint64(0)
	for ; payload > 0; payload /= 100 {
		sum += uint64(luhnPair[payload%100])
	}
	return (10 - sum%10) % 10
}

// appendMasked appends a packed masked PAN (card.mask): the first 6 digits,
// a * for each hidden digit, the last 4.
func appendMasked(dst []byte, mask uint64) []byte {
	dst = appendDigits(dst, mask>>14&(1<<20-1), 6)
	for range int(mask>>34) - 10 {
		dst = append(dst, '*')
	}
	return appendDigits(dst, mask&(1<<14-1), 4)
}

// PAN returns the full, unmasked card number of card id (for tests: the
// dataset only ever holds the masked form).
func (w *World) PAN(cardID uint32) string {
	_, payload, n := w.cardPAN(cardID)
	return string(appendDigits(nil, payload*10+luhnCheck(payload), n))
}

// merchant is a merchant's fixed attributes. The coordinates are stored in
// micro-degrees: they have 6 decimals, and float64(micro)/1e6 is exactly the
// rounded value, so 8 bytes hold both.
type merchant struct {
	lat, lon int32  // micro-degrees
	ip       uint32 // its terminals' public address
	country  uint16 // index into w.countries
	mcc      uint16 // index into w.mccs
}

// latitude is the merchant's latitude in degrees.
func (m merchant) latitude() float64 { return float64(m.lat) / 1e6 }

// longitude is the merchant's longitude in degrees.
func (m merchant) longitude() float64 { return float64(m.lon) / 1e6 }

func (w *World) merchant(id uint32) merchant {
	r := rng.New(w.entityKey(entMerchant, uint64(id)))
	k := w.merchants.owner(id)
	c := &w.countries[k]
	j := w.cfg.Merchant.JitterDegrees
	lat0, lon0 := c.lat, c.lon
	if w.cfg.Merchant.Locations == "cities" {
		if ci := w.cityOf(entMerchant, &w.merchants, id, k); ci >= 0 {
			lat0, lon0 = w.places.cities[ci].Lat, w.places.cities[ci].Lon
		}
	}
	lat := clamp(lat0+(2*r.Float64()-1)*j, -90, 90)
	lon := clamp(lon0+(2*r.Float64()-1)*j, -180, 180)
	return merchant{
		country: uint16(k),
		mcc:     uint16(w.mccOf(k, id-w.merchants.start[k], w.merchants.count[k], r.Next())),
		lat:     int32(math.Round(lat * 1e6)),
		lon:     int32(math.Round(lon * 1e6)),
		ip:      w.ipIn(k, w.entityKey(entMerchantIP, uint64(id))),
	}
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// Devices: personal devices have ids below terminalBase; card-present
// payments use one of the merchant's terminals; fraudsters' devices and
// legitimate one-off devices (a friend's phone) have ids of their own, all
// with personal-device attributes, so nothing in a device id tells them apart.
const (
	terminalBase = 1 << 40
	fraudBase    = 1 << 41
	guestBase    = 1 << 42
	terminals    = 3 // terminals per merchant
)

// A personal device id lives until the device is replaced or its id is
// reset (a new phone, an app reinstalled, a browser's storage cleared): slot
// k of a customer gets a new id every life days, life drawn per slot from
// deviceLifeMin..deviceLifeMax at a hash-defined phase, so over a month many
// legitimate customers show a device new to them, as in real device data.
const (
	deviceLifeMin = 20
	deviceLifeMax = 150
)

// deviceOf is the id of customer cust's k-th personal device in use at time
// t (µs): the slot cust*DevicesMax+k in the low 32 bits, its generation above.
func (w *World) deviceOf(cust uint32, k int, t int64) uint64 {
	slot := uint64(cust)*uint64(w.cfg.Customer.DevicesMax) + uint64(k)
	h := rng.Mix(w.devKey ^ slot)
	life := int64(deviceLifeMin + h%(deviceLifeMax-deviceLifeMin+1))
	phase := int64(h>>32) % life
	gen := uint64((t/86400e6+phase)/life) & 255
	return gen<<32 | slot
}

func terminalOf(mer uint32, k int) uint64 { return terminalBase + uint64(mer)*terminals + uint64(k) }

func isTerminal(id uint64) bool { return id >= terminalBase && id < fraudBase }

func merchantOfTerminal(id uint64) uint32 { return uint32((id - terminalBase) / terminals) }

// terminalHex is terminal id's 48-bit hex id.
func (w *World) terminalHex(id uint64) uint64 {
	r := rng.New(w.entityKey(entTerminal, id))
	return r.Next() >> 16
}

// device is a device's fixed attributes.
type device struct {
	hex  uint64 // 48-bit id rendered as 12 hex digits
	ip   uint32 // a terminal's address (its merchant's); 0 for personal devices
	kind int8   // index into w.devTypes, or -1 for a POS terminal
}

func (w *World) device(id uint64) device {
	if isTerminal(id) {
		return device{kind: -1, hex: w.terminalHex(id), ip: w.merchantOf(merchantOfTerminal(id)).ip}
	}
	r := rng.New(w.entityKey(entDevice, id))
	// a personal device's address is the network it is on, drawn per row
	// (network.go): only terminals keep one
	return device{kind: int8(w.devPick.Pick(r.Float64())), hex: r.Next() >> 16}
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
