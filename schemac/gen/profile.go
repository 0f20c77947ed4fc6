package gen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/ir"
)

const profilePath = "github.com/paygen/paygen/runtime/profile"

// Sources with a special meaning to the profiler.
const (
	sourceFraudLabel      = "fraud.label"
	sourceFraudScenario   = "fraud.scenario"
	sourceMerchantCountry = "merchant.country"
)

// profileFile emits profile_gen.go:
//
//	var ProfileSpec = &profile.Spec{
//		Table:           "payments",
//		Target:          "label_fraud",
//		Scenario:        "fraud_scenario",
//		LocalTimeColumn: "merchant_country",
//		Columns: []profile.ColumnSpec{
//			{Name: "transaction_id", Role: profile.ID, Description: "…"},
//			{Name: "amount", Role: profile.Numeric, Scale: 2},
//			…
//		},
//	}
func profileFile(s *ir.Schema) *jen.File {
	f := newFile(s)
	f.ImportName(profilePath, "profile")
	cols := make([]jen.Code, len(s.Columns))
	for i, c := range s.Columns {
		cols[i] = profileColumn(c)
	}
	fields := []jen.Code{jen.Id("Table").Op(":").Lit(s.Table.Name)}
	for _, sp := range []struct{ field, source string }{
		{"Target", sourceFraudLabel},
		{"Scenario", sourceFraudScenario},
		{"LocalTimeColumn", sourceMerchantCountry},
	} {
		if c := s.ColumnBySource(sp.source); c != nil {
			fields = append(fields, jen.Id(sp.field).Op(":").Lit(c.Name))
		}
	}
	fields = append(fields, jen.Id("Columns").Op(":").Index().Qual(profilePath, "ColumnSpec").Add(lines(cols)))
	f.Add(comment(fmt.Sprintf("ProfileSpec tells the profiler how to treat each column of table %s.", s.Table.Name)))
	f.Var().Id("ProfileSpec").Op("=").Op("&").Qual(profilePath, "Spec").Add(lines(fields))
	return f
}

// profileColumn emits {Name: "amount", Role: profile.Numeric, Scale: 2, Description: "…"}.
func profileColumn(c *ir.Column) jen.Code {
	d := []jen.Code{
		jen.Id("Name").Op(":").Lit(c.Name),
		jen.Id("Role").Op(":").Qual(profilePath, role(c)),
	}
	if c.Type.Kind == ir.Decimal && c.Type.Scale != 0 {
		d = append(d, jen.Id("Scale").Op(":").Lit(c.Type.Scale))
	}
	if c.Description != "" {
		d = append(d, jen.Id("Description").Op(":").Lit(c.Description))
	}
	return jen.Values(d...)
}

// role is the profile.Role constant for a column, from its source and type:
// fraud.label → Target, fraud.scenario → Scenario, *.id → ID,
// *.latitude/*.longitude → Geo, timestamp → Time, decimal/double → Numeric,
// boolean → Bool, other strings → Category.
func role(c *ir.Column) string {
	src := c.Source.Name
	switch {
	case src == sourceFraudLabel:
		return "Target"
	case src == sourceFraudScenario:
		return "Scenario"
	case strings.HasSuffix(src, ".id"):
		return "ID"
	case strings.HasSuffix(src, ".latitude"), strings.HasSuffix(src, ".longitude"):
		return "Geo"
	}
	switch c.Type.Kind {
	case ir.Timestamp:
		return "Time"
	case ir.Decimal, ir.Double:
		return "Numeric"
	case ir.Boolean:
		return "Bool"
	}
	return "Category"
}
