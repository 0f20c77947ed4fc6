// Package learn measures how learnable, and how leaky, the fraud label of a paygen dataset is.
package learn

import "time"

// Row is one payment as paygen writes it (the 24 columns of the data contract, in order).
// Optional columns are pointers; EventTime is in microseconds since the Unix epoch (UTC)
// and Amount in minor units of the currency.
type Row struct {
	TransactionID    string   `parquet:"transaction_id"`
	EventTime        int64    `parquet:"event_time,timestamp(microsecond)"`
	CustomerID       string   `parquet:"customer_id"`
	CardID           string   `parquet:"card_id"`
	CardNumberMasked string   `parquet:"card_number_masked"`
	CardBrand        string   `parquet:"card_brand"`
	CardType         string   `parquet:"card_type"`
	Amount           int64    `parquet:"amount,decimal(2:12)"`
	Currency         string   `parquet:"currency"`
	MerchantID       string   `parquet:"merchant_id"`
	MCCCode          *string  `parquet:"mcc_code,optional"`
	MerchantCategory string   `parquet:"merchant_category"`
	MerchantCountry  string   `parquet:"merchant_country"`
	CustomerCountry  string   `parquet:"customer_country"`
	EntryMode        string   `parquet:"entry_mode"`
	DeviceID         *string  `parquet:"device_id,optional"`
	DeviceType       string   `parquet:"device_type"`
	IPAddress        string   `parquet:"ip_address"`
	Latitude         *float64 `parquet:"latitude,optional"`
	Longitude        *float64 `parquet:"longitude,optional"`
	ThreeDS          bool     `parquet:"three_ds"`
	AuthStatus       string   `parquet:"auth_status"`
	LabelFraud       bool     `parquet:"label_fraud"`
	FraudScenario    *string  `parquet:"fraud_scenario,optional"`
}

// Time returns the event time as a UTC time.Time.
func (r *Row) Time() time.Time { return time.UnixMicro(r.EventTime).UTC() }

const (
	microsPerSecond = int64(1_000_000)
	microsPerHour   = 3600 * microsPerSecond
	microsPerDay    = 24 * microsPerHour
)
