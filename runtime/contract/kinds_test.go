package contract_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan/colscantest"
	"github.com/paygen/paygen/runtime/contract"
)

// fullContract is the payments contract plus the kinds it does not use.
func fullContract() *contract.Contract {
	c := payments()
	c.Expectations = append(c.Expectations,
		contract.Expectation{Kind: contract.NotNull, Column: "transaction_id"},
		contract.Expectation{Kind: contract.Quantile, Column: "amount", Q: 0.5, HasMin: true, Min: 5, HasMax: true, Max: 500},
		contract.Expectation{Kind: contract.Range, Column: "event_time", HasMin: true, Min: float64(colscantest.DefaultDate.AddDate(0, 0, -30).Unix()), HasMax: true, Max: float64(colscantest.DefaultDate.Unix())},
	)
	return c
}

func TestGoodDataPassesEveryKind(t *testing.T) {
	c := fullContract()
	kinds := map[contract.Kind]bool{}
	for _, e := range c.Expectations {
		kinds[e.Kind] = true
	}
	for k := contract.NotNull; k <= contract.RowCount; k++ {
		require.True(t, kinds[k], "the contract under test lacks %v", k)
	}

	rep := validate(t, writePayments(t, nil), c)
	for _, r := range rep.Results {
		assert.True(t, r.Evaluated, "%s: %s", r.Name, r.Reason)
		assert.True(t, r.Success, "%s: observed %s, samples %v", r.Name, r.Observed, r.UnexpectedSamples)
	}
	assert.True(t, rep.Success)
	assert.True(t, rep.Schema.Success)
	s := rep.Statistics
	assert.EqualValues(t, testRows, s.Rows)
	assert.Equal(t, 24, s.Columns)
	assert.Equal(t, len(c.Expectations), s.Expectations)
	assert.Equal(t, s.Expectations, s.Evaluated)
	assert.Equal(t, s.Expectations, s.Passed)
	assert.Zero(t, s.Failed+s.Warnings+s.NotEvaluated)
	assert.EqualValues(t, 100, s.SuccessPct)

	// Spot-check observed figures against what the fixture wrote.
	assert.Equal(t, float64(testRows/20)/testRows, *result(t, rep, "mcc_code.null_rate").ObservedValue)
	assert.EqualValues(t, testRows-testRows/20, result(t, rep, "mcc_code.in_set").ElementCount)
	assert.Equal(t, float64(colscantest.FraudCount(testRows))/testRows, *result(t, rep, "label_fraud.true_rate").ObservedValue)
	assert.Equal(t, float64(testRows), *result(t, rep, "row_count").ObservedValue)
}

func TestEachKindFailsOnBrokenData(t *testing.T) {
	date := colscantest.DefaultDate
	cases := []struct {
		name       string // result that must fail
		mutate     func(i int, p *colscantest.Payment)
		unexpected int64 // -1 for aggregate checks
		sample     string
		warning    bool
	}{
		{"device_id.null_rate", func(i int, p *colscantest.Payment) {
			if i%5 == 0 {
				p.DeviceID = nil
			}
		}, -1, "", false},
		{"currency.in_set", func(i int, p *colscantest.Payment) {
			if i == 10 || i == 3000 {
				p.Currency = "XXX"
			}
		}, 2, "XXX", false},
		{"card_type.in_set", func(i int, p *colscantest.Payment) {
			if i%1000 == 1 {
				p.CardType = "gold"
			}
		}, 4, "gold", false},
		{"customer_id.pattern", func(i int, p *colscantest.Payment) {
			if i == 3 {
				p.CustomerID = "cus_12"
			}
		}, 1, "cus_12", false},
		{"amount.range", func(i int, p *colscantest.Payment) {
			switch i {
			case 7:
				p.Amount = -500
			case 2600:
				p.Amount = 0
			}
		}, 2, "-5.00", false},
		{"latitude.range", func(i int, p *colscantest.Payment) {
			if i == 9 {
				p.Latitude = new(91.5)
			}
		}, 1, "91.5", false},
		{"transaction_id.unique", func(i int, p *colscantest.Payment) {
			if i == 2999 {
				p.TransactionID = "txn_20250529_0000000004"
			}
		}, 1, "txn_20250529_0000000004", false},
		{"transaction_id.unique", func(i int, p *colscantest.Payment) {
			if i == 10 { // next to its twin: the ascending pass stops there, the rescan finds it
				p.TransactionID = "txn_20250529_0000000009"
			}
		}, 1, "txn_20250529_0000000009", false},
		{"amount.mean", func(i int, p *colscantest.Payment) {
			if i == 0 {
				p.Amount = 500_000_000_000 // one huge payment moves the mean, not the median
			}
		}, -1, "", true},
		{"amount.quantile", func(_ int, p *colscantest.Payment) { p.Amount = 100000 }, -1, "", false},
		{"event_time.time_window", func(i int, p *colscantest.Payment) {
			if i == testRows-1 {
				p.EventTime = date.Add(time.Hour).UnixMicro()
			}
		}, 1, "2025-05-29T01:00:00Z", false},
		{"fraud_scenario.null_iff.label_fraud", func(i int, p *colscantest.Payment) {
			if i == 100 && !p.LabelFraud {
				p.FraudScenario = strp("card_testing")
			}
		}, 1, "row 100: fraud_scenario set, label_fraud false/null", false},
		{"latitude.same_nulls.longitude", func(i int, p *colscantest.Payment) {
			if i == 200 {
				p.Latitude = nil
			}
		}, 1, "row 200: latitude null, longitude set", false},
		{"currency.currency_of_country.merchant_country", func(i int, p *colscantest.Payment) {
			if i == 300 {
				p.MerchantCountry, p.Currency = "FR", "USD"
			}
		}, 1, "FR with USD (expected EUR)", false},
		{"label_fraud.true_rate", func(i int, p *colscantest.Payment) { p.LabelFraud = i%20 == 0 || p.LabelFraud }, -1, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep := validate(t, writePayments(t, tc.mutate), fullContract())
			r := result(t, rep, tc.name)
			assert.True(t, r.Evaluated, r.Reason)
			assert.False(t, r.Success, "observed %s", r.Observed)
			if tc.unexpected >= 0 {
				assert.Equal(t, tc.unexpected, r.UnexpectedCount)
				assert.InDelta(t, 100*float64(tc.unexpected)/float64(r.ElementCount), r.UnexpectedPercent, 1e-9)
				assert.Contains(t, r.UnexpectedSamples, tc.sample)
				assert.LessOrEqual(t, len(r.UnexpectedSamples), 5)
			} else {
				assert.NotNil(t, r.ObservedValue)
			}
			if tc.warning {
				assert.Equal(t, "warning", r.Severity)
				assert.Equal(t, "WARN", r.Status())
				assert.True(t, rep.Success, "a failed warning does not fail the file")
				assert.Equal(t, 1, rep.Statistics.Warnings)
			} else {
				assert.False(t, rep.Success)
				assert.Positive(t, rep.Statistics.Failed)
			}
		})
	}
}

func TestNotNullAndRowCountFail(t *testing.T) {
	c := &contract.Contract{Table: "payments", Expectations: []contract.Expectation{
		{Kind: contract.NotNull, Column: "mcc_code"},
		{Kind: contract.RowCount, HasMin: true, Min: 10000},
		{Kind: contract.RowCount, HasMax: true, Max: testRows},
	}}
	rep := validate(t, writePayments(t, nil), c)
	nn := rep.Results[0]
	assert.False(t, nn.Success)
	assert.EqualValues(t, testRows/20, nn.UnexpectedCount)
	assert.EqualValues(t, testRows, nn.ElementCount)
	assert.Equal(t, []string{"row 7", "row 27", "row 47", "row 67", "row 87"}, nn.UnexpectedSamples)
	assert.False(t, rep.Results[1].Success)
	assert.Equal(t, "4000 rows", rep.Results[1].Observed)
	assert.True(t, rep.Results[2].Success, "bounds are inclusive")
	assert.False(t, rep.Success)
	assert.False(t, rep.Schema.Checked, "a contract without columns skips the schema check")

	// The same NotNull passes once every row has a value.
	rep = validate(t, writePayments(t, func(_ int, p *colscantest.Payment) { p.MCCCode = strp("5411") }), c)
	assert.True(t, rep.Results[0].Success)
}

func TestTimeWindowDate(t *testing.T) {
	path := writePayments(t, nil)
	c := &contract.Contract{Expectations: []contract.Expectation{{Kind: contract.TimeWindow, Column: "event_time", Days: 30}}}
	// A later dataset date puts the first days of the file outside the window.
	rep, err := contract.Validate(path, c, contract.Options{Date: colscantest.DefaultDate.AddDate(0, 0, 10)})
	require.NoError(t, err)
	r := rep.Results[0]
	assert.False(t, r.Success)
	assert.InDelta(t, testRows/3, r.UnexpectedCount, testRows/100)
	assert.Equal(t, "event_time in [2025-05-09T00:00:00Z, 2025-06-08T00:00:00Z)", r.Expectation)

	// Without paygen.date metadata and without a date the check cannot run.
	bare := t.TempDir() + "/bare.parquet"
	require.NoError(t, colscantest.Write(bare, colscantest.Options{Rows: 100, NoMetadata: true}))
	rep = validate(t, bare, c)
	assert.False(t, rep.Results[0].Evaluated)
	assert.Contains(t, rep.Results[0].Reason, "no paygen.date metadata")
	assert.False(t, rep.Success)
}
