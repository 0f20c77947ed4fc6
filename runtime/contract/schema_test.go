package contract_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
	"github.com/paygen/paygen/runtime/contract"
)

// mini has three of the payments columns (amount mistyped, event_time out of order) and
// one extra column.
type mini struct {
	TransactionID string  `parquet:"transaction_id"`
	Amount        float64 `parquet:"amount"`
	EventTime     int64   `parquet:"event_time,timestamp(microsecond)"`
	Note          string  `parquet:"note,optional"`
}

func TestSchemaMismatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mini.parquet")
	rows := []mini{{"txn_20250529_0000000001", 1.5, 1748390400000000, "a"}, {"txn_20250529_0000000002", 2.5, 1748390400000001, ""}}
	require.NoError(t, parquet.WriteFile(path, rows))

	rep := validate(t, path, payments())
	assert.False(t, rep.Success)
	assert.True(t, rep.Schema.Checked)
	assert.False(t, rep.Schema.Success)

	byProblem := map[string][]contract.SchemaIssue{}
	for _, is := range rep.Schema.Issues {
		byProblem[is.Problem] = append(byProblem[is.Problem], is)
	}
	assert.Len(t, byProblem["missing"], 21)
	assert.Contains(t, byProblem["missing"], contract.SchemaIssue{Column: "customer_id", Problem: "missing", Expected: "STRING required"})
	assert.Equal(t, []contract.SchemaIssue{{Column: "note", Problem: "extra", Observed: "STRING optional"}}, byProblem["extra"])
	assert.Equal(t, []contract.SchemaIssue{{Column: "amount", Problem: "type", Expected: "INT64 DECIMAL(12,2)", Observed: "DOUBLE DOUBLE"}}, byProblem["type"])
	assert.Len(t, byProblem["order"], 2, "amount and event_time swapped")
	assert.Empty(t, byProblem["nullability"])

	// Expectations on absent or mistyped columns fail without being evaluated.
	r := result(t, rep, "amount.range")
	assert.False(t, r.Evaluated)
	assert.False(t, r.Success)
	assert.Equal(t, "amount: column has type DOUBLE, contract expects DECIMAL(12,2)", r.Reason)
	assert.Equal(t, "SKIP", r.Status())
	r = result(t, rep, "customer_id.pattern")
	assert.False(t, r.Evaluated)
	assert.Equal(t, "customer_id: column missing from the file", r.Reason)
	r = result(t, rep, "currency.currency_of_country.merchant_country")
	assert.False(t, r.Evaluated)
	// Expectations on good columns still run.
	r = result(t, rep, "transaction_id.unique")
	assert.True(t, r.Evaluated)
	assert.True(t, r.Success)
	assert.EqualValues(t, 2, r.ElementCount)

	s := rep.Statistics
	assert.Equal(t, 4, s.Columns)
	assert.Equal(t, s.Expectations, s.Evaluated+s.NotEvaluated)
	assert.Equal(t, s.Expectations, s.Passed+s.Failed+s.Warnings)
	assert.Positive(t, s.NotEvaluated)

	var text bytesBuffer
	require.NoError(t, contract.WriteText(&text, rep))
	assert.Contains(t, text.String(), "FAILED (25 schema issues")
	assert.Contains(t, text.String(), "MISSING  customer_id")
	assert.Contains(t, text.String(), "not evaluated: amount: column has type DOUBLE")
}

func TestSchemaNullability(t *testing.T) {
	c := payments()
	c.Columns[0].Nullable = true   // file: required
	c.Columns[10].Nullable = false // mcc_code; file: optional
	rep := validate(t, writePayments(t, nil), c)
	assert.False(t, rep.Success)
	assert.Equal(t, []contract.SchemaIssue{
		{Column: "transaction_id", Problem: "nullability", Expected: "optional", Observed: "required"},
	}, rep.Schema.Issues)
	// OPTIONAL where the contract says REQUIRED is compatible: a warning (issue 13).
	assert.Equal(t, []contract.SchemaIssue{
		{Column: "mcc_code", Problem: "nullability", Expected: "required", Observed: "optional (compatible: nulls are checked by the data expectations)"},
	}, rep.Schema.Warnings)
	// Nullability differences do not stop the column's expectations.
	assert.True(t, result(t, rep, "mcc_code.in_set").Evaluated)
	// mcc_code holds nulls, and the contract now says required: the implicit
	// not-null check fails; everything else passes.
	nn := result(t, rep, "mcc_code.not_null")
	assert.False(t, nn.Success)
	assert.Equal(t, "schema: required column", nn.Source)
	assert.Equal(t, rep.Statistics.Expectations-1, rep.Statistics.Passed)
}

func TestExpectationsThatCannotRun(t *testing.T) {
	c := &contract.Contract{Expectations: []contract.Expectation{
		{Kind: contract.Pattern, Column: "amount", Pattern: "^1"},
		{Kind: contract.InSet, Column: "currency", Set: "planets"},
		{Kind: contract.Pattern, Column: "currency", Pattern: "(["},
		{Kind: contract.NullIff, Column: "fraud_scenario", Other: "currency"},
		{Kind: contract.Range, Column: "nope", HasMin: true, Min: 0, HasMax: true, Max: 1},
		{Kind: contract.TrueRate, Column: "amount", HasMin: true, Min: 0, HasMax: true, Max: 1, Severity: contract.Warning},
	}}
	rep := validate(t, writePayments(t, nil), c)
	reasons := []string{}
	for _, r := range rep.Results {
		assert.False(t, r.Evaluated)
		assert.False(t, r.Success)
		reasons = append(reasons, r.Reason)
	}
	assert.Equal(t, []string{
		"pattern needs a string column, amount is DECIMAL(12,2)",
		`invalid expectation: unknown vocabulary "planets" (known: countries, currencies, mccs, categories, brands)`,
		"invalid expectation: error parsing regexp: missing closing ]: `[`",
		"null_iff needs a BOOLEAN other column, currency is STRING",
		"nope: column missing from the file",
		"true_rate needs a BOOLEAN column, amount is DECIMAL(12,2)",
	}, reasons)
	assert.Equal(t, 5, rep.Statistics.Failed)
	assert.Equal(t, 1, rep.Statistics.Warnings)
}

func TestUnreadableInput(t *testing.T) {
	dir := t.TempDir()
	good := writePayments(t, nil)
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	trunc := filepath.Join(dir, "trunc.parquet")
	require.NoError(t, os.WriteFile(trunc, data[:len(data)-100], 0o644))
	text := filepath.Join(dir, "data.csv")
	require.NoError(t, os.WriteFile(text, []byte("a,b\n1,2\n"), 0o644))

	for path, want := range map[string]string{
		filepath.Join(dir, "none.parquet"): "colscan: open " + filepath.Join(dir, "none.parquet") + ": no such file or directory",
		trunc:                              "colscan: " + trunc + ": corrupt Parquet file: truncated or incomplete (no footer magic at end of file)",
		text:                               "colscan: " + text + ": not a Parquet file (bad magic)",
	} {
		rep, err := contract.Validate(path, payments(), contract.Options{})
		assert.Nil(t, rep)
		require.Error(t, err)
		assert.Equal(t, want, err.Error())
	}

	// Corrupt page data (footer intact) is an error too, never a panic or a report.
	bad := append([]byte{}, data...)
	for i := 200; i < len(bad)/2; i += 97 {
		bad[i] ^= 0xff
	}
	corrupt := filepath.Join(dir, "corrupt.parquet")
	require.NoError(t, os.WriteFile(corrupt, bad, 0o644))
	_, err = contract.Validate(corrupt, payments(), contract.Options{})
	require.Error(t, err)
	assert.ErrorIs(t, err, colscan.ErrCorrupt)
}

// A file with the table's columns written by DuckDB, Spark or pandas has every
// column OPTIONAL: its data is validated (issue 13: it was "19 schema issues", exit
// 2), and real nulls in a required column fail its not-null check.
func TestAllOptionalColumnsAreValidated(t *testing.T) {
	c := payments()
	path := filepath.Join(t.TempDir(), "duckdb.parquet")
	require.NoError(t, colscantest.WriteOptional(path, colscantest.Options{Rows: testRows, Seed: 3}, nil))
	rep := validate(t, path, c)
	assert.True(t, rep.Schema.Success, "%+v", rep.Schema.Issues)
	assert.True(t, rep.Success)
	required := 0
	for _, col := range c.Columns {
		if !col.Nullable {
			required++
		}
	}
	assert.Len(t, rep.Schema.Warnings, required)
	assert.Equal(t, rep.Statistics.Expectations, rep.Statistics.Passed)

	var text strings.Builder
	require.NoError(t, contract.WriteText(&text, rep))
	assert.Contains(t, text.String(), fmt.Sprintf("schema warnings: %d columns", required))

	nulls := filepath.Join(t.TempDir(), "nulls.parquet")
	require.NoError(t, colscantest.WriteOptional(nulls, colscantest.Options{Rows: testRows, Seed: 3}, func(i int, p *colscantest.OptionalPayment) {
		if i%1000 == 7 {
			p.CustomerID = nil
		}
	}))
	rep = validate(t, nulls, c)
	assert.True(t, rep.Schema.Success)
	assert.False(t, rep.Success)
	r := result(t, rep, "customer_id.not_null")
	assert.True(t, r.Evaluated)
	assert.False(t, r.Success)
}

// Issue 13: one row failed the median band (generate --rows 1 --validate failed its
// own contract). A quantile band allows the sampling margin of small files; large
// files still fail a band their quantile misses.
func TestQuantileBandSamplingMargin(t *testing.T) {
	c := &contract.Contract{Expectations: []contract.Expectation{
		{Kind: contract.Quantile, Column: "amount", Q: 0.5, HasMin: true, Min: 20, HasMax: true, Max: 200},
	}}
	for _, tc := range []struct {
		rows int
		amt  func(i int) int64 // minor units
		pass bool
	}{
		{1, func(int) int64 { return 25686 }, true},                   // p50 256.86 of one row
		{3, func(i int) int64 { return int64(25000 + i) }, true},      // three rows, all above
		{2000, func(int) int64 { return 25686 }, false},               // every row above: not sampling
		{2000, func(i int) int64 { return int64(5000 + i*10) }, true}, // p50 150.00: inside
		{2000, func(i int) int64 { return int64(15000 + i*10) }, false},
	} {
		path := filepath.Join(t.TempDir(), "q.parquet")
		require.NoError(t, colscantest.Write(path, colscantest.Options{Rows: tc.rows, Mutate: func(i int, p *colscantest.Payment) { p.Amount = tc.amt(i) }}))
		rep := validate(t, path, c)
		assert.Equal(t, tc.pass, rep.Results[0].Success, "%d rows: %s", tc.rows, rep.Results[0].Observed)
	}
}
