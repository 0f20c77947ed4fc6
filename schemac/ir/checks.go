package ir

import (
	"fmt"
	"math"
	"regexp"

	"github.com/paygen/paygen/schemac/load"
)

// expects resolves a column's expect list.
func (c *checker) expects(col *Column, list []load.Expect, typeOK bool) {
	type key struct {
		kind ExpectKind
		q    float64
	}
	seen := map[key]load.Pos{}
	for i := range list {
		le := &list[i]
		e, kindOK, ok := c.expect(col, le, typeOK)
		if !kindOK {
			continue
		}
		k := key{e.Kind, e.Q}
		if prev, dup := seen[k]; dup {
			c.errorf(le.Pos, "column %q: a second %s expectation (first at line %d)", col.Name, expectKey[e.Kind], prev.Line)
			continue
		}
		seen[k] = le.Pos
		if ok {
			e.Ref = fmt.Sprintf("%s.expect[%d]", col.Name, i)
			col.Expect = append(col.Expect, e)
		}
	}
}

// expectKey is the YAML key of each column expectation kind.
var expectKey = map[ExpectKind]string{
	Unique: "unique", Pattern: "pattern", InSet: "in_set", Range: "range", Mean: "mean", Quantile: "quantile",
	NullRate: "null_rate", TrueRate: "true_rate", TimeWindow: "time_window_days",
}

// expect resolves one expectation: exactly one kind key, of a kind that suits
// the column type. kindOK is false when the entry has no single kind.
func (c *checker) expect(col *Column, le *load.Expect, typeOK bool) (e Expectation, kindOK, ok bool) {
	e = Expectation{Column: col.Name, Pos: le.Pos, Min: math.NaN(), Max: math.NaN()}
	var keys []ExpectKind
	var at load.Pos
	mark := func(set bool, k ExpectKind, pos load.Pos) {
		if set {
			keys = append(keys, k)
			at = pos
		}
	}
	mark(le.Unique.Set, Unique, le.Unique.Pos)
	mark(le.Pattern.Set, Pattern, le.Pattern.Pos)
	mark(le.InSet.Set, InSet, le.InSet.Pos)
	mark(le.Range.Set, Range, le.Range.Pos)
	mark(le.Mean.Set, Mean, le.Mean.Pos)
	if le.Quantile != nil {
		mark(true, Quantile, le.Quantile.Pos)
	}
	mark(le.NullRate.Set, NullRate, le.NullRate.Pos)
	mark(le.TrueRate.Set, TrueRate, le.TrueRate.Pos)
	mark(le.TimeWindowDays.Set, TimeWindow, le.TimeWindowDays.Pos)
	if len(keys) != 1 {
		if len(keys) == 0 {
			c.errorf(le.Pos, "column %q: expectation has no check (unique, pattern, in_set, range, mean, quantile, null_rate, true_rate or time_window_days)", col.Name)
		} else {
			c.errorf(le.Pos, "column %q: an expectation holds one check, found %d (one list item each)", col.Name, len(keys))
		}
		return e, false, false
	}
	e.Kind = keys[0]
	ok = c.severity(&e.Severity, le.Severity, "column \""+col.Name+"\"")
	needs := func(good bool, what string) bool {
		if typeOK && !good {
			c.errorf(at, "column %q: %s applies only to %s columns, not %s", col.Name, expectKey[e.Kind], what, col.Type)
			return false
		}
		return true
	}
	switch e.Kind {
	case Unique:
		if !le.Unique.V {
			c.errorf(at, "column %q: unique: false checks nothing; remove it", col.Name)
			ok = false
		}
	case Pattern:
		ok = needs(col.Type.Kind == String, "string") && ok
		if _, err := regexp.Compile(le.Pattern.V); err != nil {
			c.errorf(at, "column %q: pattern does not compile: %v", col.Name, err)
			ok = false
		}
		e.Pattern = le.Pattern.V
	case InSet:
		ok = needs(col.Type.Kind == String, "string") && ok
		ok = c.inSet(col.Name, &e, le.InSet) && ok
	case Range, Mean:
		ok = needs(col.Type.Numeric(), "decimal or double") && ok
		b := le.Range
		if e.Kind == Mean {
			b = le.Mean
		}
		ok = c.bounds(col.Name, expectKey[e.Kind], &e, b, math.Inf(-1), math.Inf(1)) && ok
	case Quantile:
		ok = needs(col.Type.Numeric(), "decimal or double") && ok
		ok = c.quantile(col.Name, &e, le.Quantile) && ok
	case NullRate:
		if !col.Nullable {
			c.errorf(at, "column %q: null_rate expectation on a column that is never null", col.Name)
			ok = false
		}
		ok = c.bounds(col.Name, "null_rate", &e, le.NullRate, 0, 1) && ok
	case TrueRate:
		ok = needs(col.Type.Kind == Boolean, "boolean") && ok
		ok = c.bounds(col.Name, "true_rate", &e, le.TrueRate, 0, 1) && ok
	case TimeWindow:
		ok = needs(col.Type.Kind == Timestamp, "timestamp") && ok
		if le.TimeWindowDays.V < 1 {
			c.errorf(at, "column %q: time_window_days %d must be at least 1", col.Name, le.TimeWindowDays.V)
			ok = false
		}
		e.Days = le.TimeWindowDays.V
	}
	return e, true, ok
}

// setName is the spelling of a named reference set (brands, countries, …).
var setName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func (c *checker) inSet(col string, e *Expectation, v load.StrOrSeq) bool {
	if v.Name.Set {
		if !setName.MatchString(v.Name.V) {
			c.errorf(v.Pos, "column %q: in_set %q is not a set name ([a-z][a-z0-9_]*)", col, v.Name.V)
			return false
		}
		e.Set = v.Name.V
		return true
	}
	if len(v.Items.Items) == 0 {
		c.errorf(v.Pos, "column %q: in_set needs a set name or at least one value", col)
		return false
	}
	seen := map[string]bool{}
	ok := true
	for _, it := range v.Items.Items {
		if seen[it.V] {
			c.errorf(it.Pos, "column %q: in_set lists %q twice", col, it.V)
			ok = false
		}
		seen[it.V] = true
		e.Values = append(e.Values, it.V)
	}
	return ok
}

// bounds checks a [min, max] pair (null for an open end) within [lo, hi].
func (c *checker) bounds(col, key string, e *Expectation, b load.Bounds, lo, hi float64) bool {
	ok := true
	for _, end := range []load.OptFloat{b.Min, b.Max} {
		if end.Null {
			continue
		}
		if math.IsNaN(end.V) || math.IsInf(end.V, 0) {
			c.errorf(end.Pos, "%s: %s bound must be a finite number or null", where(col), key)
			ok = false
		} else if end.V < lo || end.V > hi {
			c.errorf(end.Pos, "%s: %s bound %s is outside [%s,%s]", where(col), key, fmtNum(end.V), fmtNum(lo), fmtNum(hi))
			ok = false
		}
	}
	if b.Min.Null && b.Max.Null {
		c.errorf(b.Pos, "%s: %s [null, null] checks nothing", where(col), key)
		ok = false
	}
	if ok && !b.Min.Null && !b.Max.Null && b.Min.V > b.Max.V {
		c.errorf(b.Pos, "%s: %s min %s is greater than max %s", where(col), key, fmtNum(b.Min.V), fmtNum(b.Max.V))
		ok = false
	}
	if !b.Min.Null {
		e.Min = b.Min.V
	}
	if !b.Max.Null {
		e.Max = b.Max.V
	}
	return ok
}

// where names the owner of a check in error messages.
func where(col string) string {
	if col == "" {
		return "rules"
	}
	return "column \"" + col + "\""
}

// severity reads an optional severity (error by default).
func (c *checker) severity(dst *Severity, s load.Str, owner string) bool {
	switch {
	case !s.Set || s.V == "error":
		*dst = SeverityError
	case s.V == "warning":
		*dst = SeverityWarning
	default:
		c.errorf(s.Pos, "%s: severity %q is not error or warning", owner, s.V)
		return false
	}
	return true
}

// quantile resolves quantile: {q, band}: q in (0, 1] and a band.
func (c *checker) quantile(col string, e *Expectation, lq *load.QuantileCheck) bool {
	ok := true
	switch {
	case !lq.Q.Set:
		c.errorf(lq.Pos, "column %q: quantile needs q (which quantile, in (0,1])", col)
		ok = false
	case !(lq.Q.V > 0 && lq.Q.V <= 1):
		c.errorf(lq.Q.Pos, "column %q: quantile q %s is outside (0,1]", col, fmtNum(lq.Q.V))
		ok = false
	}
	e.Q = lq.Q.V
	if !lq.Band.Set {
		c.errorf(lq.Pos, "column %q: quantile needs band: [min, max]", col)
		return false
	}
	return c.bounds(col, "quantile band", e, lq.Band, math.Inf(-1), math.Inf(1)) && ok
}
