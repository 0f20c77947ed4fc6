package gen

import (
	"math"

	"github.com/dave/jennifer/jen"
)

// Decimal scales and rounding digits are constants of the schema, so the
// generated code multiplies by the power of ten itself instead of calling
// decl.Scaled, decl.Unscaled or decl.Round (which look it up per row and
// are too large to inline). The literal is math.Pow10's value, so the
// results are the same as those functions'.

// scaledCode emits decl.Int(math.Round(x * 100.0)): x in units of
// 10^-scale, rounded (decl.Scaled), or decl.Int(math.Round(x)) at scale 0.
func scaledCode(x jen.Code, scale int) *jen.Statement {
	if scale != 0 {
		x = jen.Add(x).Op("*").Lit(math.Pow10(scale))
	}
	return jen.Qual(declPath, "Int").Call(jen.Qual(mathPath, "Round").Call(x))
}

// unscaledCode emits (float64(v) / 100.0), the value of a decimal of the
// given scale (decl.Unscaled), or float64(v) at scale 0.
func unscaledCode(v jen.Code, scale int) *jen.Statement {
	if scale == 0 {
		return jen.Float64().Call(v)
	}
	return jen.Parens(jen.Float64().Call(v).Op("/").Lit(math.Pow10(scale)))
}

// roundCode emits (math.Round(x * 1000.0) / 1000.0): x rounded to digits
// decimal places (decl.Round).
func roundCode(x jen.Code, digits int) *jen.Statement {
	p := math.Pow10(digits)
	return jen.Parens(jen.Qual(mathPath, "Round").Call(jen.Add(x).Op("*").Lit(p)).Op("/").Lit(p))
}
