package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/ir"
)

const colwritePath = "github.com/paygen/paygen/runtime/colwrite"

// writeFile emits write_gen.go: the Parquet column layout, Writers, then one
// write function per column. This is paygen's fast path: columns go straight
// from a world.Block into a colwrite.RowGroup, dictionary columns as integer
// keys, with no row structs in between.
func writeFile(s *ir.Schema) *jen.File {
	f := newFile(s)
	f.ImportName(colwritePath, "colwrite")
	f.Add(writeIndexes(s))
	f.Line()
	f.Add(writeColumns(s))
	f.Line()
	f.Add(writeAll(s))
	for _, c := range s.Columns {
		f.Line()
		f.Add(writeColumn(c))
	}
	return f
}

// writeIndexes emits the column positions as constants, in column order:
//
//	// Column positions in Columns, in column order.
//	const (
//		colTransactionID = iota
//		colEventTime
//		…
//	)
func writeIndexes(s *ir.Schema) jen.Code {
	return jen.Comment("Column positions in Columns, in column order.").Line().
		Const().DefsFunc(func(g *jen.Group) {
		for i, c := range s.Columns {
			if i == 0 {
				g.Id(c.IndexConst()).Op("=").Iota()
			} else {
				g.Id(c.IndexConst())
			}
		}
	})
}

// writeColumns emits:
//
//	// Columns is the Parquet layout of the payments table, in column order.
//	var Columns = []colwrite.Column{
//		{Name: "transaction_id", Physical: colwrite.ByteArray, Logical: colwrite.String, Encoding: colwrite.Delta},
//		…
//	}
func writeColumns(s *ir.Schema) jen.Code {
	return jen.Commentf("Columns is the Parquet layout of the %s table, in column order.", s.Table.Name).Line().
		Var().Id("Columns").Op("=").Index().Qual(colwritePath, "Column").CustomFunc(
		jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true},
		func(g *jen.Group) {
			for _, c := range s.Columns {
				g.Values(columnLayout(c)...)
			}
		})
}

// columnLayout emits the fields of one colwrite.Column literal.
func columnLayout(c *ir.Column) []jen.Code {
	cw := func(id string) *jen.Statement { return jen.Qual(colwritePath, id) }
	var phys, logical string
	switch c.Type.Kind {
	case ir.String:
		phys, logical = "ByteArray", "String"
	case ir.Timestamp:
		phys, logical = "Int64", "TimestampMicrosUTC"
	case ir.Decimal:
		phys, logical = "Int64", "Decimal"
	case ir.Double:
		phys, logical = "Double", "None"
	default:
		phys, logical = "Boolean", "None"
	}
	fields := []jen.Code{
		jen.Id("Name").Op(":").Lit(c.Name),
		jen.Id("Physical").Op(":").Add(cw(phys)),
		jen.Id("Logical").Op(":").Add(cw(logical)),
	}
	if c.Type.Kind == ir.Decimal {
		fields = append(fields, jen.Id("Precision").Op(":").Lit(c.Type.Precision), jen.Id("Scale").Op(":").Lit(c.Type.Scale))
	}
	if c.Nullable {
		fields = append(fields, jen.Id("Optional").Op(":").True())
	}
	return append(fields, jen.Id("Encoding").Op(":").Add(cw(writeEncoding(c))))
}

// writeEncoding maps the schema encoding onto colwrite's.
func writeEncoding(c *ir.Column) string {
	switch c.Encoding {
	case ir.EncodingDict:
		return "Dict"
	case ir.EncodingDelta:
		return "Delta"
	default:
		return "Plain"
	}
}

// writeAll emits:
//
//	// Writers append a block to a row group, one function per column, in
//	// column order. Each touches only its own column, so different columns
//	// may be written concurrently.
//	var Writers = []func(*world.Block, *colwrite.RowGroup){
//		writeTransactionID,
//		…
//	}
func writeAll(s *ir.Schema) jen.Code {
	return jen.Comment("Writers append a block to a row group, one function per column, in").Line().
		Comment("column order. Each touches only its own column, so different columns").Line().
		Comment("may be written concurrently.").Line().
		Var().Id("Writers").Op("=").Index().Func().Params(jen.Op("*").Qual(worldPath, "Block"), jen.Op("*").Qual(colwritePath, "RowGroup")).
		CustomFunc(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, func(g *jen.Group) {
			for _, c := range s.Columns {
				g.Id(writeFunc(c))
			}
		})
}

// writeParams emits (b *world.Block, rg *colwrite.RowGroup).
func writeParams() *jen.Statement {
	return jen.Params(
		jen.Id("b").Op("*").Qual(worldPath, "Block"),
		jen.Id("rg").Op("*").Qual(colwritePath, "RowGroup"),
	)
}

// writeFunc is the name of a column's write function: writeMCCCode.
func writeFunc(c *ir.Column) string { return "write" + c.GoName }

// keyed reports whether the column is written as dictionary keys.
func keyed(c *ir.Column) bool {
	return c.Encoding == ir.EncodingDict && c.Source.Keys != "" &&
		(c.Type.Kind == ir.String || c.Type.Kind == ir.Double)
}

// writeColumn emits one column's write function, e.g.
//
//	// writeMCCCode writes mcc_code from merchant.mcc as dictionary keys, null at rate 0.05.
//	func writeMCCCode(b *world.Block, rg *colwrite.RowGroup) {
//		colwrite.AppendKeyed(rg, colMCCCode, b.MerchantMCCKeys(), b.Valid("mcc_code", 0.05), b.FormatMerchantMCC)
//	}
//
// and for a natural source:
//
//	keys, ok := b.FraudScenarioKeys()
//	colwrite.AppendKeyed(rg, colFraudScenario, keys, ok, b.FormatFraudScenario)
func writeColumn(c *ir.Column) jen.Code {
	if c.Gen != nil {
		return writeDeclared(c)
	}
	how := ""
	if keyed(c) {
		how = " as dictionary keys"
	}
	doc := fmt.Sprintf("%s writes %s from %s%s%s.", writeFunc(c), c.Name, c.Source.Name, how, nullPhrase(c))
	col := jen.Id(c.IndexConst())
	b := func(m string) *jen.Statement { return jen.Id("b").Dot(m) }
	valid := jen.Code(jen.Nil())
	if c.ByRate() {
		valid = b("Valid").Call(jen.Lit(c.NullKey()), jen.Lit(c.NullRate))
	}
	var body []jen.Code
	switch {
	case keyed(c) && c.Source.Natural:
		body = []jen.Code{
			jen.List(jen.Id("keys"), jen.Id("ok")).Op(":=").Add(b(c.Source.Keys).Call()),
			jen.Qual(colwritePath, keyedFunc(c)).Call(jen.Id("rg"), col, jen.Id("keys"), jen.Id("ok"), b(c.Source.Format)),
		}
	case keyed(c):
		body = []jen.Code{jen.Qual(colwritePath, keyedFunc(c)).Call(jen.Id("rg"), col, b(c.Source.Keys).Call(), valid, b(c.Source.Format))}
	case c.Source.Natural:
		body = []jen.Code{
			jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(b(c.Source.Method).Call()),
			jen.Id("rg").Dot(valueMethod(c)).Call(col, jen.Id("v"), jen.Id("ok")),
		}
	default:
		body = []jen.Code{jen.Id("rg").Dot(valueMethod(c)).Call(col, b(c.Source.Method).Call(), valid)}
	}
	return jen.Comment(doc).Line().Func().Id(writeFunc(c)).Add(writeParams()).Block(body...)
}

// keyedFunc is the colwrite function appending a keyed column.
func keyedFunc(c *ir.Column) string {
	if c.Type.Kind == ir.Double {
		return "AppendKeyedDouble"
	}
	return "AppendKeyed"
}

func valueMethod(c *ir.Column) string {
	switch c.Type.Kind {
	case ir.String:
		return "Strings"
	case ir.Double:
		return "Double"
	case ir.Boolean:
		return "Bool"
	default:
		return "Int64"
	}
}
