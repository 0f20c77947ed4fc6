// Package contract validates Parquet files against a data contract: schema, column and cross-column expectations.
package contract

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Severity says whether a failed expectation fails the file (Error) or only warns.
type Severity uint8

// Severities.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Kind is the type of an expectation.
type Kind uint8

// Expectation kinds. The comment gives the fields each kind reads.
const (
	NotNull           Kind = iota // Column has no nulls
	NullRate                      // share of null rows of Column within [Min, Max]
	InSet                         // non-null values of Column in Set (vocabulary) or Values
	Pattern                       // non-null values of Column match the Go regexp Pattern (unanchored unless it says ^...$)
	Range                         // non-null values of Column within [Min, Max]
	Unique                        // non-null values of Column are distinct
	Mean                          // mean of Column within [Min, Max]
	Quantile                      // quantile Q of Column within [Min, Max]
	TimeWindow                    // Column (timestamp) within [date-Days, date), date from metadata paygen.date, Options.Date, or [Min, Max) unix seconds
	NullIff                       // Column is null exactly when boolean Other is false (or null)
	SameNulls                     // Column and Other are null in the same rows
	CurrencyOfCountry             // Column (currency) is the ISO 4217 currency of Other (ISO 3166-1 country)
	TrueRate                      // share of true values of boolean Column within [Min, Max]
	RowCount                      // number of rows within [Min, Max]
	numKinds
)

var kindNames = [numKinds]string{
	"not_null", "null_rate", "in_set", "pattern", "range", "unique", "mean", "quantile",
	"time_window", "null_iff", "same_nulls", "currency_of_country", "true_rate", "row_count",
}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Expectation is one rule of a contract.
type Expectation struct {
	Kind   Kind
	Column string // primary column ("" for table-level checks such as RowCount)
	Other  string // second column for cross-column checks
	// Inclusive bounds, used when HasMin / HasMax is set: the zero value of an
	// Expectation is unbounded. DECIMAL ranges are in units, TIMESTAMP ranges in
	// unix seconds.
	HasMin, HasMax bool
	Min, Max       float64
	Q              float64  // quantile for Quantile, in (0, 1)
	Set            string   // vocabulary name: countries, currencies, mccs, categories, brands; or "" with Values
	Values         []string // explicit allowed values for InSet
	Pattern        string   // Go regexp for Pattern
	Days           int      // TimeWindow length in days
	Severity       Severity
	Source         string // where the expectation was declared, e.g. "mcc_code.expect[1]" or "rules[2]"
}

// lo and hi are the bounds as the checks use them: math.NaN() for an open end.
func (e Expectation) lo() float64 {
	if e.HasMin {
		return e.Min
	}
	return math.NaN()
}

func (e Expectation) hi() float64 {
	if e.HasMax {
		return e.Max
	}
	return math.NaN()
}

// Column is the expected type of one column.
type Column struct {
	Name     string
	Physical string // BYTE_ARRAY, INT64, INT32, DOUBLE, FLOAT, BOOLEAN, FIXED_LEN_BYTE_ARRAY
	Logical  string // STRING, TIMESTAMP(MICROS,UTC), DECIMAL(12,2), ... or ""
	Nullable bool
}

// Type returns the logical type when there is one, else the physical type.
func (c Column) Type() string {
	if c.Logical != "" {
		return c.Logical
	}
	return c.Physical
}

// Contract is the set of rules a table's files must meet.
type Contract struct {
	Table        string
	Columns      []Column // expected schema in order; empty = do not check the schema
	Expectations []Expectation
}

// Name returns a short stable identifier such as "amount.range" or "currency.currency_of_country.merchant_country".
func (e Expectation) Name() string {
	var b strings.Builder
	if e.Column != "" {
		b.WriteString(e.Column)
		b.WriteByte('.')
	}
	b.WriteString(e.Kind.String())
	if e.Other != "" {
		b.WriteByte('.')
		b.WriteString(e.Other)
	}
	return b.String()
}

// Describe renders the expectation for people, e.g. "amount in [0.01, 9999999999.99]".
func (e Expectation) Describe() string {
	c := e.Column
	switch e.Kind {
	case NotNull:
		return c + " is never null"
	case NullRate:
		return c + " null rate in " + band(e.lo(), e.hi(), true)
	case InSet:
		if e.Set != "" {
			return c + " in " + e.Set
		}
		vals := e.Values
		more := ""
		if len(vals) > 6 {
			vals, more = vals[:6], fmt.Sprintf(", … (%d values)", len(e.Values))
		}
		return c + " in {" + strings.Join(vals, ", ") + more + "}"
	case Pattern:
		return c + " matches " + e.Pattern
	case Range:
		return c + " in " + band(e.lo(), e.hi(), false)
	case Unique:
		return c + " is unique"
	case Mean:
		return "mean(" + c + ") in " + band(e.lo(), e.hi(), false)
	case Quantile:
		return fmt.Sprintf("p%s(%s) in %s", num(e.Q*100), c, band(e.lo(), e.hi(), false))
	case TimeWindow:
		if !math.IsNaN(e.lo()) || !math.IsNaN(e.hi()) {
			return c + " in [" + unixText(e.lo()) + ", " + unixText(e.hi()) + ")"
		}
		return fmt.Sprintf("%s within the %d days before the dataset date", c, e.Days)
	case NullIff:
		return c + " is null exactly when " + e.Other + " is false"
	case SameNulls:
		return c + " and " + e.Other + " are null in the same rows"
	case CurrencyOfCountry:
		return c + " is the currency of " + e.Other
	case TrueRate:
		return c + " true rate in " + band(e.lo(), e.hi(), true)
	case RowCount:
		return "row count in " + band(e.lo(), e.hi(), false)
	}
	return e.Name()
}

// band renders [min, max] with "-∞"/"∞" for open ends; rates are shown in percent.
func band(lo, hi float64, pct bool) string {
	f := func(v float64, open string) string {
		if math.IsNaN(v) {
			return open
		}
		if pct {
			return num(v*100) + "%"
		}
		return num(v)
	}
	return "[" + f(lo, "-∞") + ", " + f(hi, "∞") + "]"
}

// num formats a float without exponent noise (0.01, 9999999999.99, 1000000), keeping at
// most 6 decimals.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if a := math.Abs(v); a >= 1e15 || (a < 1e-6 && a != 0) {
		return strconv.FormatFloat(v, 'g', 6, 64)
	}
	return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
}
