package world

// Keyed sources: dictionary-friendly string columns are small integer keys
// (an entity id, a vocabulary index) until the moment they are written. The
// Parquet writer maps keys to dictionary slots with an integer hash and calls
// the Format method once per distinct key per row group, so no string is
// formatted or hashed per row. For each keyed source X, *Block has
// XKeys() returning the block's own ids or indexes (of whatever unsigned
// width they are stored in, valid until the next Fill) and
// FormatX(dst []byte, key uint64) []byte.
//
// The writer appends different columns of one block concurrently (see
// pqwrite), so the Keys and Format methods of different columns may run at
// the same time: each reads the block's latent state and the world, and
// writes only state of its own column (a search cursor, a key buffer, an
// entity cache no other column's method uses).

// vocab holds the key spaces of vocabulary-valued columns.
type vocab struct {
	categories []string // distinct MCC categories
	mccCat     []uint16 // MCC index -> category index
	currencies []string // distinct currencies of active countries
	ctyCur     []uint16 // active country index -> currency index
}

func (w *World) buildVocab() {
	catIdx := map[string]uint16{}
	w.vocab.mccCat = make([]uint16, len(w.mccs))
	for i, m := range w.mccs {
		j, ok := catIdx[m.Category]
		if !ok {
			j = uint16(len(w.vocab.categories))
			catIdx[m.Category] = j
			w.vocab.categories = append(w.vocab.categories, m.Category)
		}
		w.vocab.mccCat[i] = j
	}
	curIdx := map[string]uint16{}
	w.vocab.ctyCur = make([]uint16, len(w.countries))
	for i, c := range w.countries {
		j, ok := curIdx[c.currency]
		if !ok {
			j = uint16(len(w.vocab.currencies))
			curIdx[c.currency] = j
			w.vocab.currencies = append(w.vocab.currencies, c.currency)
		}
		w.vocab.ctyCur[i] = j
	}
}

// CustomerIDKeys keys customer_id by customer number.
func (b *Block) CustomerIDKeys() []uint32 { return b.cust[:b.n] }

// FormatCustomerID renders cus_NNNNNNN.
func (b *Block) FormatCustomerID(dst []byte, k uint64) []byte {
	return appendDigits(append(dst, "cus_"...), k, 7)
}

// CardIDKeys keys card_id by card number.
func (b *Block) CardIDKeys() []uint32 { return b.card[:b.n] }

// FormatCardID renders card_NNNNNNNN.
func (b *Block) FormatCardID(dst []byte, k uint64) []byte {
	return appendDigits(append(dst, "card_"...), k, 8)
}

// CardMaskedPANKeys keys the masked PAN by card number.
func (b *Block) CardMaskedPANKeys() []uint32 {
	b.cardCur = 0
	return b.card[:b.n]
}

// FormatCardMaskedPAN renders the first 6 and last 4 digits of the card's PAN.
func (b *Block) FormatCardMaskedPAN(dst []byte, k uint64) []byte {
	if i := rowOf(b.card[:b.n], k, &b.cardCur); i >= 0 {
		return appendMasked(dst, b.mask[i])
	}
	return appendMasked(dst, b.cardAttrs(uint32(k)).mask)
}

// rowOf returns a row of the block whose id is k, or -1, searching from
// *cur on first. The writer formats each key the first time it occurs,
// in row order, so the row is usually just ahead of the last one found:
// reading the row's attributes is cheaper than recomputing the entity.
// Any row with id k will do (the attributes are the entity's).
func rowOf[T uint32 | uint64](ids []T, k uint64, cur *int) int {
	start := min(*cur, len(ids))
	for i := start; i < len(ids); i++ {
		if uint64(ids[i]) == k {
			*cur = i
			return i
		}
	}
	for i := 0; i < start; i++ {
		if uint64(ids[i]) == k {
			*cur = i
			return i
		}
	}
	return -1
}

// CardBrandKeys keys card_brand by brand index.
func (b *Block) CardBrandKeys() []uint8 { return b.brand[:b.n] }

// FormatCardBrand renders a brand.
func (b *Block) FormatCardBrand(dst []byte, k uint64) []byte { return append(dst, b.w.brands[k]...) }

// CardTypeKeys keys card_type by type index.
func (b *Block) CardTypeKeys() []uint8 { return b.ctype[:b.n] }

// FormatCardType renders a card type.
func (b *Block) FormatCardType(dst []byte, k uint64) []byte { return append(dst, b.w.cardTypes[k]...) }

// MerchantIDKeys keys merchant_id by merchant number.
func (b *Block) MerchantIDKeys() []uint32 { return b.mer[:b.n] }

// FormatMerchantID renders mer_NNNNNN.
func (b *Block) FormatMerchantID(dst []byte, k uint64) []byte {
	return appendDigits(append(dst, "mer_"...), k, 6)
}

// MerchantMCCKeys keys mcc_code by MCC index.
func (b *Block) MerchantMCCKeys() []uint16 { return b.mcc[:b.n] }

// FormatMerchantMCC renders an MCC.
func (b *Block) FormatMerchantMCC(dst []byte, k uint64) []byte {
	return append(dst, b.w.mccs[k].Code...)
}

// MerchantCategoryKeys keys merchant_category by category index.
func (b *Block) MerchantCategoryKeys() []uint16 {
	out := b.catKeys[:b.n]
	for i := range out {
		out[i] = b.w.vocab.mccCat[b.mcc[i]]
	}
	return out
}

// FormatMerchantCategory renders a category.
func (b *Block) FormatMerchantCategory(dst []byte, k uint64) []byte {
	return append(dst, b.w.vocab.categories[k]...)
}

// MerchantCountryKeys keys merchant_country by country index.
func (b *Block) MerchantCountryKeys() []uint16 { return b.merCty[:b.n] }

// FormatMerchantCountry renders a country code.
func (b *Block) FormatMerchantCountry(dst []byte, k uint64) []byte {
	return append(dst, b.w.countries[k].code...)
}

// MerchantCurrencyKeys keys currency by currency index.
func (b *Block) MerchantCurrencyKeys() []uint16 {
	out := b.curKeys[:b.n]
	for i := range out {
		out[i] = b.w.vocab.ctyCur[b.merCty[i]]
	}
	return out
}

// FormatMerchantCurrency renders a currency code.
func (b *Block) FormatMerchantCurrency(dst []byte, k uint64) []byte {
	return append(dst, b.w.vocab.currencies[k]...)
}

// CustomerCountryKeys keys customer_country by country index.
func (b *Block) CustomerCountryKeys() []uint16 { return b.custCty[:b.n] }

// FormatCustomerCountry renders a country code.
func (b *Block) FormatCustomerCountry(dst []byte, k uint64) []byte {
	return append(dst, b.w.countries[k].code...)
}

// TxnEntryModeKeys keys entry_mode by mode index (modeEcommerce for e-commerce).
func (b *Block) TxnEntryModeKeys() []uint8 { return b.entry[:b.n] }

// FormatTxnEntryMode renders an entry mode.
func (b *Block) FormatTxnEntryMode(dst []byte, k uint64) []byte {
	if k == modeEcommerce {
		return append(dst, "ecommerce"...)
	}
	return append(dst, b.w.modes[k]...)
}

// TxnAuthStatusKeys keys auth_status by status index.
func (b *Block) TxnAuthStatusKeys() []uint8 { return b.auth[:b.n] }

// FormatTxnAuthStatus renders an authorisation status.
func (b *Block) FormatTxnAuthStatus(dst []byte, k uint64) []byte {
	return append(dst, b.w.authNames[k]...)
}

// TxnResponseCodeKeys keys response_code by code index.
func (b *Block) TxnResponseCodeKeys() []uint8 { return b.resp[:b.n] }

// FormatTxnResponseCode renders a response code.
func (b *Block) FormatTxnResponseCode(dst []byte, k uint64) []byte {
	return append(dst, responseCodes[k]...)
}

// DeviceIDKeys keys device_id by device number.
func (b *Block) DeviceIDKeys() []uint64 {
	b.devCur = 0
	return b.dev[:b.n]
}

// FormatDeviceID renders dev_/pos_ + 12 hex digits.
func (b *Block) FormatDeviceID(dst []byte, k uint64) []byte {
	var kind int8
	var hex uint64
	if i := rowOf(b.dev[:b.n], k, &b.devCur); i >= 0 {
		kind, hex = int8(b.devKind[i]), b.devHex[i]
	} else {
		d := b.w.device(k)
		kind, hex = d.kind, d.hex
	}
	if kind < 0 {
		dst = append(dst, "pos_"...)
	} else {
		dst = append(dst, "dev_"...)
	}
	return appendHex(dst, hex, 12)
}

// DeviceTypeKeys keys device_type by type index (posKind for terminals).
func (b *Block) DeviceTypeKeys() []uint8 { return b.devKind[:b.n] }

// FormatDeviceType renders a device type.
func (b *Block) FormatDeviceType(dst []byte, k uint64) []byte {
	if k == posKind {
		return append(dst, "pos_terminal"...)
	}
	return append(dst, b.w.devTypes[k]...)
}

// DeviceIPKeys keys ip_address by the address itself.
func (b *Block) DeviceIPKeys() []uint32 { return b.ip[:b.n] }

// FormatDeviceIP renders a dotted quad.
func (b *Block) FormatDeviceIP(dst []byte, k uint64) []byte { return appendIPv4(dst, uint32(k)) }

// FraudScenarioKeys keys fraud_scenario by scenario index; valid on fraud rows.
func (b *Block) FraudScenarioKeys() ([]uint8, []bool) { return b.scen[:b.n], b.fraud[:b.n] }

// FormatFraudScenario renders a scenario name.
func (b *Block) FormatFraudScenario(dst []byte, k uint64) []byte {
	return append(dst, b.w.scenarios[k]...)
}

// MerchantLocationKeys keys latitude and longitude by merchant number.
func (b *Block) MerchantLocationKeys() []uint32 { return b.mer[:b.n] }

// MerchantLatitudeOf is the latitude of merchant k.
func (b *Block) MerchantLatitudeOf(k uint64) float64 { return b.w.merchantOf(uint32(k)).latitude() }

// MerchantLongitudeOf is the longitude of merchant k.
func (b *Block) MerchantLongitudeOf(k uint64) float64 { return b.w.merchantOf(uint32(k)).longitude() }
