package ir

import (
	"math"
	"strconv"

	"github.com/paygen/paygen/schemac/expr"
	"github.com/paygen/paygen/schemac/load"
)

// Gen is a declared column's generator (a `generate:` block): the base
// variant drawn on every row, optional fraud-aware overrides, and the
// modifiers that turn a drawn number into the column's value.
type Gen struct {
	Per       string     // "", "customer", "card", "merchant" or "device": one draw per entity
	Base      *Variant   // ordinary rows
	Fraud     *Variant   // fraud rows of scenarios without their own override; nil: Base
	Scenarios []*Variant // per-scenario overrides (Variant.Label is the scenario)
	Values    []Value    // categorical outcomes of every variant, in first-use order
	HasClamp  bool
	Clamp     [2]float64
	HasRound  bool
	Round     int
	Anchor    string    // timestamps: window_start, window_end or event_time
	Sign      float64   // -1 before the anchor, +1 after
	Unit      string    // timestamps: days, hours, minutes or seconds
	Deps      []*Column // columns this column reads (by:, expr), each once
	NullFrom  []*Column // nullable columns an expression reads: its value is null where any is
	Read      bool      // another declared column reads it: its values are drawn once per block (decl.Memo)

	load   *load.Generate
	typeOK bool
}

// Variants lists the base variant, then the overrides.
func (g *Gen) Variants() []*Variant {
	out := []*Variant{g.Base}
	if g.Fraud != nil {
		out = append(out, g.Fraud)
	}
	return append(out, g.Scenarios...)
}

// UnitMicros is the length of the timestamp unit in microseconds.
func (g *Gen) UnitMicros() float64 {
	return map[string]float64{"days": 86400e6, "hours": 3600e6, "minutes": 60e6, "seconds": 1e6}[g.Unit]
}

// Value is one outcome of a categorical generator, as the column's type.
type Value struct {
	Str  string
	Num  float64
	Bool bool
}

// Variant is one distribution of a declared column.
type Variant struct {
	Label string // "" (base), "fraud" or a scenario name: keys the variant's stream
	Kind  string // categorical, uniform, normal, lognormal, exponential, poisson, zipf, words, expr

	A, B float64 // uniform min, max; normal mean, sd; lognormal mu, sigma; exponential/poisson mean; zipf s
	N    int     // zipf n

	// Categorical: Tables[t][v] is the weight of Gen.Values[v] in table t.
	// Without By there is one table; with By, table t applies to the rows
	// whose By value is When[t], and the Otherwise table (last, when
	// HasOtherwise) to the rest.
	By           *Column
	Tables       [][]float64
	When         []Value
	HasOtherwise bool

	Words []string   // word list names
	Expr  *expr.Node // typed expression
}

// genKinds lists the generator keys of a generate block, in the order
// errors name them.
var genKinds = []string{"categorical", "uniform", "normal", "lognormal", "exponential", "poisson", "zipf", "words", "expr"}

// numericKinds are the distributions that draw a number.
var numericKinds = map[string]bool{"uniform": true, "normal": true, "lognormal": true, "exponential": true, "poisson": true, "zipf": true}

// entityKinds are the entities `per:` may name.
var entityKinds = map[string]bool{"customer": true, "card": true, "merchant": true, "device": true}

// anchors are the instants a declared timestamp is measured from.
var anchors = map[string]bool{"window_start": true, "window_end": true, "event_time": true}

// scenarioNames are the fraud scenarios an override may name, in YAML order.
var scenarioNames = []string{"card_testing", "account_takeover", "stolen_card", "compromised_merchant", "device_farm", "lost_stolen", "counterfeit"}

// generators checks the generate blocks of cols once every column is
// known: generators, references (by:, expressions), dependency cycles.
func (c *checker) generators(cols []*Column) {
	byName := map[string]*Column{}
	for _, col := range cols {
		byName[col.Name] = col
	}
	for _, col := range cols {
		if col.Gen != nil {
			c.generator(col, byName)
		}
	}
	c.cycles(cols)
	for _, col := range cols {
		if col.Gen == nil {
			continue
		}
		for _, d := range col.Gen.Deps {
			if d.Gen != nil {
				d.Gen.Read = true
			}
		}
	}
	// Nullability an expression inherits: only after cycles are ruled out,
	// in dependency order.
	done := map[*Column]bool{}
	var visit func(col *Column)
	visit = func(col *Column) {
		if done[col] || col.Gen == nil {
			return
		}
		done[col] = true
		for _, d := range col.Gen.Deps {
			visit(d)
		}
		if col.Gen.Base == nil || col.Gen.Base.Kind != "expr" {
			return
		}
		for _, v := range col.Gen.Variants() {
			for _, name := range expr.Idents(v.Expr) {
				if d := byName[name]; d != nil && d.Nullable && !contains(col.Gen.NullFrom, d) {
					col.Gen.NullFrom = append(col.Gen.NullFrom, d)
				}
			}
		}
		if len(col.Gen.NullFrom) > 0 && !col.Nullable {
			col.Nullable = true
			if len(col.Expect) > 0 && col.Expect[0].Kind == NotNull {
				col.Expect = col.Expect[1:]
			}
		}
	}
	for _, col := range cols {
		visit(col) // terminates on a cycle too: done is set before the dependencies
	}
}

func contains(cols []*Column, c *Column) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}

// generator checks one column's generate block.
func (c *checker) generator(col *Column, byName map[string]*Column) {
	g, lg := col.Gen, col.Gen.load
	where := "column \"" + col.Name + "\""
	g.Base = c.variant(col, lg, "", byName)
	if g.Base == nil {
		if r := lg.Clamp; r.Set && r.Min.V > r.Max.V {
			c.errorf(r.Pos, "%s: clamp range out of order (min %s > max %s)", where, fmtNum(r.Min.V), fmtNum(r.Max.V))
		}
		return
	}
	if lg.Fraud != nil {
		c.overrideOnly(col, lg.Fraud, "fraud")
		g.Fraud = c.variant(col, lg.Fraud, "fraud", byName)
	}
	if s := lg.Scenarios; s != nil {
		for i, o := range []*load.Generate{s.CardTesting, s.AccountTakeover, s.StolenCard, s.CompromisedMerchant, s.DeviceFarm, s.LostStolen, s.Counterfeit} {
			if o == nil {
				continue
			}
			c.overrideOnly(col, o, "scenarios."+scenarioNames[i])
			if v := c.variant(col, o, scenarioNames[i], byName); v != nil {
				g.Scenarios = append(g.Scenarios, v)
			}
		}
	}
	for _, v := range g.Variants()[1:] {
		if v != nil && (v.Kind == "expr") != (g.Base.Kind == "expr") {
			c.errorf(lg.Pos, "%s: an override of a%s generator is %s; a column is derived (expr) in all variants or in none", where, map[bool]string{true: "n expr", false: " random"}[g.Base.Kind == "expr"], v.Kind)
		}
		if v != nil && (v.Kind == "categorical") != (g.Base.Kind == "categorical") {
			c.errorf(lg.Pos, "%s: an override of a %s generator is %s; categorical columns are overridden by categoricals", where, g.Base.Kind, v.Kind)
		}
	}
	// per: an entity attribute.
	if lg.Per.Set {
		switch {
		case !entityKinds[lg.Per.V]:
			c.errorf(lg.Per.Pos, "%s: per %q is not an entity (customer, card, merchant or device)", where, lg.Per.V)
		case g.Base.Kind == "expr":
			c.errorf(lg.Per.Pos, "%s: per does not apply to expr (an expression is computed on each row)", where)
		case g.Fraud != nil || len(g.Scenarios) > 0:
			c.errorf(lg.Per.Pos, "%s: per and fraud overrides do not combine (an entity's attribute is the same on all its rows, fraud or not)", where)
		case g.Base.By != nil:
			c.errorf(lg.Per.Pos, "%s: per and by do not combine (by reads a row's value)", where)
		default:
			g.Per = lg.Per.V
		}
	} else if g.Base.Kind == "words" {
		c.errorf(lg.Pos, "%s: words needs per (customer, card, merchant or device): a name belongs to an entity", where)
	}
	c.modifiers(col, lg)
	if g.Base.Kind == "words" && col.Encoding != EncodingDefault && col.Encoding != EncodingDict {
		c.errorf(lg.Pos, "%s: words columns are written as dictionary keys (encoding dict)", where)
	}
	if g.Base.Kind == "words" {
		col.Encoding = EncodingDict
	}
	// Default encodings of declared columns: a categorical's few values as a
	// dictionary, other int64 columns (decimals, timestamps) delta-packed;
	// plain int64 pages are 8 bytes a row for Snappy to compress.
	if col.Encoding == EncodingDefault && g.typeOK {
		switch {
		case g.Base.Kind == "categorical" && col.Type.Kind != Boolean:
			col.Encoding = EncodingDict
		case col.Type.Kind == Decimal || col.Type.Kind == Timestamp:
			col.Encoding = EncodingDelta
		}
	}
}

// overrideOnly reports modifiers inside an override: an override replaces
// the distribution only.
func (c *checker) overrideOnly(col *Column, o *load.Generate, what string) {
	for _, m := range []struct {
		set bool
		pos load.Pos
		key string
	}{
		{o.Per.Set, o.Per.Pos, "per"}, {o.Clamp.Set, o.Clamp.Pos, "clamp"}, {o.Round.Set, o.Round.Pos, "round"},
		{o.Before.Set, o.Before.Pos, "before"}, {o.After.Set, o.After.Pos, "after"}, {o.Unit.Set, o.Unit.Pos, "unit"},
		{o.Fraud != nil, o.Pos, "fraud"}, {o.Scenarios != nil, o.Pos, "scenarios"},
	} {
		if m.set {
			c.errorf(m.pos, "column %q: %s: an override holds only a generator, not %s", col.Name, what, m.key)
		}
	}
}

// variant checks the single generator of a generate block or override.
func (c *checker) variant(col *Column, lg *load.Generate, label string, byName map[string]*Column) *Variant {
	where := "column \"" + col.Name + "\""
	if label != "" {
		where += ": " + label
	}
	set := map[string]bool{
		"categorical": lg.Categorical != nil, "uniform": lg.Uniform != nil, "normal": lg.Normal != nil,
		"lognormal": lg.LogNormal != nil, "exponential": lg.Exponential != nil, "poisson": lg.Poisson != nil,
		"zipf": lg.Zipf != nil, "words": lg.Words.Set, "expr": lg.Expr.Set,
	}
	var kinds []string
	for _, k := range genKinds {
		if set[k] {
			kinds = append(kinds, k)
		}
	}
	switch len(kinds) {
	case 0:
		c.errorf(lg.Pos, "%s: generate needs one generator (categorical, uniform, normal, lognormal, exponential, poisson, zipf, words or expr)", where)
		return nil
	case 1:
	default:
		c.errorf(lg.Pos, "%s: generate holds one generator, found %d (%s and %s)", where, len(kinds), kinds[0], kinds[1])
		return nil
	}
	v := &Variant{Label: label, Kind: kinds[0]}
	g := col.Gen
	t := col.Type.Kind
	typeErr := func(pos load.Pos) {
		c.errorf(pos, "%s: %s does not produce %s values", where, v.Kind, col.Type)
	}
	switch {
	case numericKinds[v.Kind]:
		if g.typeOK && t != Decimal && t != Double && t != Timestamp {
			typeErr(lg.Pos)
			return nil
		}
		if !c.distribution(where, lg, v) {
			return nil
		}
	case v.Kind == "categorical":
		if g.typeOK && t == Timestamp {
			typeErr(lg.Categorical.Pos)
			return nil
		}
		if !c.categorical(col, where, lg.Categorical, v, byName) {
			return nil
		}
	case v.Kind == "words":
		if g.typeOK && t != String {
			typeErr(lg.Words.Pos)
			return nil
		}
		if len(lg.Words.Items) == 0 {
			c.errorf(lg.Words.Pos, "%s: words needs at least one word list (place, trade)", where)
			return nil
		}
		for _, w := range lg.Words.Items {
			if w.V != "place" && w.V != "trade" {
				c.errorf(w.Pos, "%s: unknown word list %q (place, trade)", where, w.V)
				return nil
			}
			v.Words = append(v.Words, w.V)
		}
	case v.Kind == "expr":
		if !c.expression(col, where, lg.Expr, v, byName) {
			return nil
		}
	}
	return v
}

// distribution checks a numeric distribution's parameters.
func (c *checker) distribution(where string, lg *load.Generate, v *Variant) bool {
	need := func(pos load.Pos, name string, fs ...load.Float) bool {
		ok := true
		for _, f := range fs {
			if !f.Set {
				c.errorf(pos, "%s: %s needs all its parameters", where, name)
				return false
			}
			ok = c.finite(where+": "+name, f) && ok
		}
		return ok
	}
	switch v.Kind {
	case "uniform":
		u := lg.Uniform
		if !need(u.Pos, "uniform {min, max}", u.Min, u.Max) {
			return false
		}
		v.A, v.B = u.Min.V, u.Max.V
		if v.A >= v.B {
			c.errorf(u.Pos, "%s: uniform range out of order (min %s >= max %s)", where, fmtNum(v.A), fmtNum(v.B))
			return false
		}
	case "normal":
		n := lg.Normal
		if !need(n.Pos, "normal {mean, sd}", n.Mean, n.SD) {
			return false
		}
		v.A, v.B = n.Mean.V, n.SD.V
		if v.B <= 0 {
			c.errorf(n.SD.Pos, "%s: normal sd %s must be > 0", where, fmtNum(v.B))
			return false
		}
	case "lognormal":
		n := lg.LogNormal
		if !need(n.Pos, "lognormal {mu, sigma}", n.Mu, n.Sigma) {
			return false
		}
		v.A, v.B = n.Mu.V, n.Sigma.V
		if v.B <= 0 {
			c.errorf(n.Sigma.Pos, "%s: lognormal sigma %s must be > 0", where, fmtNum(v.B))
			return false
		}
	case "exponential", "poisson":
		m := lg.Exponential
		if v.Kind == "poisson" {
			m = (*load.Exponential)(lg.Poisson)
		}
		if !need(m.Pos, v.Kind+" {mean}", m.Mean) {
			return false
		}
		v.A = m.Mean.V
		if v.A <= 0 || v.Kind == "poisson" && v.A > 1e6 {
			c.errorf(m.Mean.Pos, "%s: %s mean %s must be in (0, %s]", where, v.Kind, fmtNum(v.A), map[bool]string{true: "1e6", false: "inf"}[v.Kind == "poisson"])
			return false
		}
	case "zipf":
		z := lg.Zipf
		if !z.N.Set || !need(z.Pos, "zipf {n, s}", z.S) {
			if !z.N.Set {
				c.errorf(z.Pos, "%s: zipf {n, s} needs all its parameters", where)
			}
			return false
		}
		v.N, v.B = z.N.V, z.S.V
		if v.N < 1 || v.N > 1_000_000 {
			c.errorf(z.N.Pos, "%s: zipf n %d must be in [1, 1000000]", where, v.N)
			return false
		}
		if v.B < 0 {
			c.errorf(z.S.Pos, "%s: zipf s %s must be >= 0", where, fmtNum(v.B))
			return false
		}
	}
	return true
}

// weightSumTol is how far the weights of one table may be from 1.
const weightSumTol = 1e-6

// categorical checks a categorical generator: its values as the column's
// type, weights (positive, summing to 1) and its by column and tables.
func (c *checker) categorical(col *Column, where string, lc *load.Categorical, v *Variant, byName map[string]*Column) bool {
	g := col.Gen
	ok := true
	table := func(w load.ValueWeights) []float64 {
		row := make([]float64, len(g.Values))
		sum := 0.0
		if len(w.Items) == 0 {
			c.errorf(w.Pos, "%s: a weight table needs at least one value", where)
			ok = false
		}
		for _, it := range w.Items {
			val, good := c.value(col, where, it.Value, it.Tag, it.ValuePos)
			if !good {
				ok = false
				continue
			}
			if !c.finite(where+": weight", it.Weight) {
				ok = false
				continue
			}
			if it.Weight.V <= 0 || it.Weight.V > 1 {
				c.errorf(it.Weight.Pos, "%s: weight %s of %q is outside (0,1]", where, fmtNum(it.Weight.V), it.Value)
				ok = false
				continue
			}
			j := -1
			for k, x := range g.Values {
				if x == val {
					j = k
				}
			}
			if j < 0 {
				if len(g.Values) == 65536 {
					c.errorf(it.ValuePos, "%s: a categorical has at most 65536 values", where)
					ok = false
					continue
				}
				g.Values = append(g.Values, val)
				row = append(row, 0)
				j = len(g.Values) - 1
			}
			row[j] = it.Weight.V
			sum += it.Weight.V
		}
		if ok && math.Abs(sum-1) > weightSumTol {
			c.errorf(w.Pos, "%s: weights sum to %s, not 1", where, fmtNum(sum))
			ok = false
		}
		return row
	}
	switch {
	case lc.By.Set:
		if lc.Weights.Set {
			c.errorf(lc.Weights.Pos, "%s: with by, the weights are in tables (one per value of %s) and otherwise", where, lc.By.V)
			return false
		}
		by := byName[lc.By.V]
		switch {
		case by == nil:
			c.errorf(lc.By.Pos, "%s: by: unknown column %q", where, lc.By.V)
			return false
		case by == col:
			c.errorf(lc.By.Pos, "%s: by: a column cannot depend on itself", where)
			return false
		case by.Type.Kind != String && by.Type.Kind != Boolean:
			c.errorf(lc.By.Pos, "%s: by: column %q is %s; by takes a string or boolean column", where, by.Name, by.Type)
			return false
		case by.Gen != nil && by.Gen.load.Categorical == nil:
			c.errorf(lc.By.Pos, "%s: by: declared column %q is not a categorical; by takes a source column or a categorical", where, by.Name)
			return false
		}
		v.By = by
		if !lc.Tables.Set || len(lc.Tables.Items) == 0 {
			c.errorf(lc.Pos, "%s: by needs tables (value of %s: {value: weight})", where, by.Name)
			return false
		}
		for _, tb := range lc.Tables.Items {
			when, good := c.value(by, where+": tables", tb.When, "", tb.WhenPos)
			if !good {
				ok = false
				continue
			}
			v.When = append(v.When, when)
			v.Tables = append(v.Tables, table(tb.Weights))
		}
		if lc.Otherwise.Set {
			v.HasOtherwise = true
			v.Tables = append(v.Tables, table(lc.Otherwise))
		} else if !c.byCovered(by, v.When) {
			c.errorf(lc.Tables.Pos, "%s: by %s: rows whose value has no table need an otherwise table", where, by.Name)
			ok = false
		}
	default:
		if lc.Tables.Set || lc.Otherwise.Set {
			c.errorf(lc.Pos, "%s: tables and otherwise need by", where)
			return false
		}
		if !lc.Weights.Set {
			c.errorf(lc.Pos, "%s: categorical needs weights ({value: weight})", where)
			return false
		}
		v.Tables = [][]float64{table(lc.Weights)}
	}
	return ok
}

// byCovered reports whether tables for the values when cover every value the
// by column can hold (known for booleans and declared categoricals only).
func (c *checker) byCovered(by *Column, when []Value) bool {
	var all []Value
	switch {
	case by.Type.Kind == Boolean && by.Gen == nil:
		all = []Value{{Bool: true}, {Bool: false}}
	case by.Gen != nil:
		all = by.Gen.Values // complete once by's own generator is checked (it comes first or errs on a cycle)
	default:
		return false
	}
	if len(all) == 0 {
		return false
	}
	for _, a := range all {
		found := false
		for _, w := range when {
			found = found || w == a
		}
		if !found {
			return false
		}
	}
	return true
}

// value reads a scalar as a value of col's type. tag is the YAML tag when
// known ("" when the text is a mapping key read as any scalar).
func (c *checker) value(col *Column, where, text, tag string, pos load.Pos) (Value, bool) {
	switch col.Type.Kind {
	case String:
		return Value{Str: text}, true
	case Boolean:
		b, err := strconv.ParseBool(text)
		if err != nil || (tag != "" && tag != "!!bool") {
			c.errorf(pos, "%s: %q is not a boolean value of column %q", where, text, col.Name)
			return Value{}, false
		}
		return Value{Bool: b}, true
	case Decimal, Double:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			c.errorf(pos, "%s: %q is not a number (column %q is %s)", where, text, col.Name, col.Type)
			return Value{}, false
		}
		if col.Type.Kind == Decimal {
			scaled := f * math.Pow10(col.Type.Scale)
			if math.Abs(scaled-math.Round(scaled)) > 1e-9*math.Max(1, math.Abs(scaled)) || math.Abs(scaled) >= math.Pow10(col.Type.Precision) {
				c.errorf(pos, "%s: %s does not fit %s", where, text, col.Type)
				return Value{}, false
			}
		}
		return Value{Num: f}, true
	}
	c.errorf(pos, "%s: column %q of type %s takes no listed values", where, col.Name, col.Type)
	return Value{}, false
}
