package world

// Kind is the Go representation of a source's values.
type Kind uint8

// Source value kinds.
const (
	String    Kind = iota // []string
	Timestamp             // []int64, microseconds since the Unix epoch, UTC
	Decimal2              // []int64, minor units (scale 2)
	Float64               // []float64
	Bool                  // []bool
)

// SourceInfo describes one per-row quantity a Block can produce. The schema's
// `source:` keys name these; schemac checks them against this table and emits a
// call to Method on *Block.
type SourceInfo struct {
	Name   string // schema name, e.g. "merchant.mcc"
	Method string // *Block method returning the block's values
	Kind   Kind
	// Natural sources are null by construction: Method returns (values, valid).
	Natural bool
	// Keys names the *Block method returning the source's dictionary keys
	// (and validity, for Natural sources), for dictionary-encoded columns;
	// empty when the source has no keyed form. Format names the method that
	// renders a key (strings) or returns its value (doubles).
	Keys, Format string
}

// Sources lists every source a schema may reference.
var Sources = []SourceInfo{
	{Name: "txn.id", Method: "TxnID", Kind: String},
	{Name: "txn.time", Method: "TxnTime", Kind: Timestamp},
	{Name: "txn.amount", Method: "TxnAmount", Kind: Decimal2},
	{Name: "txn.entry_mode", Method: "TxnEntryMode", Kind: String, Keys: "TxnEntryModeKeys", Format: "FormatTxnEntryMode"},
	{Name: "txn.three_ds", Method: "TxnThreeDS", Kind: Bool},
	{Name: "txn.auth_status", Method: "TxnAuthStatus", Kind: String, Keys: "TxnAuthStatusKeys", Format: "FormatTxnAuthStatus"},
	{Name: "txn.response_code", Method: "TxnResponseCode", Kind: String, Keys: "TxnResponseCodeKeys", Format: "FormatTxnResponseCode"},
	{Name: "customer.id", Method: "CustomerID", Kind: String, Keys: "CustomerIDKeys", Format: "FormatCustomerID"},
	{Name: "customer.country", Method: "CustomerCountry", Kind: String, Keys: "CustomerCountryKeys", Format: "FormatCustomerCountry"},
	{Name: "card.id", Method: "CardID", Kind: String, Keys: "CardIDKeys", Format: "FormatCardID"},
	{Name: "card.masked_pan", Method: "CardMaskedPAN", Kind: String, Keys: "CardMaskedPANKeys", Format: "FormatCardMaskedPAN"},
	{Name: "card.brand", Method: "CardBrand", Kind: String, Keys: "CardBrandKeys", Format: "FormatCardBrand"},
	{Name: "card.type", Method: "CardType", Kind: String, Keys: "CardTypeKeys", Format: "FormatCardType"},
	{Name: "merchant.id", Method: "MerchantID", Kind: String, Keys: "MerchantIDKeys", Format: "FormatMerchantID"},
	{Name: "merchant.mcc", Method: "MerchantMCC", Kind: String, Keys: "MerchantMCCKeys", Format: "FormatMerchantMCC"},
	{Name: "merchant.category", Method: "MerchantCategory", Kind: String, Keys: "MerchantCategoryKeys", Format: "FormatMerchantCategory"},
	{Name: "merchant.country", Method: "MerchantCountry", Kind: String, Keys: "MerchantCountryKeys", Format: "FormatMerchantCountry"},
	{Name: "merchant.currency", Method: "MerchantCurrency", Kind: String, Keys: "MerchantCurrencyKeys", Format: "FormatMerchantCurrency"},
	{Name: "merchant.latitude", Method: "MerchantLatitude", Kind: Float64, Keys: "MerchantLocationKeys", Format: "MerchantLatitudeOf"},
	{Name: "merchant.longitude", Method: "MerchantLongitude", Kind: Float64, Keys: "MerchantLocationKeys", Format: "MerchantLongitudeOf"},
	{Name: "device.id", Method: "DeviceID", Kind: String, Keys: "DeviceIDKeys", Format: "FormatDeviceID"},
	{Name: "device.type", Method: "DeviceType", Kind: String, Keys: "DeviceTypeKeys", Format: "FormatDeviceType"},
	{Name: "device.ip", Method: "DeviceIP", Kind: String, Keys: "DeviceIPKeys", Format: "FormatDeviceIP"},
	{Name: "fraud.label", Method: "FraudLabel", Kind: Bool},
	{Name: "fraud.scenario", Method: "FraudScenario", Kind: String, Natural: true, Keys: "FraudScenarioKeys", Format: "FormatFraudScenario"},
	{Name: "fraud.reported_at", Method: "FraudReportedAt", Kind: Timestamp, Natural: true},
}

// SourceByName returns the source called name.
func SourceByName(name string) (SourceInfo, bool) {
	for _, s := range Sources {
		if s.Name == name {
			return s, true
		}
	}
	return SourceInfo{}, false
}
