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
}

// Sources lists every source a schema may reference.
var Sources = []SourceInfo{
	{Name: "txn.id", Method: "TxnID", Kind: String},
	{Name: "txn.time", Method: "TxnTime", Kind: Timestamp},
	{Name: "txn.amount", Method: "TxnAmount", Kind: Decimal2},
	{Name: "txn.entry_mode", Method: "TxnEntryMode", Kind: String},
	{Name: "txn.three_ds", Method: "TxnThreeDS", Kind: Bool},
	{Name: "txn.auth_status", Method: "TxnAuthStatus", Kind: String},
	{Name: "customer.id", Method: "CustomerID", Kind: String},
	{Name: "customer.country", Method: "CustomerCountry", Kind: String},
	{Name: "card.id", Method: "CardID", Kind: String},
	{Name: "card.masked_pan", Method: "CardMaskedPAN", Kind: String},
	{Name: "card.brand", Method: "CardBrand", Kind: String},
	{Name: "card.type", Method: "CardType", Kind: String},
	{Name: "merchant.id", Method: "MerchantID", Kind: String},
	{Name: "merchant.mcc", Method: "MerchantMCC", Kind: String},
	{Name: "merchant.category", Method: "MerchantCategory", Kind: String},
	{Name: "merchant.country", Method: "MerchantCountry", Kind: String},
	{Name: "merchant.currency", Method: "MerchantCurrency", Kind: String},
	{Name: "merchant.latitude", Method: "MerchantLatitude", Kind: Float64},
	{Name: "merchant.longitude", Method: "MerchantLongitude", Kind: Float64},
	{Name: "device.id", Method: "DeviceID", Kind: String},
	{Name: "device.type", Method: "DeviceType", Kind: String},
	{Name: "device.ip", Method: "DeviceIP", Kind: String},
	{Name: "fraud.label", Method: "FraudLabel", Kind: Bool},
	{Name: "fraud.scenario", Method: "FraudScenario", Kind: String, Natural: true},
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
