package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/ir"
)

// The base variant of a normal, lognormal or exponential column draws its
// standard variates for the whole block in one decl kernel call before the
// row loop (decl.NormalsAt, NormalsOf, ExpsAt, ExpsOf, then ExpAffine for
// a lognormal), and the row loop reads z[i]: no call per row. The values
// are the per-row functions' (decl.Normal = mean + sd·z, …), so the
// column's values are the same; overrides (fraud and scenario rows) keep
// the per-row calls.

// hasKernel reports whether variant v is drawn by a column kernel.
func hasKernel(v *ir.Variant) bool {
	return v.Kind == "normal" || v.Kind == "lognormal" || v.Kind == "exponential"
}

// kernelSetup emits, for a column whose base variant has a kernel,
//
//	zBuf := decl.Float64s.Get(len(out))
//	defer decl.Float64s.Put(zBuf)
//	z := *zBuf
//	decl.NormalsOf(z, ek, ids)
//	decl.ExpAffine(z, 6.5, 0.9)
func kernelSetup(c *ir.Column) []jen.Code {
	v := c.Gen.Base
	if !hasKernel(v) {
		return nil
	}
	kernel := "Normals"
	if v.Kind == "exponential" {
		kernel = "Exps"
	}
	var fill jen.Code
	if c.Gen.Per != "" {
		fill = jen.Qual(declPath, kernel+"Of").Call(jen.Id("z"), jen.Id("ek"), jen.Id("ids"))
	} else {
		fill = jen.Qual(declPath, kernel+"At").Call(jen.Id("z"), jen.Id("key"), jen.Id("row"))
	}
	out := []jen.Code{
		jen.Id("zBuf").Op(":=").Qual(declPath, "Float64s").Dot("Get").Call(jen.Len(jen.Id("out"))),
		jen.Defer().Qual(declPath, "Float64s").Dot("Put").Call(jen.Id("zBuf")),
		jen.Id("z").Op(":=").Op("*").Id("zBuf"),
		fill,
	}
	if v.Kind == "lognormal" {
		out = append(out, jen.Qual(declPath, "ExpAffine").Call(jen.Id("z"), jen.Lit(v.A), jen.Lit(v.B)))
	}
	return out
}

// kernelValue emits row i's value from the kernel's z: (mean + sd*z[i]),
// z[i] (lognormal) or (mean * z[i]).
func kernelValue(v *ir.Variant) *jen.Statement {
	z := jen.Id("z").Index(jen.Id("i"))
	switch v.Kind {
	case "normal":
		return jen.Parens(jen.Lit(v.A).Op("+").Lit(v.B).Op("*").Add(z))
	case "exponential":
		return jen.Parens(jen.Lit(v.A).Op("*").Add(z))
	}
	return z
}
