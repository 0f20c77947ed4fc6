package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/expr"
	"github.com/paygen/paygen/schemac/ir"
)

// An expression compiles to one Go expression per row: columns are the
// slices depSetup prepared (cX[i]), operators are Go's, and functions are
// calls into runtime/decl or math that the compiler inlines or calls
// directly. Int values are int64, numbers float64, timestamps int64
// microseconds, strings string and booleans bool.

const mathPath = "math"

// exprCols maps column names to columns while an expression is emitted.
type exprCols map[string]*ir.Column

// exprStore emits the storage value of column c from expression n.
func exprStore(c *ir.Column, n *expr.Node) jen.Code {
	cols := exprCols{}
	for _, d := range c.Gen.Deps {
		cols[d.Name] = d
	}
	switch c.Type.Kind {
	case ir.Decimal:
		return scaledCode(cols.num(n), c.Type.Scale)
	case ir.Double:
		return cols.num(n)
	}
	return cols.ex(n)
}

// num emits n as a float64.
func (cols exprCols) num(n *expr.Node) *jen.Statement {
	if n.Type == expr.Int {
		return jen.Float64().Call(cols.ex(n))
	}
	return cols.ex(n)
}

// as emits n converted to type t (only Int → Num converts).
func (cols exprCols) as(n *expr.Node, t expr.Type) *jen.Statement {
	if t == expr.Num {
		return cols.num(n)
	}
	return cols.ex(n)
}

// ex emits n in its own Go type.
func (cols exprCols) ex(n *expr.Node) *jen.Statement {
	switch n.Kind {
	case expr.Lit:
		switch n.Lit.Type {
		case expr.Int:
			return jen.Lit(n.Lit.Int)
		case expr.Num:
			return jen.Lit(n.Lit.Num)
		case expr.Str:
			return jen.Lit(n.Lit.Str)
		}
		return jen.Lit(n.Lit.Bool)
	case expr.Ident:
		return cols.ident(cols[n.Name])
	case expr.Unary:
		return jen.Parens(jen.Op(n.Op).Add(cols.ex(n.Args[0])))
	case expr.Binary:
		return cols.binary(n)
	}
	return cols.call(n)
}

// ident emits a column's value on row i, as an expression type.
func (cols exprCols) ident(d *ir.Column) *jen.Statement {
	v := jen.Id(depVar(d)).Index(jen.Id("i"))
	switch {
	case isCat(d) && d.Type.Kind == ir.String:
		return jen.Id(valsVar(d)).Index(v)
	case d.Type.Kind == ir.Decimal:
		return unscaledCode(v, d.Type.Scale)
	}
	return v
}

func (cols exprCols) binary(n *expr.Node) *jen.Statement {
	x, y := n.Args[0], n.Args[1]
	switch n.Op {
	case "%":
		return jen.Qual(declPath, "Mod").Call(cols.ex(x), cols.ex(y))
	case "/":
		return jen.Parens(cols.num(x).Op("/").Add(cols.num(y)))
	case "+", "-", "*":
		return jen.Parens(cols.as(x, n.Type).Op(n.Op).Add(cols.as(y, n.Type)))
	}
	// Comparisons and logic: numbers of mixed types compare as float64.
	if x.Type != y.Type {
		return jen.Parens(cols.num(x).Op(n.Op).Add(cols.num(y)))
	}
	return jen.Parens(cols.ex(x).Op(n.Op).Add(cols.ex(y)))
}

// mathFuncs are the functions that are one call into package math.
var mathFuncs = map[string]string{"abs": "Abs", "floor": "Floor", "ceil": "Ceil", "sqrt": "Sqrt", "ln": "Log", "exp": "Exp"}

// declFuncs are the functions that are one call into runtime/decl.
var declFuncs = map[string]string{
	"hour": "Hour", "minute": "Minute", "weekday": "Weekday", "day": "Day", "month": "Month", "year": "Year",
	"date": "Date", "days_between": "DaysBetween", "local_hour": "LocalHour", "usd": "USD", "int": "Int",
}

func (cols exprCols) call(n *expr.Node) *jen.Statement {
	args := func(types ...expr.Type) []jen.Code {
		var out []jen.Code
		for i, a := range n.Args {
			out = append(out, cols.as(a, types[i]))
		}
		return out
	}
	if f, ok := mathFuncs[n.Name]; ok {
		return jen.Qual(mathPath, f).Call(args(expr.Num)...)
	}
	if f, ok := declFuncs[n.Name]; ok {
		return jen.Qual(declPath, f).Call(args(expr.Funcs[n.Name].Args()...)...)
	}
	switch n.Name {
	case "round":
		return jen.Qual(declPath, "Round").Call(cols.num(n.Args[0]), jen.Int().Call(cols.ex(n.Args[1])))
	case "float":
		return cols.num(n.Args[0])
	case "add_days":
		return jen.Parens(cols.ex(n.Args[0]).Op("+").Qual(declPath, "Days").Call(cols.num(n.Args[1])))
	case "window_start":
		return jen.Id("ws")
	case "window_end":
		return jen.Id("we")
	case "min", "max":
		var as []jen.Code
		for _, a := range n.Args {
			as = append(as, cols.as(a, n.Type))
		}
		return jen.Id(n.Name).Call(as...)
	case "if":
		return jen.Qual(declPath, "If").Call(cols.ex(n.Args[0]), cols.as(n.Args[1], n.Type), cols.as(n.Args[2], n.Type))
	case "case":
		// case(c1, v1, c2, v2, …, d) = If(c1, v1, If(c2, v2, … d))
		last := len(n.Args) - 1
		out := cols.as(n.Args[last], n.Type)
		for i := last - 2; i >= 0; i -= 2 {
			out = jen.Qual(declPath, "If").Call(cols.ex(n.Args[i]), cols.as(n.Args[i+1], n.Type), out)
		}
		return out
	case "format":
		return cols.format(n)
	}
	panic("gen: unchecked function " + n.Name)
}

// format emits ar.Begin().S("T").D(x, 6, true).End().
func (cols exprCols) format(n *expr.Node) *jen.Statement {
	pieces, _ := expr.FormatPieces(n.Args[0].Lit.Str)
	s := jen.Id("ar").Dot("Begin").Call()
	k := 1
	for _, p := range pieces {
		switch p.Verb {
		case 0:
			s = s.Dot("S").Call(jen.Lit(p.Text))
			continue
		case 's':
			s = s.Dot("S").Call(cols.ex(n.Args[k]))
		case 'd':
			s = s.Dot("D").Call(cols.ex(n.Args[k]), jen.Lit(p.Width), jen.Lit(p.Zero))
		case 'f':
			s = s.Dot("F").Call(cols.num(n.Args[k]), jen.Lit(p.Prec))
		}
		k++
	}
	return s.Dot("End").Call()
}
