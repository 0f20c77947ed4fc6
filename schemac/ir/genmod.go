package ir

import (
	"fmt"
	"strings"

	"github.com/paygen/paygen/schemac/expr"
	"github.com/paygen/paygen/schemac/load"
)

// modifiers checks clamp, round, before/after and unit against the column
// type and the generator.
func (c *checker) modifiers(col *Column, lg *load.Generate) {
	g := col.Gen
	where := "column \"" + col.Name + "\""
	numeric := numericKinds[g.Base.Kind]
	if lg.Clamp.Set {
		switch {
		case !numeric:
			c.errorf(lg.Clamp.Pos, "%s: clamp applies to numeric distributions, not %s", where, g.Base.Kind)
		case c.finite(where+": clamp", lg.Clamp.Min) && c.finite(where+": clamp", lg.Clamp.Max) && lg.Clamp.Min.V > lg.Clamp.Max.V:
			c.errorf(lg.Clamp.Pos, "%s: clamp range out of order (min %s > max %s)", where, fmtNum(lg.Clamp.Min.V), fmtNum(lg.Clamp.Max.V))
		default:
			g.HasClamp, g.Clamp = true, [2]float64{lg.Clamp.Min.V, lg.Clamp.Max.V}
		}
	}
	if lg.Round.Set {
		switch {
		case !numeric:
			c.errorf(lg.Round.Pos, "%s: round applies to numeric distributions, not %s", where, g.Base.Kind)
		case lg.Round.V < 0 || lg.Round.V > 12:
			c.errorf(lg.Round.Pos, "%s: round %d is outside [0,12] decimals", where, lg.Round.V)
		case g.typeOK && col.Type.Kind == Decimal && lg.Round.V > col.Type.Scale:
			c.errorf(lg.Round.Pos, "%s: round %d is finer than the column's scale %d", where, lg.Round.V, col.Type.Scale)
		default:
			g.HasRound, g.Round = true, lg.Round.V
		}
	}
	isTime := g.typeOK && col.Type.Kind == Timestamp
	switch {
	case lg.Before.Set && lg.After.Set:
		c.errorf(lg.After.Pos, "%s: before and after do not combine", where)
	case lg.Before.Set || lg.After.Set:
		a, sign := lg.Before, -1.0
		if lg.After.Set {
			a, sign = lg.After, 1
		}
		switch {
		case !isTime || !numeric:
			c.errorf(a.Pos, "%s: before/after place a numeric distribution on a timestamp column", where)
		case !anchors[a.V]:
			c.errorf(a.Pos, "%s: unknown anchor %q (window_start, window_end or event_time)", where, a.V)
		case a.V == "event_time" && g.Per != "":
			c.errorf(a.Pos, "%s: an entity attribute (per) is measured from window_start or window_end, not a row's event_time", where)
		default:
			g.Anchor, g.Sign = a.V, sign
		}
	case isTime && numeric:
		c.errorf(lg.Pos, "%s: a timestamp drawn from a distribution needs before or after (window_start, window_end or event_time)", where)
	}
	g.Unit = "days"
	if lg.Unit.Set {
		switch {
		case !isTime || !numeric:
			c.errorf(lg.Unit.Pos, "%s: unit applies to timestamps drawn from a distribution", where)
		case g.UnitMicrosOf(lg.Unit.V) == 0:
			c.errorf(lg.Unit.Pos, "%s: unknown unit %q (days, hours, minutes or seconds)", where, lg.Unit.V)
		default:
			g.Unit = lg.Unit.V
		}
	}
	// Pad every categorical table to the column's full list of values.
	for _, v := range g.Variants() {
		if v == nil {
			continue
		}
		for i, row := range v.Tables {
			for len(row) < len(g.Values) {
				row = append(row, 0)
			}
			v.Tables[i] = row
		}
	}
}

// UnitMicrosOf is the length of a unit name in microseconds (0 when unknown).
func (g *Gen) UnitMicrosOf(unit string) float64 {
	saved := g.Unit
	g.Unit = unit
	defer func() { g.Unit = saved }()
	return g.UnitMicros()
}

// ExprType is the type a column has inside an expression.
func ExprType(t Type) expr.Type {
	switch t.Kind {
	case String:
		return expr.Str
	case Timestamp:
		return expr.Time
	case Boolean:
		return expr.Bool
	}
	return expr.Num
}

// expression parses and types an expr against the table's columns.
func (c *checker) expression(col *Column, where string, src load.Str, v *Variant, byName map[string]*Column) bool {
	at := func(off int) load.Pos { return load.Pos{Line: src.Pos.Line, Col: src.Pos.Col + off} }
	n, err := expr.Parse(src.V)
	if err != nil {
		e := err.(*expr.Error)
		c.errorf(at(e.Off), "%s: expr: %s", where, e.Msg)
		return false
	}
	env := func(name string) (expr.Type, bool) {
		d := byName[name]
		if d == nil || d == col {
			return expr.Invalid, false
		}
		if d.Gen != nil && d.Gen.load.Words.Set {
			return expr.Invalid, false
		}
		return ExprType(d.Type), true
	}
	errs := expr.Check(n, env)
	for _, e := range errs {
		msg := e.Msg
		if strings.HasPrefix(msg, "unknown column") {
			name := strings.Trim(strings.TrimPrefix(msg, "unknown column "), `"`)
			switch d := byName[name]; {
			case d == col:
				msg = fmt.Sprintf("column %q reads itself", name)
			case d != nil:
				msg = fmt.Sprintf("column %q (words) cannot be read by an expression", name)
			}
		}
		c.errorf(at(e.Off), "%s: expr: %s", where, msg)
	}
	if len(errs) > 0 {
		return false
	}
	if want := ExprType(col.Type); col.Gen.typeOK && n.Type != want && !(want == expr.Num && n.Type == expr.Int) {
		c.errorf(src.Pos, "%s: expr gives %s values, but the column type is %s", where, n.Type, col.Type)
		return false
	}
	v.Expr = n
	for _, name := range expr.Idents(n) {
		if d := byName[name]; d != nil && !contains(col.Gen.Deps, d) {
			col.Gen.Deps = append(col.Gen.Deps, d)
		}
	}
	return true
}

// cycles reports declared columns that depend on themselves through by:
// or expressions.
func (c *checker) cycles(cols []*Column) {
	for _, col := range cols {
		if col.Gen == nil {
			continue
		}
		for _, v := range col.Gen.Variants() {
			if v != nil && v.By != nil && !contains(col.Gen.Deps, v.By) {
				col.Gen.Deps = append(col.Gen.Deps, v.By)
			}
		}
	}
	const (
		white = iota
		grey
		black
	)
	state := map[*Column]int{}
	reported := map[*Column]bool{}
	var path []*Column
	var visit func(col *Column)
	visit = func(col *Column) {
		state[col] = grey
		path = append(path, col)
		if col.Gen != nil {
			for _, d := range col.Gen.Deps {
				switch state[d] {
				case white:
					visit(d)
				case grey:
					var names []string
					start := 0
					for i, p := range path {
						if p == d {
							start = i
						}
					}
					for _, p := range path[start:] {
						names = append(names, p.Name)
					}
					if !reported[d] {
						reported[d] = true
						c.errorf(d.Gen.load.Pos, "column %q: dependency cycle: %s -> %s", d.Name, strings.Join(names, " -> "), d.Name)
					}
				}
			}
		}
		path = path[:len(path)-1]
		state[col] = black
	}
	for _, col := range cols {
		if state[col] == white {
			visit(col)
		}
	}
}

// Order returns the declared columns in dependency order (each after the
// columns it reads).
func (s *Schema) Order() []*Column {
	var out []*Column
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
		out = append(out, col)
	}
	for _, col := range s.Columns {
		visit(col)
	}
	return out
}
