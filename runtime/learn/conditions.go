package learn

import (
	"fmt"
	"strconv"
)

// family is one dimension of the rule conditions: a raw column, a value derived from the
// row, or a history feature. Every row has exactly one value of each family; a condition
// is "family = value".
type family struct {
	name     string
	values   []string          // value names by id
	index    map[string]uint16 // open vocabularies: value → id
	limit    int               // open vocabularies: the most values kept, 0 for no limit
	overflow bool              // more values came than limit: the family makes no conditions
}

func fixedFamily(name string, values []string) *family {
	return &family{name: name, values: values}
}

func openFamily(name string) *family {
	return &family{name: name, index: map[string]uint16{}}
}

// intern returns the id of v in an open family, adding it if new.
func (f *family) intern(v string) uint16 {
	id, ok := f.index[v]
	if !ok && f.limit > 0 && len(f.values) >= f.limit {
		f.overflow = true
		return 0
	}
	if !ok {
		id = uint16(len(f.values))
		f.index[v] = id
		f.values = append(f.values, v)
	}
	return id
}

// nullValue names a null in an open family.
const nullValue = "(null)"

// categoricalColumns are the raw columns whose values are conditions: every string column
// of the data contract except identifiers and the labels.
var categoricalColumns = []struct {
	name  string
	value func(*Row) string
}{
	{"card_brand", func(r *Row) string { return r.CardBrand }},
	{"card_type", func(r *Row) string { return r.CardType }},
	{"currency", func(r *Row) string { return r.Currency }},
	{"mcc_code", func(r *Row) string {
		if r.MCCCode == nil {
			return nullValue
		}
		return *r.MCCCode
	}},
	{"merchant_category", func(r *Row) string { return r.MerchantCategory }},
	{"merchant_country", func(r *Row) string { return r.MerchantCountry }},
	{"customer_country", func(r *Row) string { return r.CustomerCountry }},
	{"entry_mode", func(r *Row) string { return r.EntryMode }},
	{"device_type", func(r *Row) string { return r.DeviceType }},
	{"auth_status", func(r *Row) string { return r.AuthStatus }},
}

// Values of the conditions derived from the row alone.
var (
	yesNo      = []string{"no", "yes"}
	setNull    = []string{"set", "null"}
	hourValues = func() []string {
		v := make([]string, 24)
		for h := range v {
			v[h] = fmt.Sprintf("%02d", h)
		}
		return v
	}()
	weekdayValues = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	rowFamilyDefs = []struct {
		name   string
		values []string
		value  func(*Row) uint16
	}{
		{"three_ds", []string{"false", "true"}, func(r *Row) uint16 { return b2u(r.ThreeDS) }},
		{"device_id", setNull, func(r *Row) uint16 { return b2u(r.DeviceID == nil) }},
		{"cross_border", yesNo, func(r *Row) uint16 { return b2u(r.MerchantCountry != r.CustomerCountry) }},
		{"amount_whole_units", yesNo, func(r *Row) uint16 { return b2u(r.Amount%100 == 0) }},
		{"utc_hour", hourValues, func(r *Row) uint16 { return uint16(floorMod(r.EventTime, microsPerDay) / microsPerHour) }},
		{"utc_weekday", weekdayValues, func(r *Row) uint16 { return uint16(floorMod(floorDiv(r.EventTime, microsPerDay)+4, 7)) }}, // 1970-01-01 was a Thursday
	}
)

// AmountBins is how many quantile bins of amount (over all rows) are conditions.
const AmountBins = 10

// amountFamily names the quantile bins of amount given their lower edges (minor units;
// edges[0] is the minimum).
func amountFamily(edges []int64) *family {
	f := fixedFamily("amount", nil)
	for i, lo := range edges {
		if i == len(edges)-1 {
			f.values = append(f.values, ">= "+major(lo))
		} else {
			f.values = append(f.values, fmt.Sprintf("[%s, %s)", major(lo), major(edges[i+1])))
		}
	}
	return f
}

// major formats minor units as major units with two decimals.
func major(v int64) string {
	return strconv.FormatFloat(float64(v)/100, 'f', 2, 64)
}

func floorMod(a, b int64) int64 { return ((a % b) + b) % b }
