package world

import "github.com/paygen/paygen/runtime/rng"

// The authorisation model (docs/scenarios.md, "Authorisation"): whether the
// issuer approves a payment follows the channel, the entry mode, the amount
// against the customer's habits and the card's available funds, cross-border,
// the merchant's risk and the card type; fraud is also caught by the issuer
// at a per-scenario rate. Each outcome carries an ISO 8583 field-39 style
// response code (the txn.response_code source).

// Response codes, indexed by the resp* constants.
var responseCodes = [...]string{"00", "01", "05", "14", "51", "54", "59", "61", "91", "1A"}

// ResponseCodes lists the response codes paygen emits, with their meaning.
var ResponseCodes = [...][2]string{
	{"00", "approved"},
	{"01", "refer to card issuer (held for review)"},
	{"05", "do not honour"},
	{"14", "invalid card number"},
	{"51", "insufficient funds or credit"},
	{"54", "expired card"},
	{"59", "suspected fraud"},
	{"61", "exceeds withdrawal or amount limit"},
	{"91", "issuer or switch unavailable"},
	{"1A", "strong customer authentication required (soft decline)"},
}

const (
	respApproved = iota
	respReview
	respDoNotHonour
	respInvalidCard
	respFunds
	respExpired
	respSuspected
	respLimit
	respUnavailable
	respSCA
)

// Model factors on the odds of a decline other than for funds.
const (
	onlineFactor     = 3.0  // card-not-present declines are 2-4x in-store (Datos Insights)
	magstripeFactor  = 1.8  // fallback and stripe reads
	contactlessF     = 0.8  // low-value taps
	crossBorderF     = 1.8  // issuers decline foreign payments more often
	highRiskF        = 1.6  // MCC risk "high"
	mediumRiskF      = 1.15 // MCC risk "medium"
	prepaidF         = 1.8
	debitF           = 1.15
	creditF          = 0.85
	unusualF         = 1.6 // amount above 3x the customer's usual ticket at the MCC
	veryUnusualF     = 2.5 // above 8x
	scaSoftDecline   = 0.15
	scaThresholdUSD  = 30
	fundsDeclineProb = 0.9 // a payment above the available funds is declined (51) this often
)

// authInput is what the issuer sees of a payment beyond the block's row:
// the amount, the customer's usual ticket at the MCC (both USD) and their
// profile.
type authInput struct {
	usd, usual float64
	cp         customer
}

// declineOdds is the model's probability of a non-funds decline: the
// product of the per-MCC (base rate x merchant risk), per-type and per-entry
// factors tabulated by buildAuth, cross-border and the amount's departure
// from the customer's usual ticket.
func (b *Block) declineOdds(i int, in *authInput) float64 {
	w := b.w
	f := w.mccDecline[b.mcc[i]] * w.typeFactor[b.ctype[i]] * w.entryFactor[b.entry[i]]
	if b.merCty[i] != in.cp.country {
		f *= crossBorderF
	}
	if r := in.usd; r > 3*in.usual {
		if r > 8*in.usual {
			f *= veryUnusualF
		} else {
			f *= unusualF
		}
	}
	return min(f, 0.6)
}

// available is the card's open-to-buy in USD on the payment's day: a credit
// line less a utilisation that moves week to week, or a debit or prepaid
// balance that moves day to day, scaled by the customer's spend level.
func (b *Block) available(i int, in *authInput) float64 {
	w := b.w
	h := rng.Mix(w.fundsKey ^ uint64(b.card[i]))
	size := 0.6 + 0.8*rng.Unit(h) // card-level spread
	day := uint64(b.time[i] / 86400e6)
	switch w.typeKind[b.ctype[i]] {
	case typeCredit:
		util := 0.9 * rng.Unit(rng.Mix(h^(day/7+1)<<32))
		return creditLine * in.cp.spend * size * (1 - util)
	case typePrepaid:
		return prepaidBalance * in.cp.spend * size * (0.1 + 0.9*rng.Unit(rng.Mix(h^(day+1)<<32)))
	default:
		return debitBalance * in.cp.spend * size * (0.15 + 0.85*rng.Unit(rng.Mix(h^(day+1)<<32)))
	}
}

// Typical open-to-buy at spend level 1, USD.
const (
	creditLine     = 5000.0
	debitBalance   = 2500.0
	prepaidBalance = 600.0
)

// authorize draws the outcome of a legitimate payment: status index and
// response code.
func (b *Block) authorize(i int, in *authInput, r *rng.Stream) (uint8, uint8) {
	w := b.w
	u := r.Float64()
	if in.usd > w.leastAvail[b.ctype[i]]*in.cp.spend && in.usd > b.available(i, in) {
		if u < fundsDeclineProb {
			return uint8(w.authDeclined), respFunds
		}
		u = (u - fundsDeclineProb) / (1 - fundsDeclineProb)
	}
	if b.entry[i] == modeEcommerce && !b.three[i] && in.usd > scaThresholdUSD && w.sca[in.cp.country] {
		if u < scaSoftDecline {
			return uint8(w.authDeclined), respSCA
		}
		u = (u - scaSoftDecline) / (1 - scaSoftDecline)
	}
	p := b.declineOdds(i, in)
	if u < p {
		return uint8(w.authDeclined), b.declineCode(i, in, r.Float64())
	}
	review := w.baseReview
	if w.mccRisk[b.mcc[i]] == 2 {
		review *= 2
	}
	if b.merCty[i] != in.cp.country {
		review *= 1.5
	}
	if u < p+review*(1-p) {
		return uint8(w.authReview), respReview
	}
	return uint8(w.authApproved), respApproved
}

// declineCode draws the code of a non-funds decline.
func (b *Block) declineCode(i int, in *authInput, u float64) uint8 {
	suspect := 0.12
	if b.merCty[i] != in.cp.country || b.w.mccRisk[b.mcc[i]] == 2 {
		suspect = 0.24
	}
	limit := 0.02
	if in.usd > 3*in.usual {
		limit = 0.12
	}
	switch {
	case u < suspect:
		return respSuspected
	case u < suspect+limit:
		return respLimit
	case u < suspect+limit+0.07:
		return respExpired
	case u < suspect+limit+0.10:
		return respInvalidCard
	case u < suspect+limit+0.16:
		return respUnavailable
	}
	return respDoNotHonour
}

// fraudAuthorize draws the outcome of a fraud payment: the issuer's own
// model as for any payment, and on top its fraud screening, which catches
// the scenario's share caught (after the difficulty). Caught fraud is
// declined as suspected fraud or do-not-honour.
func (b *Block) fraudAuthorize(i int, in *authInput, caught float64, r *rng.Stream) (uint8, uint8) {
	w := b.w
	if r.Float64() < caught {
		if r.Float64() < 0.55 {
			return uint8(w.authDeclined), respSuspected
		}
		return uint8(w.authDeclined), respDoNotHonour
	}
	return b.authorize(i, in, r)
}

// buildAuth derives the model's per-MCC and per-type tables.
func (w *World) buildAuth() {
	w.baseReview = 0
	w.baseDecline = 0
	for _, a := range w.cfg.Payment.AuthStatus {
		switch a.Name {
		case "declined":
			w.baseDecline = a.Weight
		case "review":
			w.baseReview = a.Weight
		}
	}
	w.authReview = w.authIndex("review")
	w.mccRisk = make([]uint8, len(w.mccs))
	w.mccDecline = make([]float64, len(w.mccs))
	for i, m := range w.mccs {
		w.mccDecline[i] = w.baseDecline
		switch m.Risk {
		case "high":
			w.mccRisk[i] = 2
			w.mccDecline[i] *= highRiskF
		case "medium":
			w.mccRisk[i] = 1
			w.mccDecline[i] *= mediumRiskF
		}
	}
	w.typeFactor = make([]float64, len(w.cardTypes))
	w.typeKind = make([]uint8, len(w.cardTypes))
	w.leastAvail = make([]float64, len(w.cardTypes)) // a payment below it needs no funds draw
	for i, t := range w.cardTypes {
		switch t {
		case "credit":
			w.typeFactor[i], w.typeKind[i] = creditF, typeCredit
			w.leastAvail[i] = 0.6 * 0.1 * creditLine
		case "prepaid":
			w.typeFactor[i], w.typeKind[i] = prepaidF, typePrepaid
			w.leastAvail[i] = 0.6 * 0.1 * prepaidBalance
		default:
			w.typeFactor[i], w.typeKind[i] = debitF, typeDebit
			w.leastAvail[i] = 0.6 * 0.15 * debitBalance
		}
	}
	w.modeMagstripe, w.modeContactless, w.modeChip = -2, -2, -2
	for i := range w.entryFactor {
		w.entryFactor[i] = 1
	}
	w.entryFactor[modeEcommerce] = onlineFactor
	for i, m := range w.modes {
		switch m {
		case "magstripe":
			w.modeMagstripe = i
			w.entryFactor[i] = magstripeFactor
		case "contactless":
			w.modeContactless = i
			w.entryFactor[i] = contactlessF
		case "chip":
			w.modeChip = i
		}
	}
	// Strong customer authentication applies to the customers of the euro
	// area and the United Kingdom (PSD2 and its UK equivalent): a proxy for
	// the EEA and UK by currency, documented in docs/scenarios.md.
	w.priceStyle = make([]uint8, len(w.mccs))
	for i, m := range w.mccs {
		w.priceStyle[i] = priceStyle(m.Category, m.Code)
	}
	w.sca = make([]bool, len(w.countries))
	for i, c := range w.countries {
		w.sca[i] = c.currency == "EUR" || c.currency == "GBP"
	}
	w.fundsKey = rng.Key(w.seed, rng.StrKey("funds"))
}

// Card type kinds of the authorisation model.
const (
	typeDebit = iota
	typeCredit
	typePrepaid
)
