package ir

import (
	"fmt"
	"math"

	"github.com/paygen/paygen/schemac/load"
)

// rules resolves the table-level rules against the checked columns.
func (c *checker) rules(f *load.File, s *Schema) []Expectation {
	var out []Expectation
	for i := range f.Rules {
		if e, ok := c.rule(&f.Rules[i], s); ok {
			e.Ref = fmt.Sprintf("rules[%d]", i)
			out = append(out, e)
		}
	}
	return out
}

func (c *checker) rule(lr *load.Rule, s *Schema) (Expectation, bool) {
	e := Expectation{Pos: lr.Pos, Min: math.NaN(), Max: math.NaN()}
	n := 0
	for _, set := range []bool{lr.NullIff != nil, lr.SameNulls.Set, lr.CurrencyOfCountry != nil, lr.RowCount.Set} {
		if set {
			n++
		}
	}
	if n != 1 {
		if n == 0 {
			c.errorf(lr.Pos, "rules: rule has no check (null_iff, same_nulls, currency_of_country or row_count)")
		} else {
			c.errorf(lr.Pos, "rules: a rule holds one check, found %d (one list item each)", n)
		}
		return e, false
	}
	ok := c.severity(&e.Severity, lr.Severity, "rules")
	switch {
	case lr.NullIff != nil:
		e.Kind = NullIff
		r := lr.NullIff
		a := c.ruleColumn(s, "null_iff", "column", r.Pos, r.Column, func(col *Column) string {
			if !col.Nullable {
				return "is never null"
			}
			return ""
		})
		b := c.ruleColumn(s, "null_iff", "false_column", r.Pos, r.FalseColumn, isType(Boolean))
		e.Column, e.Other = r.Column.V, r.FalseColumn.V
		ok = ok && a && b
	case lr.SameNulls.Set:
		e.Kind = SameNulls
		if len(lr.SameNulls.Items) < 2 {
			c.errorf(lr.SameNulls.Pos, "rules: same_nulls needs at least two columns")
			return e, false
		}
		seen := map[string]bool{}
		for _, it := range lr.SameNulls.Items {
			good := c.ruleColumn(s, "same_nulls", "", lr.SameNulls.Pos, it, func(col *Column) string {
				if !col.Nullable {
					return "is never null"
				}
				return ""
			})
			if good && seen[it.V] {
				c.errorf(it.Pos, "rules: same_nulls lists column %q twice", it.V)
				good = false
			}
			seen[it.V] = true
			ok = ok && good
			e.Values = append(e.Values, it.V)
		}
		e.Column, e.Other = e.Values[0], e.Values[1]
	case lr.CurrencyOfCountry != nil:
		e.Kind = CurrencyOfCountry
		r := lr.CurrencyOfCountry
		a := c.ruleColumn(s, "currency_of_country", "currency", r.Pos, r.Currency, isType(String))
		b := c.ruleColumn(s, "currency_of_country", "country", r.Pos, r.Country, isType(String))
		e.Column, e.Other = r.Currency.V, r.Country.V
		ok = ok && a && b
	case lr.RowCount.Set:
		e.Kind = RowCount
		ok = c.bounds("", "row_count", &e, lr.RowCount, 0, math.Inf(1)) && ok
		for _, end := range []load.OptFloat{lr.RowCount.Min, lr.RowCount.Max} {
			if !end.Null && end.V != math.Trunc(end.V) {
				c.errorf(end.Pos, "rules: row_count bound %s is not a whole number", fmtNum(end.V))
				ok = false
			}
		}
	}
	return e, ok
}

// isType returns a column condition requiring type kind k.
func isType(k TypeKind) func(*Column) string {
	return func(col *Column) string {
		if col.Type.Kind != k {
			return "is " + col.Type.String() + ", not " + Type{Kind: k}.String()
		}
		return ""
	}
}

// ruleColumn checks that a rule names an existing column meeting cond
// (which returns "" or what is wrong).
func (c *checker) ruleColumn(s *Schema, rule, key string, owner load.Pos, name load.Str, cond func(*Column) string) bool {
	label := rule
	if key != "" {
		label += "." + key
	}
	if !name.Set {
		c.errorf(owner, "rules: %s is required", label)
		return false
	}
	col := s.Column(name.V)
	if col == nil {
		c.errorf(name.Pos, "rules: %s: unknown column %q", label, name.V)
		return false
	}
	if why := cond(col); why != "" {
		c.errorf(name.Pos, "rules: %s: column %q %s", label, name.V, why)
		return false
	}
	return true
}
