package gen

import (
	"fmt"
	"math"

	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/ir"
)

const contractPath = "github.com/paygen/paygen/runtime/contract"

// contractFile emits contract_gen.go:
//
//	// Contract is the data contract of table payments: …
//	var Contract = &contract.Contract{
//		Table: "payments",
//		Columns: []contract.Column{
//			{Name: "transaction_id", Physical: "BYTE_ARRAY", Logical: "STRING"},
//			…
//		},
//		Expectations: []contract.Expectation{
//			{Kind: contract.NotNull, Column: "transaction_id", Source: "transaction_id.required"},
//			…
//		},
//	}
func contractFile(s *ir.Schema) *jen.File {
	f := newFile(s)
	f.ImportName(contractPath, "contract")
	cols := make([]jen.Code, len(s.Columns))
	for i, c := range s.Columns {
		cols[i] = contractColumn(c)
	}
	var exps []jen.Code
	for _, c := range s.Columns {
		for _, e := range c.Expect {
			exps = append(exps, expectation(e))
		}
	}
	for _, r := range s.Rules {
		for _, e := range splitRule(r) {
			exps = append(exps, expectation(e))
		}
	}
	f.Add(comment(fmt.Sprintf("Contract is the data contract of table %s: its columns and the expectations "+
		"declared in %s (expect: lists, rules, and NotNull on every required column).", s.Table.Name, s.Path)))
	f.Var().Id("Contract").Op("=").Op("&").Qual(contractPath, "Contract").Add(lines([]jen.Code{
		jen.Id("Table").Op(":").Lit(s.Table.Name),
		jen.Id("Columns").Op(":").Index().Qual(contractPath, "Column").Add(lines(cols)),
		jen.Id("Expectations").Op(":").Index().Qual(contractPath, "Expectation").Add(lines(exps)),
	}))
	return f
}

// contractColumn emits {Name: "mcc_code", Physical: "BYTE_ARRAY", Logical: "STRING", Nullable: true}.
func contractColumn(c *ir.Column) jen.Code {
	d := []jen.Code{
		jen.Id("Name").Op(":").Lit(c.Name),
		jen.Id("Physical").Op(":").Lit(c.ParquetPhysical()),
	}
	if l := c.ParquetLogical(); l != "" {
		d = append(d, jen.Id("Logical").Op(":").Lit(l))
	}
	if c.Nullable {
		d = append(d, jen.Id("Nullable").Op(":").True())
	}
	return jen.Values(d...)
}

// splitRule turns a same_nulls rule over n columns into n-1 pairwise
// expectations (the first column against each other); other rules pass through.
func splitRule(e ir.Expectation) []ir.Expectation {
	if e.Kind != ir.SameNulls || len(e.Values) <= 2 {
		return []ir.Expectation{e}
	}
	out := make([]ir.Expectation, 0, len(e.Values)-1)
	for _, other := range e.Values[1:] {
		p := e
		p.Column, p.Other = e.Values[0], other
		out = append(out, p)
	}
	return out
}

// expectation emits one contract.Expectation on one line, leaving out unused
// fields (an open bound is an absent one) and naming its source by its place in
// the schema (ir.Expectation.Ref), not by line, so that edits elsewhere in the
// YAML leave it alone:
//
//	{Kind: contract.Range, Column: "amount", HasMin: true, Min: 0.01, HasMax: true, Max: 9999999999.99, Source: "amount.expect[1]"}
func expectation(e ir.Expectation) jen.Code {
	d := []jen.Code{jen.Id("Kind").Op(":").Qual(contractPath, e.Kind.String())}
	str := func(key, v string) {
		if v != "" {
			d = append(d, jen.Id(key).Op(":").Lit(v))
		}
	}
	str("Column", e.Column)
	str("Other", e.Other)
	if !math.IsNaN(e.Min) {
		d = append(d, jen.Id("HasMin").Op(":").True(), jen.Id("Min").Op(":").Add(floatLit(e.Min)))
	}
	if !math.IsNaN(e.Max) {
		d = append(d, jen.Id("HasMax").Op(":").True(), jen.Id("Max").Op(":").Add(floatLit(e.Max)))
	}
	str("Set", e.Set)
	if e.Kind == ir.InSet && len(e.Values) > 0 {
		vals := make([]jen.Code, len(e.Values))
		for i, v := range e.Values {
			vals[i] = jen.Lit(v)
		}
		d = append(d, jen.Id("Values").Op(":").Index().String().Values(vals...))
	}
	str("Pattern", e.Pattern)
	if e.Kind == ir.Quantile {
		d = append(d, jen.Id("Q").Op(":").Lit(e.Q))
	}
	if e.Days != 0 {
		d = append(d, jen.Id("Days").Op(":").Lit(e.Days))
	}
	if e.Severity == ir.SeverityWarning {
		d = append(d, jen.Id("Severity").Op(":").Qual(contractPath, "Warning"))
	}
	d = append(d, jen.Id("Source").Op(":").Lit(e.Ref))
	return jen.Values(d...)
}
