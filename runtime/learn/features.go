package learn

import (
	"math"
	"slices"
)

// FeatureNames lists the model's features in the order Extractor.Next writes them.
var FeatureNames = [NumFeatures]string{
	"log_amount",                // ln(amount in major units)
	"amount_vs_cust_median",     // ln(amount / median of the customer's earlier amounts); 0 without history
	"cust_no_history",           // 1 if the customer has no earlier payment
	"card_txn_1h",               // ln(1 + earlier payments of the card in the last hour)
	"card_txn_24h",              // ln(1 + earlier payments of the card in the last 24 hours)
	"card_merchants_24h",        // ln(1 + distinct merchants of the card's earlier payments in the last 24 hours)
	"new_device",                // 1 if device_id is set and the customer never used it before
	"device_missing",            // 1 if device_id is null
	"foreign",                   // 1 if merchant_country != customer_country
	"card_not_present",          // 1 if entry_mode is ecommerce
	"three_ds",                  // 1 if three_ds
	"high_risk_category",        // 1 if merchant_category is in HighRiskCategories
	"hour_sin",                  // sin(2π·hour/24), hour of day in UTC
	"hour_cos",                  // cos(2π·hour/24)
	"declined",                  // 1 if auth_status is not approved
	"abs_amount_vs_cust_median", // |amount_vs_cust_median|: far from the usual amount either way
}

// NumFeatures is len(FeatureNames).
const NumFeatures = 16

// HighRiskCategories are merchant categories commonly treated as high-risk, fixed in advance
// (the list does not look at the labels).
var HighRiskCategories = []string{"electronics", "jewelry", "money_transfer", "gambling", "digital_goods"}

// AmountHistory is how many of a customer's most recent earlier amounts the running median uses.
const AmountHistory = 32

type customerState struct {
	amounts [AmountHistory]float32 // ring buffer of the latest amounts (major units)
	sorted  [AmountHistory]float32 // the same amounts, sorted (first min(n, AmountHistory))
	n       int                    // payments seen
}

type cardEvent struct {
	t        int64
	merchant uint64
}

type cardState struct {
	events []cardEvent // earlier payments within the last 24 h, oldest first
}

// Extractor computes the features of each row from the rows before it (causally). Feed it
// rows in event_time order; it keeps per-customer and per-card state.
type Extractor struct {
	customers map[uint64]*customerState
	cards     map[uint64]*cardState
	devices   map[uint64]struct{} // (customer, device) pairs seen, as one hash
	seen      []uint64
}

// NewExtractor returns an Extractor with no history.
func NewExtractor() *Extractor {
	return &Extractor{customers: map[uint64]*customerState{}, cards: map[uint64]*cardState{}, devices: map[uint64]struct{}{}}
}

// Next writes the features of r into out (len NumFeatures) using only earlier rows, then
// adds r to the history.
func (e *Extractor) Next(r *Row, out []float32) {
	out = out[:NumFeatures]
	amount := float64(r.Amount) / 100
	logAmount := math.Log(max(amount, 0.01))
	out[0] = float32(logAmount)

	custHash := hashString(r.CustomerID)
	cust := e.customers[custHash]
	if cust == nil {
		cust = &customerState{}
		e.customers[custHash] = cust
	}
	if cust.n == 0 {
		out[1], out[2] = 0, 1
	} else {
		med := cust.median()
		out[1] = float32(logAmount - math.Log(max(med, 0.01)))
		out[2] = 0
	}

	card := e.cards[hashString(r.CardID)]
	if card == nil {
		card = &cardState{}
		e.cards[hashString(r.CardID)] = card
	}
	card.evict(r.EventTime - microsPerDay)
	n1h := 0
	for i := len(card.events) - 1; i >= 0 && card.events[i].t > r.EventTime-microsPerHour; i-- {
		n1h++
	}
	e.seen = e.seen[:0]
	for _, ev := range card.events {
		if !slices.Contains(e.seen, ev.merchant) {
			e.seen = append(e.seen, ev.merchant)
		}
	}
	out[3] = float32(math.Log1p(float64(n1h)))
	out[4] = float32(math.Log1p(float64(len(card.events))))
	out[5] = float32(math.Log1p(float64(len(e.seen))))

	var pair uint64
	if r.DeviceID == nil {
		out[6], out[7] = 0, 1
	} else {
		pair = mix(custHash ^ mix(hashString(*r.DeviceID)))
		_, seen := e.devices[pair]
		out[6] = b2f(!seen)
		out[7] = 0
	}
	out[8] = b2f(r.MerchantCountry != r.CustomerCountry)
	out[9] = b2f(r.EntryMode == "ecommerce")
	out[10] = b2f(r.ThreeDS)
	out[11] = b2f(slices.Contains(HighRiskCategories, r.MerchantCategory))
	hour := float64(((r.EventTime%microsPerDay)+microsPerDay)%microsPerDay) / float64(microsPerHour)
	out[12] = float32(math.Sin(2 * math.Pi * hour / 24))
	out[13] = float32(math.Cos(2 * math.Pi * hour / 24))
	out[14] = b2f(r.AuthStatus != "approved")
	out[15] = float32(math.Abs(float64(out[1])))

	// record r
	cust.addAmount(float32(amount))
	if r.DeviceID != nil && out[6] == 1 {
		e.devices[pair] = struct{}{}
	}
	card.events = append(card.events, cardEvent{r.EventTime, hashString(r.MerchantID)})
}

// median returns the median of the customer's latest min(n, AmountHistory) amounts.
func (c *customerState) median() float64 { return ringMedian(c.sorted[:], c.n) }

// addAmount records an amount, dropping the oldest once AmountHistory are kept.
func (c *customerState) addAmount(v float32) {
	ringAdd(c.amounts[:], c.sorted[:], c.n, v)
	c.n++
}

// evict drops events at or before cutoff.
func (c *cardState) evict(cutoff int64) {
	i := 0
	for i < len(c.events) && c.events[i].t <= cutoff {
		i++
	}
	if i == 0 {
		return
	}
	if i == len(c.events) {
		c.events = c.events[:0]
		return
	}
	c.events = append(c.events[:0], c.events[i:]...)
}

func b2f(b bool) float32 {
	if b {
		return 1
	}
	return 0
}

// mix is the SplitMix64 finaliser; it combines hashes without obvious collisions.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// hashString is 64-bit FNV-1a; identifiers are kept as hashes to save memory.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
