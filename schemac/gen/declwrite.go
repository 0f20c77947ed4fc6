package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/ir"
)

// declaredPrelude emits the values of a declared column's writer or filler
// (vals: drawn into a pooled slice given back on return, with its arena, or
// the block's memoized values when other declared columns read them) and
// its null mask (valid: nil, b.Valid(…) or the column's valid function into
// a pooled mask).
func declaredPrelude(c *ir.Column, n jen.Code) []jen.Code {
	var body []jen.Code
	switch {
	case isWords(c):
	case c.Gen.Read:
		body = append(body, jen.Id("vals").Op(":=").Id(cachedFunc(c)).Call(jen.Id("b")))
	default:
		pool := func() *jen.Statement { return jen.Qual(declPath, poolOf(storage(c))) }
		body = append(body,
			jen.Id("buf").Op(":=").Add(pool()).Dot("Get").Call(n),
			jen.Defer().Add(pool()).Dot("Put").Call(jen.Id("buf")))
		args := []jen.Code{jen.Id("b"), jen.Op("*").Id("buf")}
		if needsArena(c) {
			body = append(body,
				jen.Id("ar").Op(":=").Qual(declPath, "Arenas").Dot("Get").Call(),
				jen.Defer().Qual(declPath, "Arenas").Dot("Put").Call(jen.Id("ar")))
			args = append(args, jen.Id("ar"))
		}
		body = append(body, jen.Id(genFunc(c)).Call(args...), jen.Id("vals").Op(":=").Op("*").Id("buf"))
	}
	switch {
	case !c.Nullable:
		body = append(body, jen.Var().Id("valid").Index().Bool())
	case len(c.Gen.NullFrom) == 0:
		body = append(body, jen.Id("valid").Op(":=").Id("b").Dot("Valid").Call(jen.Lit(c.NullKey()), jen.Lit(c.NullRate)))
	default:
		body = append(body,
			jen.Id("mask").Op(":=").Qual(declPath, "Bools").Dot("Get").Call(n),
			jen.Defer().Qual(declPath, "Bools").Dot("Put").Call(jen.Id("mask")),
			jen.Id(validFunc(c)).Call(jen.Id("b"), jen.Op("*").Id("mask")),
			jen.Id("valid").Op(":=").Op("*").Id("mask"))
	}
	return body
}

// writeDeclared emits a declared column's write function, e.g.
//
//	// writeChannel writes channel from generate categorical as dictionary keys.
//	func writeChannel(b *world.Block, rg *colwrite.RowGroup) {
//		buf := decl.Uint16s.Get(b.Len())
//		defer decl.Uint16s.Put(buf)
//		genChannel(b, *buf)
//		vals := *buf
//		var valid []bool
//		colwrite.AppendKeyed(rg, colChannel, vals, valid, formatChannel)
//	}
func writeDeclared(c *ir.Column) jen.Code {
	body := declaredPrelude(c, jen.Id("b").Dot("Len").Call())
	col := jen.Id(c.IndexConst())
	how := ""
	switch {
	case isWords(c):
		how = " as dictionary keys (entity ids)"
		body = append(body, jen.Qual(colwritePath, "AppendKeyed").Call(jen.Id("rg"), col,
			jen.Id("b").Dot(entityIDs[c.Gen.Per]).Call(), jen.Id("valid"), jen.Id(wordsFunc(c)).Call(jen.Id("b"))))
	case isCat(c) && c.Type.Kind == ir.String && c.Encoding == ir.EncodingDict:
		how = " as dictionary keys"
		body = append(body, jen.Qual(colwritePath, "AppendKeyed").Call(jen.Id("rg"), col, jen.Id("vals"), jen.Id("valid"), jen.Id(fmtFunc(c))))
	case isCat(c) && c.Type.Kind == ir.String:
		body = append(body,
			jen.Id("strs").Op(":=").Qual(declPath, "Strings").Dot("Get").Call(jen.Id("b").Dot("Len").Call()),
			jen.Defer().Qual(declPath, "Strings").Dot("Put").Call(jen.Id("strs")),
			jen.For(jen.List(jen.Id("i"), jen.Id("k")).Op(":=").Range().Id("vals")).Block(
				jen.Parens(jen.Op("*").Id("strs")).Index(jen.Id("i")).Op("=").Id(valsVar(c)).Index(jen.Id("k"))),
			jen.Id("rg").Dot("Strings").Call(col, jen.Op("*").Id("strs"), jen.Id("valid")))
	default:
		body = append(body, jen.Id("rg").Dot(valueMethod(c)).Call(col, jen.Id("vals"), jen.Id("valid")))
	}
	doc := fmt.Sprintf("%s writes %s from %s%s%s.", writeFunc(c), c.Name, c.Origin(), how, nullPhrase(c))
	return jen.Comment(doc).Line().Func().Id(writeFunc(c)).Add(writeParams()).Block(body...)
}

// fillDeclared emits the body of a declared column's fill function: the
// gen slice, then one assignment per row (a copy: the slice is scratch).
func fillDeclared(c *ir.Column) []jen.Code {
	body := declaredPrelude(c, jen.Len(jen.Id("rows")))
	var val jen.Code
	switch {
	case isWords(c):
		body = append(body,
			jen.Id("name").Op(":=").Id(wordsFunc(c)).Call(jen.Id("b")),
			jen.Id("ids").Op(":=").Id("b").Dot(entityIDs[c.Gen.Per]).Call())
		val = jen.String().Call(jen.Id("name").Call(jen.Nil(), jen.Uint64().Call(jen.Id("ids").Index(jen.Id("i")))))
	case isCat(c) && c.Type.Kind == ir.String:
		val = jen.Id(valsVar(c)).Index(jen.Id("vals").Index(jen.Id("i")))
	case c.Type.Kind == ir.String:
		val = jen.Qual("strings", "Clone").Call(jen.Id("vals").Index(jen.Id("i")))
	default:
		val = jen.Id("vals").Index(jen.Id("i"))
	}
	var assign jen.Code
	if c.Nullable {
		assign = jen.If(jen.Id("valid").Index(jen.Id("i"))).Block(
			jen.Id("x").Op(":=").Add(val),
			rowField(c).Op("=").Op("&").Id("x"),
		).Else().Block(rowField(c).Op("=").Nil())
	} else {
		body = append(body, jen.Id("_").Op("=").Id("valid"))
		assign = rowField(c).Op("=").Add(val)
	}
	return append(body, rowLoop(assign))
}
