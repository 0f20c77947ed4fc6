package ir

import (
	"fmt"

	"github.com/paygen/paygen/schemac/load"
)

// ExpectKind is the kind of a check on a column or on the table.
type ExpectKind uint8

// Kinds of checks. Column checks first, then table rules.
const (
	NotNull           ExpectKind = iota // implicit on every required column
	Unique                              // unique: true
	Pattern                             // pattern: '^re$'
	InSet                               // in_set: name | [a, b]
	Range                               // range: [min, max]
	Mean                                // mean: [min, max]
	Quantile                            // quantile: {q, band: [min, max]}
	NullRate                            // null_rate: [min, max]
	TrueRate                            // true_rate: [min, max]
	TimeWindow                          // time_window_days: n
	NullIff                             // null_iff: {column, false_column}
	SameNulls                           // same_nulls: [a, b]
	CurrencyOfCountry                   // currency_of_country: {currency, country}
	RowCount                            // row_count: [min, max]
)

var kindNames = [...]string{
	NotNull: "NotNull", Unique: "Unique", Pattern: "Pattern", InSet: "InSet", Range: "Range",
	Mean: "Mean", Quantile: "Quantile", NullRate: "NullRate", TrueRate: "TrueRate", TimeWindow: "TimeWindow",
	NullIff: "NullIff", SameNulls: "SameNulls", CurrencyOfCountry: "CurrencyOfCountry",
	RowCount: "RowCount",
}

// String returns the Go-style name of the kind (NotNull, InSet, …).
func (k ExpectKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("ExpectKind(%d)", k)
}

// Severity says whether a failed check fails validation or only warns.
type Severity uint8

// Severities.
const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Expectation is one check. Min and Max are NaN for an open end.
type Expectation struct {
	Kind     ExpectKind
	Column   string   // the checked column (for rules, the first column named)
	Other    string   // the second column of a two-column rule
	Min, Max float64  // Range, Mean, Quantile, NullRate, TrueRate, RowCount
	Q        float64  // Quantile: which quantile, in (0, 1]
	Set      string   // InSet with a named reference set
	Values   []string // InSet with literal values; SameNulls: every column
	Pattern  string
	Days     int
	Severity Severity
	Pos      load.Pos // where it is declared, for schemac's own errors
	// Ref names the expectation by its place in the schema, stable under edits
	// elsewhere in the file: "mcc_code.expect[1]" (the second item of the
	// column's expect: list), "mcc_code.required" (the implicit NotNull of a
	// required column) or "rules[2]". Generated code carries Ref, not Pos.
	Ref string
}
