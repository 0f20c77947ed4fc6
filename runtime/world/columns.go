package world

import (
	"unsafe"

	"github.com/paygen/paygen/runtime/rng"
)

// The source methods below each return one column of the block, computed
// from the latent state. Strings that are formatted per row (ids, PANs, IPs)
// live in the block's byte arena; vocabulary strings are shared constants.

func (b *Block) strings() []string {
	if b.used >= len(b.strs) {
		b.strs = append(b.strs, make([]string, b.w.cfg.BlockRows))
	}
	s := b.strs[b.used][:b.n]
	b.used++
	return s
}

func (b *Block) boolBuf() []bool {
	if b.usedB >= len(b.bools) {
		b.bools = append(b.bools, make([]bool, b.w.cfg.BlockRows))
	}
	s := b.bools[b.usedB][:b.n]
	b.usedB++
	return s
}

func (b *Block) floatBuf() []float64 {
	if b.usedF >= len(b.floats) {
		b.floats = append(b.floats, make([]float64, b.w.cfg.BlockRows))
	}
	s := b.floats[b.usedF][:b.n]
	b.usedF++
	return s
}

// str returns the arena bytes from off to the end as a string.
func (b *Block) str(off int) string {
	if off == len(b.arena) {
		return ""
	}
	return unsafe.String(&b.arena[off], len(b.arena)-off)
}

// TxnID is txn_YYYYMMDD_NNNNNNNNNN with the global row index: unique, and
// ordered like event_time.
func (b *Block) TxnID() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	// The ids are consecutive: format the first, then copy the previous one
	// and count up in decimal.
	prev := 0
	for i := range out {
		off := len(b.arena)
		if i > 0 {
			b.arena = append(b.arena, b.arena[prev:off]...)
			if !increment(b.arena[len(b.arena)-10:]) {
				b.arena = b.arena[:off]
			}
		}
		if len(b.arena) == off {
			b.arena = append(b.arena, "txn_"...)
			b.arena = append(b.arena, b.w.dateTag...)
			b.arena = append(b.arena, '_')
			b.arena = appendDigits(b.arena, uint64(b.first)+uint64(i), 10)
		}
		prev = off
		out[i] = b.str(off)
	}
	return out
}

// TxnTime is the event time in microseconds since the epoch, UTC.
func (b *Block) TxnTime() []int64 { return b.time[:b.n] }

// TxnAmount is the amount in hundredths of the merchant's currency.
func (b *Block) TxnAmount() []int64 { return b.amount[:b.n] }

// TxnEntryMode is how the card was read (chip, contactless, ...) or ecommerce.
func (b *Block) TxnEntryMode() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		if e := b.entry[i]; e == modeEcommerce {
			out[i] = "ecommerce"
		} else {
			out[i] = b.w.modes[e]
		}
	}
	return out
}

// TxnThreeDS reports whether the payment was 3-D Secure authenticated.
func (b *Block) TxnThreeDS() []bool { return b.three[:b.n] }

// TxnAuthStatus is the authorisation outcome.
func (b *Block) TxnAuthStatus() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		out[i] = b.w.authNames[b.auth[i]]
	}
	return out
}

// TxnResponseCode is the ISO 8583 field-39 style response code
// (ResponseCodes lists them).
func (b *Block) TxnResponseCode() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		out[i] = responseCodes[b.resp[i]]
	}
	return out
}

// CustomerID is cus_NNNNNNN.
func (b *Block) CustomerID() []string { return b.ids("cus_", b.cust, 7) }

// CustomerCountry is the customer's home country.
func (b *Block) CustomerCountry() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		out[i] = b.w.countries[b.custCty[i]].code
	}
	return out
}

// CardID is card_NNNNNNNN.
func (b *Block) CardID() []string { return b.ids("card_", b.card, 8) }

func (b *Block) ids(prefix string, ids []uint32, width int) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		off := len(b.arena)
		b.arena = append(b.arena, prefix...)
		b.arena = appendDigits(b.arena, uint64(ids[i]), width)
		out[i] = b.str(off)
	}
	return out
}

// CardMaskedPAN is the first 6 and last 4 digits of the card number.
func (b *Block) CardMaskedPAN() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		off := len(b.arena)
		b.arena = appendMasked(b.arena, b.mask[i])
		out[i] = b.str(off)
	}
	return out
}

// CardBrand is the card network.
func (b *Block) CardBrand() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		out[i] = b.w.brands[b.brand[i]]
	}
	return out
}

// CardType is credit, debit or prepaid.
func (b *Block) CardType() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		out[i] = b.w.cardTypes[b.ctype[i]]
	}
	return out
}

// MerchantID is mer_NNNNNN.
func (b *Block) MerchantID() []string { return b.ids("mer_", b.mer, 6) }

// MerchantMCC is the merchant's ISO 18245 category code.
func (b *Block) MerchantMCC() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		out[i] = b.w.mccs[b.mcc[i]].Code
	}
	return out
}

// MerchantCategory is the category of the merchant's MCC.
func (b *Block) MerchantCategory() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		out[i] = b.w.mccs[b.mcc[i]].Category
	}
	return out
}

// MerchantCountry is the merchant's country.
func (b *Block) MerchantCountry() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		out[i] = b.w.countries[b.merCty[i]].code
	}
	return out
}

// MerchantCurrency is the currency of the merchant's country.
func (b *Block) MerchantCurrency() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		out[i] = b.w.countries[b.merCty[i]].currency
	}
	return out
}

// MerchantLatitude is the merchant's latitude (6 decimals).
func (b *Block) MerchantLatitude() []float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.floatBuf()
	for i := range out {
		out[i] = b.merchantAttrs(b.mer[i]).latitude()
	}
	return out
}

// MerchantLongitude is the merchant's longitude (6 decimals).
func (b *Block) MerchantLongitude() []float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.floatBuf()
	for i := range out {
		out[i] = b.merchantAttrs(b.mer[i]).longitude()
	}
	return out
}

// DeviceID is dev_ + 12 hex digits for personal devices, pos_ + 12 hex digits
// for the merchant terminals of card-present payments.
func (b *Block) DeviceID() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		off := len(b.arena)
		if b.devKind[i] == posKind {
			b.arena = append(b.arena, "pos_"...)
		} else {
			b.arena = append(b.arena, "dev_"...)
		}
		b.arena = appendHex(b.arena, b.devHex[i], 12)
		out[i] = b.str(off)
	}
	return out
}

// DeviceType is the personal device's type, or pos_terminal.
func (b *Block) DeviceType() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		if k := b.devKind[i]; k == posKind {
			out[i] = "pos_terminal"
		} else {
			out[i] = b.w.devTypes[k]
		}
	}
	return out
}

// DeviceIP is the device's public IPv4 address.
func (b *Block) DeviceIP() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		off := len(b.arena)
		b.arena = appendIPv4(b.arena, b.ip[i])
		out[i] = b.str(off)
	}
	return out
}

// FraudLabel marks the block's fraud rows.
func (b *Block) FraudLabel() []bool { return b.fraud[:b.n] }

// FraudScenario names each fraud row's scenario; valid exactly on fraud rows.
func (b *Block) FraudScenario() ([]string, []bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.strings()
	for i := range out {
		if b.fraud[i] {
			out[i] = b.w.scenarios[b.scen[i]]
		} else {
			out[i] = ""
		}
	}
	return out, b.fraud[:b.n]
}

// FraudReportedAt is when the fraud on a fraud row's card was reported (and
// the card blocked), UTC µs; null on legitimate rows and where the report
// falls after the end of the dataset's window (label delay: the fraud is not
// known yet on the dataset's date).
func (b *Block) FraudReportedAt() ([]int64, []bool) {
	at, ok := b.repAt[:b.n], b.repOK[:b.n]
	end := b.w.date.UnixMicro()
	for i := range at {
		at[i], ok[i] = 0, false
		if !b.fraud[i] {
			continue
		}
		if t, found := b.w.life.reportedAt(b.card[i]); found && t < end {
			at[i], ok[i] = t, true
		}
	}
	return at, ok
}

// Valid returns the block's non-null mask for a null group: each row is null
// with probability rate, and every column of the group gets the same mask.
func (b *Block) Valid(group string, rate float64) []bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if m, ok := b.masks[group]; ok {
		return m
	}
	m := b.boolBuf()
	key := rng.Key(b.key, rng.StrKey(group))
	for i := range m {
		m[i] = rng.Unit(rng.At(key, uint64(i))) >= rate
	}
	b.masks[group] = m
	return m
}
