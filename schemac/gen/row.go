package gen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/ir"
)

// tableFile emits table/row_gen.go, a package with no imports:
//
//	// Package table is the shape of table payments: its row type. …
//	package table
//
//	// Payment is one row of table payments. …
//	type Payment struct {
//		// Unique id, ordered like event_time.
//		TransactionID string `parquet:"transaction_id,delta"`
//		…
//	}
func tableFile(s *ir.Schema) *jen.File {
	f := jen.NewFile(TableDir)
	f.HeaderComment(Header(s.Path))
	for _, l := range wrap(fmt.Sprintf("Package %s is the shape of table %s: its row type, with Parquet tags. It imports "+
		"nothing, so that any package (runtime packages' tests and fixtures too) can use it; package %s aliases it.",
		TableDir, s.Table.Name, PackageName), commentWidth) {
		f.PackageComment(l)
	}
	f.NoFormat = true
	doc := fmt.Sprintf("%s is one row of table %s.", s.Table.GoType, s.Table.Name)
	if s.Table.Description != "" {
		doc += " " + s.Table.Description
	}
	f.Add(comment(doc))
	f.Type().Id(s.Table.GoType).StructFunc(func(g *jen.Group) {
		for _, c := range s.Columns {
			g.Add(fieldDoc(c))
			g.Add(field(c))
		}
	})
	return f
}

// rowFile emits row_gen.go, the alias of the row type in the generated package:
//
//	// Payment is one row of table payments (package table).
//	type Payment = table.Payment
func rowFile(s *ir.Schema, importPath string) *jen.File {
	f := newFile(s)
	f.ImportName(importPath+"/"+TableDir, TableDir)
	f.Add(comment(fmt.Sprintf("%s is one row of table %s (package %s).", s.Table.GoType, s.Table.Name, TableDir)))
	f.Type().Id(s.Table.GoType).Op("=").Qual(importPath+"/"+TableDir, s.Table.GoType)
	return f
}

// field emits one struct field:
//
//	MCCCode *string `parquet:"mcc_code,optional,dict"`
func field(c *ir.Column) jen.Code {
	return jen.Id(c.GoName).Add(fieldType(c)).Tag(map[string]string{"parquet": c.ParquetTag()})
}

// fieldType emits the Go type of a column: string, int64, float64 or bool,
// behind a pointer when the column is nullable (*string).
func fieldType(c *ir.Column) *jen.Statement {
	t := jen.Null()
	if c.Nullable {
		t = jen.Op("*")
	}
	switch c.Type.Kind {
	case ir.String:
		return t.String()
	case ir.Timestamp, ir.Decimal:
		return t.Int64()
	case ir.Double:
		return t.Float64()
	case ir.Boolean:
		return t.Bool()
	}
	panic(fmt.Sprintf("gen: column %q has unknown type %v", c.Name, c.Type))
}

// fieldDoc emits a field's doc comment: the description, then the column facts:
//
//	// ISO 18245 merchant category code; leading zeros kept.
//	// Column mcc_code: string from merchant.mcc, null at rate 0.05.
func fieldDoc(c *ir.Column) jen.Code {
	facts := fmt.Sprintf("Column %s: %s from %s%s.", c.Name, c.Type, c.Origin(), nullPhrase(c))
	if c.Description == "" {
		return comment(facts)
	}
	return comment(strings.TrimRight(c.Description, "\n") + "\n" + facts)
}

// nullPhrase says how a column becomes null, for comments: "",
// ", null at rate 0.05", ", null at rate 0.01 with group geo" or ", null by construction".
func nullPhrase(c *ir.Column) string {
	switch {
	case !c.Nullable:
		return ""
	case c.Source.Natural:
		return ", null by construction"
	case c.Gen != nil && len(c.Gen.NullFrom) > 0 && !c.HasRate:
		return ", null where its inputs are"
	case c.Gen != nil && len(c.Gen.NullFrom) > 0:
		return fmt.Sprintf(", null at rate %s and where its inputs are", num(c.NullRate))
	case c.NullGroup != "":
		return fmt.Sprintf(", null at rate %s with group %s", num(c.NullRate), c.NullGroup)
	}
	return fmt.Sprintf(", null at rate %s", num(c.NullRate))
}

// commentWidth is where comment text wraps.
const commentWidth = 96

// comment emits a // comment, one line per line of text, wrapping long lines
// at word boundaries.
func comment(text string) jen.Code {
	g := jen.Null()
	for i, l := range wrap(text, commentWidth) {
		if i > 0 {
			g.Line()
		}
		g.Comment(l)
	}
	return g
}

// wrap splits text into lines of at most width bytes (longer words stay
// whole), keeping its own line breaks.
func wrap(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case len(line)+1+len(w) > width:
				out = append(out, line)
				line = w
			default:
				line += " " + w
			}
		}
		out = append(out, line)
	}
	return out
}
