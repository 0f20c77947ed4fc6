package ir_test

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/schemac/ir"
	"github.com/paygen/paygen/schemac/load"
)

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"transaction_id":     "TransactionID",
		"mcc_code":           "MCCCode",
		"three_ds":           "ThreeDS",
		"ip_address":         "IPAddress",
		"card_number_masked": "CardNumberMasked",
		"url":                "URL",
		"card_pan":           "CardPAN",
		"label_fraud":        "LabelFraud",
		"zone2_id":           "Zone2ID",
		"idle":               "Idle",
	} {
		assert.Equal(t, want, ir.GoName(in), in)
	}
}

// build loads and checks a schema given as text.
func build(t *testing.T, src string) (*ir.Schema, error) {
	t.Helper()
	f, err := load.Load("s.yaml", []byte(src))
	require.NoError(t, err)
	return ir.Build(f, "s.yaml", []byte(src))
}

func TestRealSchema(t *testing.T) {
	data, err := os.ReadFile("../../schema/transaction_schema.yaml")
	require.NoError(t, err)
	f, err := load.Load("schema/transaction_schema.yaml", data)
	require.NoError(t, err)
	s, err := ir.Build(f, "schema/transaction_schema.yaml", data)
	require.NoError(t, err)

	require.Len(t, s.Columns, 24)
	assert.Equal(t, "Payment", s.Table.GoType)
	assert.Len(t, s.Fingerprint, 16)

	lat, lon := s.Column("latitude"), s.Column("longitude")
	require.NotNil(t, lat)
	assert.True(t, lat.ByRate())
	assert.Equal(t, "geo", lat.NullKey())
	assert.Equal(t, lat.NullKey(), lon.NullKey())
	assert.Equal(t, "mcc_code", s.Column("mcc_code").NullKey())

	scen := s.Column("fraud_scenario")
	assert.True(t, scen.Nullable)
	assert.False(t, scen.ByRate())
	assert.Equal(t, "fraud_scenario,optional,dict", scen.ParquetTag())

	// Required columns start with an implicit NotNull; nullable ones do not.
	assert.Equal(t, ir.NotNull, s.Column("transaction_id").Expect[0].Kind)
	for _, e := range s.Column("mcc_code").Expect {
		assert.NotEqual(t, ir.NotNull, e.Kind)
	}

	mean := s.Column("amount").Expect[2]
	assert.Equal(t, ir.Mean, mean.Kind)
	assert.Equal(t, ir.SeverityWarning, mean.Severity)
	assert.Equal(t, 10.0, mean.Min)

	require.Len(t, s.Rules, 4)
	rc := s.Rules[3]
	assert.Equal(t, ir.RowCount, rc.Kind)
	assert.Equal(t, 1.0, rc.Min)
	assert.True(t, math.IsNaN(rc.Max), "open end is NaN")

	assert.Equal(t, 0.57, s.Config.Card.Brands[0].Weight)
	require.NotEmpty(t, s.Config.Regions)
	assert.Equal(t, "eea", s.Config.Regions[0].Name)
	assert.Equal(t, "EUR", s.Config.Regions[0].LimitCurrency)
	assert.Equal(t, "visa", s.Config.Card.Brands[0].Name)
	assert.Equal(t, 3, s.Config.Customer.CardsMax)
}

func TestErrorsAreSortedAndAllReported(t *testing.T) {
	_, err := build(t, `version: 2
table: {name: t, go_type: T}
columns:
  - {name: b, type: double, source: txn.id, null_rate: 2}
  - {name: a, type: "decimal(19,2)", source: txn.amount}
  - {name: c, type: string, source: fraud.scenario, null_group: g}
`)
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	assert.Equal(t, []string{
		`s.yaml:1:10: version 2 is not supported (only 1)`,
		`s.yaml:4:37: column "b": source "txn.id" gives string values, but the column type is double`,
		`s.yaml:4:56: column "b": null_rate 2 is outside [0,1]`,
		`s.yaml:5:21: column "a": decimal(19,2) needs 1 <= precision <= 18 and scale <= precision (stored as int64)`,
		`s.yaml:6:65: column "c": source "fraud.scenario" is null by construction; remove null_group`,
	}, lines)
}

func TestWorldSectionKeysRequired(t *testing.T) {
	_, err := build(t, `version: 1
table: {name: t, go_type: T}
world: {window_days: 0, block_rows: 10, daily_peak_hour: 25, daily_peak_sigma: 0, daily_floor: 0.1}
columns: [{name: a, type: string, source: txn.id}]
`)
	require.Error(t, err)
	assert.Equal(t, `s.yaml:3:8: world: weekend_factor is required
s.yaml:3:22: world: window_days 0 must be at least 1
s.yaml:3:58: world: daily_peak_hour 25 is outside [0,24]
s.yaml:3:80: world: daily_peak_sigma 0 is outside (0,24]`, err.Error())
}

func TestTableDefaults(t *testing.T) {
	s, err := build(t, "version: 1\ntable: {name: events, go_type: Event}\ncolumns: [{name: a, type: string, source: txn.id}]\n")
	require.NoError(t, err)
	assert.Equal(t, "events", s.Table.FilePrefix)
	assert.Equal(t, "fillA", s.Columns[0].FillFunc)
}
