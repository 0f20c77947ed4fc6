package gen

import (
	"fmt"
	"math"
	"reflect"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/ir"
)

// schemaFile emits schema_gen.go: the table constants, the column names and
// the world configuration.
func schemaFile(s *ir.Schema) *jen.File {
	f := newFile(s)
	f.Add(constants(s))
	f.Line()
	f.Add(columnNames(s))
	f.Line()
	f.Add(labelColumns(s))
	f.Line()
	f.Comment("Config is the world configuration from the world, entities, payment and fraud sections.")
	f.Var().Id("Config").Op("=").Add(literal(reflect.ValueOf(s.Config), true))
	return f
}

// constants emits:
//
//	const (
//		Table       = "payments"                      // table name
//		FilePrefix  = "payments"                      // output file name prefix
//		SchemaPath  = "schema/transaction_schema.yaml" // the schema, from the module root
//		Fingerprint = "0123456789abcdef"              // first 16 hex digits of the schema's SHA-256
//	)
func constants(s *ir.Schema) jen.Code {
	return jen.Const().Defs(
		jen.Id("Table").Op("=").Lit(s.Table.Name).Comment("table name"),
		jen.Id("FilePrefix").Op("=").Lit(s.Table.FilePrefix).Comment("output file name prefix"),
		jen.Id("SchemaPath").Op("=").Lit(s.Path).Comment("the schema, from the module root"),
		jen.Id("Fingerprint").Op("=").Lit(s.Fingerprint).Comment("first 16 hex digits of the schema's SHA-256"),
	)
}

// columnNames emits:
//
//	// ColumnNames lists the columns in table order.
//	var ColumnNames = []string{
//		"transaction_id",
//		…
//	}
func columnNames(s *ir.Schema) jen.Code {
	names := make([]jen.Code, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = jen.Lit(c.Name)
	}
	return jen.Comment("ColumnNames lists the columns in table order.").Line().
		Var().Id("ColumnNames").Op("=").Index().String().Add(lines(names))
}

// labelColumns emits:
//
//	// LabelColumns are the fraud label and the columns known only with it (fraud.* sources
//	// and the declared columns that read them): analyses score none of them as a feature.
//	var LabelColumns = []string{
//		"label_fraud",
//		…
//	}
func labelColumns(s *ir.Schema) jen.Code {
	var names []jen.Code
	for _, c := range s.Columns {
		if c.Label() {
			names = append(names, jen.Lit(c.Name))
		}
	}
	return jen.Comment("LabelColumns are the fraud label and the columns known only with it (fraud.* sources").Line().
		Comment("and the declared columns that read them): analyses score none of them as a feature.").Line().
		Var().Id("LabelColumns").Op("=").Index().String().Add(lines(names))
}

// lines emits a composite literal body with one element per line:
//
//	{
//		a,
//		b,
//	}
func lines(items []jen.Code) jen.Code {
	return jen.ValuesFunc(func(g *jen.Group) {
		for _, it := range items {
			g.Line().Add(it)
		}
		if len(items) > 0 {
			g.Line()
		}
	})
}

// literal emits a Go composite literal of a configuration value (structs,
// slices, numbers, strings, bools), leaving out zero fields. typed writes the
// struct's type name; structs inside slices are written untyped, on one line:
//
//	world.Config{
//		WindowDays: 30,
//		Card: world.CardConfig{
//			Brands: []world.Weighted{
//				{Name: "visa", Weight: 0.52},
//			},
//		},
//	}
func literal(v reflect.Value, typed bool) jen.Code {
	switch v.Kind() {
	case reflect.Struct:
		var fields []jen.Code
		for i := range v.NumField() {
			if fv := v.Field(i); !fv.IsZero() {
				fields = append(fields, jen.Id(v.Type().Field(i).Name).Op(":").Add(literal(fv, true)))
			}
		}
		if !typed {
			return jen.Values(fields...)
		}
		return typeName(v.Type()).Add(lines(fields))
	case reflect.Slice:
		items := make([]jen.Code, v.Len())
		for i := range items {
			items[i] = literal(v.Index(i), false)
		}
		return jen.Index().Add(typeName(v.Type().Elem())).Add(lines(items))
	case reflect.Int, reflect.Int64:
		return jen.Lit(int(v.Int()))
	case reflect.Float64:
		return floatLit(v.Float())
	case reflect.String:
		return jen.Lit(v.String())
	case reflect.Bool:
		return jen.Lit(v.Bool())
	}
	panic(fmt.Sprintf("gen: literal of unsupported kind %s", v.Kind()))
}

// typeName emits a named type, qualified by its package (world.Weighted),
// or a predeclared one (int, string).
func typeName(t reflect.Type) *jen.Statement {
	if t.PkgPath() == "" {
		return jen.Id(t.Name())
	}
	return jen.Qual(t.PkgPath(), t.Name())
}

// floatLit emits a float64 constant as a person writes it: 0.01, 18,
// 9999999999.99 (not 9.99999999999e+09); exponent form only for very large or
// very small magnitudes.
func floatLit(x float64) jen.Code {
	if a := math.Abs(x); a != 0 && (a >= 1e21 || a < 1e-6) {
		return jen.Op(strconv.FormatFloat(x, 'g', -1, 64))
	}
	return jen.Op(strconv.FormatFloat(x, 'f', -1, 64))
}

// num prints a number the way a schema author writes it (0.05, 30).
func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
