// Package contracttest provides a hand-written payments contract mirroring schema/transaction_schema.yaml, for tests.
package contracttest

import (
	"math"

	"github.com/paygen/paygen/runtime/contract"
)

var nan = math.NaN()

// Payments returns a fresh contract for the 24-column payments table of BRIEF.md with the
// expectations declared in schema/transaction_schema.yaml.
func Payments() *contract.Contract {
	str := func(name string, nullable bool) contract.Column {
		return contract.Column{Name: name, Physical: "BYTE_ARRAY", Logical: "STRING", Nullable: nullable}
	}
	cols := []contract.Column{
		str("transaction_id", false),
		{Name: "event_time", Physical: "INT64", Logical: "TIMESTAMP(MICROS,UTC)"},
		str("customer_id", false),
		str("card_id", false),
		str("card_number_masked", false),
		str("card_brand", false),
		str("card_type", false),
		{Name: "amount", Physical: "INT64", Logical: "DECIMAL(12,2)"},
		str("currency", false),
		str("merchant_id", false),
		str("mcc_code", true),
		str("merchant_category", false),
		str("merchant_country", false),
		str("customer_country", false),
		str("entry_mode", false),
		str("device_id", true),
		str("device_type", false),
		str("ip_address", false),
		{Name: "latitude", Physical: "DOUBLE", Nullable: true},
		{Name: "longitude", Physical: "DOUBLE", Nullable: true},
		{Name: "three_ds", Physical: "BOOLEAN"},
		str("auth_status", false),
		{Name: "label_fraud", Physical: "BOOLEAN"},
		str("fraud_scenario", true),
	}
	E := func(e contract.Expectation) contract.Expectation {
		if e.Min == 0 && e.Max == 0 {
			e.Min, e.Max = nan, nan
		}
		e.Source = "contracttest"
		return e
	}
	ex := []contract.Expectation{
		E(contract.Expectation{Kind: contract.Unique, Column: "transaction_id"}),
		E(contract.Expectation{Kind: contract.Pattern, Column: "transaction_id", Pattern: `^txn_[0-9]{8}_[0-9]{10}$`}),
		E(contract.Expectation{Kind: contract.TimeWindow, Column: "event_time", Days: 30}),
		E(contract.Expectation{Kind: contract.Pattern, Column: "customer_id", Pattern: `^cus_[0-9]{7}$`}),
		E(contract.Expectation{Kind: contract.Pattern, Column: "card_id", Pattern: `^card_[0-9]{8}$`}),
		E(contract.Expectation{Kind: contract.Pattern, Column: "card_number_masked", Pattern: `^[0-9]{6}\*{6}[0-9]{4}$|^[0-9]{6}\*{5}[0-9]{4}$`}),
		E(contract.Expectation{Kind: contract.InSet, Column: "card_brand", Set: "brands"}),
		E(contract.Expectation{Kind: contract.InSet, Column: "card_type", Values: []string{"credit", "debit", "prepaid"}}),
		E(contract.Expectation{Kind: contract.Range, Column: "amount", Min: 0.01, Max: 9999999999.99}),
		E(contract.Expectation{Kind: contract.Mean, Column: "amount", Min: 10, Max: 100000, Severity: contract.Warning}),
		E(contract.Expectation{Kind: contract.Quantile, Column: "amount", Q: 0.5, Min: 20, Max: 200}),
		E(contract.Expectation{Kind: contract.InSet, Column: "currency", Set: "currencies"}),
		E(contract.Expectation{Kind: contract.Pattern, Column: "merchant_id", Pattern: `^mer_[0-9]{6}$`}),
		E(contract.Expectation{Kind: contract.NullRate, Column: "mcc_code", Min: 0.04, Max: 0.06}),
		E(contract.Expectation{Kind: contract.InSet, Column: "mcc_code", Set: "mccs"}),
		E(contract.Expectation{Kind: contract.InSet, Column: "merchant_category", Set: "categories"}),
		E(contract.Expectation{Kind: contract.InSet, Column: "merchant_country", Set: "countries"}),
		E(contract.Expectation{Kind: contract.InSet, Column: "customer_country", Set: "countries"}),
		E(contract.Expectation{Kind: contract.InSet, Column: "entry_mode", Values: []string{"chip", "contactless", "magstripe", "ecommerce"}}),
		E(contract.Expectation{Kind: contract.NullRate, Column: "device_id", Min: 0.07, Max: 0.09}),
		E(contract.Expectation{Kind: contract.Pattern, Column: "device_id", Pattern: `^(dev|pos)_[0-9a-f]{12}$`}),
		E(contract.Expectation{Kind: contract.InSet, Column: "device_type", Values: []string{"mobile", "desktop", "tablet", "pos_terminal"}}),
		E(contract.Expectation{Kind: contract.Pattern, Column: "ip_address", Pattern: `^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$`}),
		E(contract.Expectation{Kind: contract.Range, Column: "latitude", Min: -90, Max: 90}),
		E(contract.Expectation{Kind: contract.NullRate, Column: "latitude", Min: 0.005, Max: 0.015}),
		E(contract.Expectation{Kind: contract.Range, Column: "longitude", Min: -180, Max: 180}),
		E(contract.Expectation{Kind: contract.InSet, Column: "auth_status", Values: []string{"approved", "declined", "review"}}),
		E(contract.Expectation{Kind: contract.TrueRate, Column: "label_fraud", Min: 0.0025, Max: 0.0035}),
		E(contract.Expectation{Kind: contract.InSet, Column: "fraud_scenario", Values: []string{"card_testing", "account_takeover", "stolen_card", "compromised_merchant", "device_farm"}}),
		E(contract.Expectation{Kind: contract.NullIff, Column: "fraud_scenario", Other: "label_fraud"}),
		E(contract.Expectation{Kind: contract.SameNulls, Column: "latitude", Other: "longitude"}),
		E(contract.Expectation{Kind: contract.CurrencyOfCountry, Column: "currency", Other: "merchant_country"}),
		E(contract.Expectation{Kind: contract.RowCount, Min: 1}),
	}
	// RowCount above has Min 1 and an open Max.
	ex[len(ex)-1].Max = nan
	return &contract.Contract{Table: "payments", Columns: cols, Expectations: ex}
}
