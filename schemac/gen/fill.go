package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/ir"
)

// fillFile emits fill_gen.go: Fill, then one fill function per column.
func fillFile(s *ir.Schema) *jen.File {
	f := newFile(s)
	f.Add(fillAll(s))
	for _, c := range s.Columns {
		f.Line()
		f.Add(fillColumn(s, c))
	}
	return f
}

// fillAll emits:
//
//	// Fill sets every column of rows from block b, one column at a time.
//	func Fill(b *world.Block, rows []Payment) {
//		fillTransactionID(b, rows)
//		…
//	}
func fillAll(s *ir.Schema) jen.Code {
	return jen.Comment("Fill sets every column of rows from block b, one column at a time; rows has the block's length.").Line().
		Func().Id("Fill").Add(fillParams(s)).BlockFunc(func(g *jen.Group) {
		for _, c := range s.Columns {
			g.Id(c.FillFunc).Call(jen.Id("b"), jen.Id("rows"))
		}
	})
}

// fillParams emits (b *world.Block, rows []Payment).
func fillParams(s *ir.Schema) *jen.Statement {
	return jen.Params(
		jen.Id("b").Op("*").Qual(worldPath, "Block"),
		jen.Id("rows").Index().Id(s.Table.GoType),
	)
}

// fillColumn emits the fill function of one column, dispatching on how the
// column becomes null.
func fillColumn(s *ir.Schema, c *ir.Column) jen.Code {
	doc := fmt.Sprintf("%s fills %s from %s%s.", c.FillFunc, c.Name, c.Origin(), nullPhrase(c))
	var body []jen.Code
	switch {
	case c.Gen != nil:
		body = fillDeclared(c)
	case !c.Nullable:
		body = fillRequired(c)
	case c.Source.Natural:
		body = fillNatural(c)
	default:
		body = fillByRate(c)
	}
	return jen.Comment(doc).Line().Func().Id(c.FillFunc).Add(fillParams(s)).Block(body...)
}

// fillRequired emits:
//
//	v := b.CardBrand()[:len(rows)]
//	for i := range rows {
//		rows[i].CardBrand = v[i]
//	}
func fillRequired(c *ir.Column) []jen.Code {
	return []jen.Code{
		jen.Id("v").Op(":=").Add(sourceCall(c)).Index(jen.Empty(), jen.Len(jen.Id("rows"))),
		rowLoop(jen.Add(rowField(c)).Op("=").Id("v").Index(jen.Id("i"))),
	}
}

// fillByRate emits:
//
//	v := b.MerchantMCC()[:len(rows)]
//	ok := b.Valid("mcc_code", 0.05)[:len(rows)]
//	for i := range rows {
//		if ok[i] {
//			rows[i].MCCCode = &v[i]
//		} else {
//			rows[i].MCCCode = nil
//		}
//	}
func fillByRate(c *ir.Column) []jen.Code {
	return []jen.Code{
		jen.Id("v").Op(":=").Add(sourceCall(c)).Index(jen.Empty(), jen.Len(jen.Id("rows"))),
		jen.Id("ok").Op(":=").Id("b").Dot("Valid").Call(jen.Lit(c.NullKey()), jen.Lit(c.NullRate)).
			Index(jen.Empty(), jen.Len(jen.Id("rows"))),
		rowLoop(optionalAssign(c)),
	}
}

// fillNatural emits:
//
//	v, ok := b.FraudScenario()
//	v, ok = v[:len(rows)], ok[:len(rows)]
//	for i := range rows {
//		if ok[i] {
//			rows[i].FraudScenario = &v[i]
//		} else {
//			rows[i].FraudScenario = nil
//		}
//	}
func fillNatural(c *ir.Column) []jen.Code {
	n := jen.Len(jen.Id("rows"))
	return []jen.Code{
		jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(sourceCall(c)),
		jen.List(jen.Id("v"), jen.Id("ok")).Op("=").
			List(jen.Id("v").Index(jen.Empty(), n), jen.Id("ok").Index(jen.Empty(), n)),
		rowLoop(optionalAssign(c)),
	}
}

// optionalAssign emits:
//
//	if ok[i] {
//		rows[i].MCCCode = &v[i]
//	} else {
//		rows[i].MCCCode = nil
//	}
func optionalAssign(c *ir.Column) jen.Code {
	return jen.If(jen.Id("ok").Index(jen.Id("i"))).Block(
		rowField(c).Op("=").Op("&").Id("v").Index(jen.Id("i")),
	).Else().Block(
		rowField(c).Op("=").Nil(),
	)
}

// sourceCall emits b.MerchantMCC().
func sourceCall(c *ir.Column) *jen.Statement {
	return jen.Id("b").Dot(c.Source.Method).Call()
}

// rowField emits rows[i].MCCCode.
func rowField(c *ir.Column) *jen.Statement {
	return jen.Id("rows").Index(jen.Id("i")).Dot(c.GoName)
}

// rowLoop emits for i := range rows { body }.
func rowLoop(body jen.Code) jen.Code {
	return jen.For(jen.Id("i").Op(":=").Range().Id("rows")).Block(body)
}
