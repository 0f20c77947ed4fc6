package learn

import "math"

// rawColumn describes one raw column of Row for the univariate leak check.
type rawColumn struct {
	name string
	typ  string                    // string, int64, decimal, timestamp, double, boolean
	str  func(*Row) (string, bool) // string columns; false = null
	num  func(*Row) (float64, bool)
}

func str(f func(*Row) string) func(*Row) (string, bool) {
	return func(r *Row) (string, bool) { return f(r), true }
}

func optStr(f func(*Row) *string) func(*Row) (string, bool) {
	return func(r *Row) (string, bool) {
		if p := f(r); p != nil {
			return *p, true
		}
		return "", false
	}
}

func optNum(f func(*Row) *float64) func(*Row) (float64, bool) {
	return func(r *Row) (float64, bool) {
		if p := f(r); p != nil && !math.IsNaN(*p) {
			return *p, true
		}
		return 0, false
	}
}

// LabelColumns are excluded from the univariate check (they are the label).
var LabelColumns = []string{"label_fraud", "fraud_scenario"}

// rawColumns are every column of the data contract except the label columns, in file order.
var rawColumns = []rawColumn{
	{name: "transaction_id", typ: "string", str: str(func(r *Row) string { return r.TransactionID })},
	{name: "event_time", typ: "timestamp", num: func(r *Row) (float64, bool) { return float64(r.EventTime), true }},
	{name: "customer_id", typ: "string", str: str(func(r *Row) string { return r.CustomerID })},
	{name: "card_id", typ: "string", str: str(func(r *Row) string { return r.CardID })},
	{name: "card_number_masked", typ: "string", str: str(func(r *Row) string { return r.CardNumberMasked })},
	{name: "card_brand", typ: "string", str: str(func(r *Row) string { return r.CardBrand })},
	{name: "card_type", typ: "string", str: str(func(r *Row) string { return r.CardType })},
	{name: "amount", typ: "decimal", num: func(r *Row) (float64, bool) { return float64(r.Amount), true }},
	{name: "currency", typ: "string", str: str(func(r *Row) string { return r.Currency })},
	{name: "merchant_id", typ: "string", str: str(func(r *Row) string { return r.MerchantID })},
	{name: "mcc_code", typ: "string", str: optStr(func(r *Row) *string { return r.MCCCode })},
	{name: "merchant_category", typ: "string", str: str(func(r *Row) string { return r.MerchantCategory })},
	{name: "merchant_country", typ: "string", str: str(func(r *Row) string { return r.MerchantCountry })},
	{name: "customer_country", typ: "string", str: str(func(r *Row) string { return r.CustomerCountry })},
	{name: "entry_mode", typ: "string", str: str(func(r *Row) string { return r.EntryMode })},
	{name: "device_id", typ: "string", str: optStr(func(r *Row) *string { return r.DeviceID })},
	{name: "device_type", typ: "string", str: str(func(r *Row) string { return r.DeviceType })},
	{name: "ip_address", typ: "string", str: str(func(r *Row) string { return r.IPAddress })},
	{name: "latitude", typ: "double", num: optNum(func(r *Row) *float64 { return r.Latitude })},
	{name: "longitude", typ: "double", num: optNum(func(r *Row) *float64 { return r.Longitude })},
	{name: "three_ds", typ: "boolean", num: func(r *Row) (float64, bool) { return float64(b2f(r.ThreeDS)), true }},
	{name: "auth_status", typ: "string", str: str(func(r *Row) string { return r.AuthStatus })},
}
