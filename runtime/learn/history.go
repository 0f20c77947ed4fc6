package learn

import (
	"slices"
)

// Values of the history conditions (each family's values, in id order). Every value is
// computed from earlier rows only: the row itself is added to the history afterwards.
var (
	sharedValues      = []string{"new", "own only", "1 other", "2+ others"} // how many other customers used it before
	sharedDevValues   = []string{"new", "own only", "1 other", "2+ others", "no device"}
	newForCustValues  = []string{"no", "yes"}
	newDevCustValues  = []string{"no", "yes", "no device"}
	countryChgValues  = []string{"no", "yes", "first payment"}
	nthHourValues     = []string{"1", "2", "3", "4-5", "6+"}
	sincePrevValues   = []string{"first payment", "< 10 s", "10-60 s", "1-5 min", "5-60 min", "1-24 h", "1-7 d", ">= 7 d"}
	vsMedianValues    = []string{"first payment", "< 0.1", "0.1-0.5", "0.5-0.8", "0.8-1.25", "1.25-2", "2-5", "5-10", ">= 10"}
	declined1hValues  = []string{"no", "yes"}
	cardBeforeValues  = []string{"0", "1-2", "3-9", "10+"}
	sincePrevLimits   = []int64{10 * microsPerSecond, 60 * microsPerSecond, 300 * microsPerSecond, microsPerHour, microsPerDay, 7 * microsPerDay}
	vsMedianLimits    = []float64{0.1, 0.5, 0.8, 1.25, 2, 5, 10}
	historyFamilyDefs = []struct {
		name   string
		values []string
	}{
		{"ip_other_customers", sharedValues},            // customers other than this one seen earlier on the IP
		{"device_other_customers", sharedDevValues},     // the same for the device
		{"ip_new_for_customer", newForCustValues},       // the customer never used this IP before
		{"device_new_for_customer", newDevCustValues},   // the customer never used this device before
		{"country_differs_from_prev", countryChgValues}, // merchant_country ≠ the card's previous payment's
		{"card_nth_payment_1h", nthHourValues},          // this is the card's n-th payment within the last hour
		{"since_prev_card_payment", sincePrevValues},    // time since the card's previous payment
		{"amount_vs_card_median", vsMedianValues},       // amount / median of the card's last ≤ 16 amounts
		{"card_declined_1h", declined1hValues},          // an earlier payment of the card in the last hour was not approved
		{"card_payments_before", cardBeforeValues},      // earlier payments of the card
	}
)

// cardAmounts is how many of a card's latest amounts amount_vs_card_median uses.
const cardAmounts = 16

// sharing records up to three distinct customers that used an IP or a device, by a 32-bit
// fragment of their hash (two customers of one IP share a fragment with probability 2⁻³²).
type sharing struct {
	customers [3]uint32
	n         uint8 // distinct customers recorded (at most 3, so 3 means "3 or more")
}

// fragment is the 32 bits of a customer hash that sharing keeps.
func fragment(cust uint64) uint32 { return uint32(cust) ^ uint32(cust>>32) }

// others is the value id of sharedValues for customer c (a fragment).
func (s *sharing) others(c uint32) uint16 {
	if s.n == 0 {
		return 0
	}
	own := slices.Contains(s.customers[:s.n], c)
	k := s.n
	if own {
		k--
	}
	switch {
	case s.n == 3 || k >= 2:
		return 3
	case k == 1:
		return 2
	default:
		return 1
	}
}

func (s *sharing) add(c uint32) {
	if s.n < 3 && !slices.Contains(s.customers[:s.n], c) {
		s.customers[s.n] = c
		s.n++
	}
}

type cardHistory struct {
	n           int64
	last        int64                // time of the previous payment
	lastCountry uint64               // hash of merchant_country of the previous payment
	lastDecline int64                // time of the latest payment that was not approved
	declined    bool                 // some earlier payment was not approved
	recent      [5]int64             // times of the latest 5 payments (ring)
	amounts     [cardAmounts]float32 // the latest amounts (ring, minor units)
	sorted      [cardAmounts]float32 // the same amounts, sorted (first min(n, cardAmounts))
}

// history computes the history conditions of each row from the rows before it. Feed it rows
// in event_time order.
type history struct {
	ips, devices      shareTable
	custIPs, custDevs map[uint64]struct{} // (customer, IP) and (customer, device) pairs beyond a full sharing
	cardIndex         map[uint64]int32    // card → index into cards
	cards             []cardHistory       // no pointers: nothing for the collector to scan
}

func newHistory() *history {
	return &history{
		custIPs: map[uint64]struct{}{}, custDevs: map[uint64]struct{}{},
		cardIndex: map[uint64]int32{},
	}
}

// next writes the value ids of historyFamilyDefs for r into out, then records r.
func (h *history) next(r *Row, out []uint16) {
	cust := hashString(r.CustomerID)
	out[0], out[2] = h.share(&h.ips, h.custIPs, hashString(r.IPAddress), cust)
	if r.DeviceID == nil {
		out[1], out[3] = 4, 2
	} else {
		out[1], out[3] = h.share(&h.devices, h.custDevs, hashString(*r.DeviceID), cust)
	}

	cardKey := hashString(r.CardID)
	ci, ok := h.cardIndex[cardKey]
	if !ok {
		ci = int32(len(h.cards))
		h.cardIndex[cardKey] = ci
		h.cards = append(h.cards, cardHistory{})
	}
	c := &h.cards[ci]
	country := hashString(r.MerchantCountry)
	t := r.EventTime
	if c.n == 0 {
		out[4], out[5], out[6], out[7], out[8], out[9] = 2, 0, 0, 0, 0, 0
	} else {
		out[4] = b2u(country != c.lastCountry)
		inHour := 0
		for _, rt := range c.recent[:min(c.n, int64(len(c.recent)))] {
			if rt > t-microsPerHour {
				inHour++
			}
		}
		out[5] = [6]uint16{0, 1, 2, 3, 3, 4}[inHour]
		gap := t - c.last
		out[6] = 1 + uint16(countBelowOrAt(sincePrevLimits, gap))
		out[7] = 1 + uint16(countBelowOrAtF(vsMedianLimits, float64(r.Amount)/h.median(c)))
		out[8] = b2u(c.declined && c.lastDecline > t-microsPerHour)
		switch {
		case c.n <= 2:
			out[9] = 1
		case c.n <= 9:
			out[9] = 2
		default:
			out[9] = 3
		}
	}
	c.recent[c.n%int64(len(c.recent))] = t
	c.addAmount(float32(r.Amount))
	c.n++
	c.last, c.lastCountry = t, country
	if r.AuthStatus != "approved" {
		c.declined, c.lastDecline = true, t
	}
}

// share returns, for entity key (an IP or a device) used by customer cust, how many other
// customers used it before (a sharedValues id) and whether cust is new to it, then records
// the use. pairs holds the (customer, key) pairs of keys with three or more customers, whose
// sharing record is full.
func (h *history) share(shares *shareTable, pairs map[uint64]struct{}, key, cust uint64) (others, isNew uint16) {
	s := shares.get(key)
	c := fragment(cust)
	others = s.others(c)
	switch {
	case slices.Contains(s.customers[:s.n], c):
		isNew = 0
	case int(s.n) < len(s.customers):
		isNew = 1
		s.add(c)
	default:
		pair := mix(cust ^ mix(key))
		if _, seen := pairs[pair]; !seen {
			isNew = 1
			pairs[pair] = struct{}{}
		}
	}
	return others, isNew
}

// median returns the median of the card's latest min(n, cardAmounts) amounts (at least 1).
func (h *history) median(c *cardHistory) float64 { return max(ringMedian(c.sorted[:], int(c.n)), 1) }

// addAmount records an amount in the ring and in the sorted copy, dropping the oldest
// once cardAmounts are kept.
func (c *cardHistory) addAmount(v float32) { ringAdd(c.amounts[:], c.sorted[:], int(c.n), v) }

// countBelowOrAt returns how many limits are ≤ v (the bin of v among the limits, which
// are ascending: a value equal to a limit goes above it).
func countBelowOrAt(limits []int64, v int64) int {
	n := 0
	for n < len(limits) && limits[n] <= v {
		n++
	}
	return n
}

func countBelowOrAtF(limits []float64, v float64) int {
	n := 0
	for n < len(limits) && limits[n] <= v {
		n++
	}
	return n
}

func b2u(b bool) uint16 {
	if b {
		return 1
	}
	return 0
}
