package gen

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/world"
	"github.com/paygen/paygen/schemac/ir"
	"github.com/paygen/paygen/schemac/load"
)

// column builds a checked-looking column for fragment tests.
func column(name, goName, source string, t ir.Type) *ir.Column {
	src, ok := world.SourceByName(source)
	if !ok {
		panic("unknown source " + source)
	}
	return &ir.Column{Name: name, GoName: goName, FillFunc: "fill" + goName, Type: t, Source: src}
}

func TestFieldFragments(t *testing.T) {
	mcc := column("mcc_code", "MCCCode", "merchant.mcc", ir.Type{Kind: ir.String})
	mcc.Nullable, mcc.NullRate, mcc.Encoding = true, 0.05, ir.EncodingDict
	amount := column("amount", "Amount", "txn.amount", ir.Type{Kind: ir.Decimal, Precision: 12, Scale: 2})
	amount.Encoding = ir.EncodingPlain
	at := column("event_time", "EventTime", "txn.time", ir.Type{Kind: ir.Timestamp})
	at.Encoding = ir.EncodingDelta
	lat := column("latitude", "Latitude", "merchant.latitude", ir.Type{Kind: ir.Double})
	lat.Nullable, lat.NullRate, lat.NullGroup = true, 0.01, "geo"
	flag := column("three_ds", "ThreeDS", "txn.three_ds", ir.Type{Kind: ir.Boolean})

	for _, tc := range []struct {
		col  *ir.Column
		want string
	}{
		{mcc, "MCCCode *string `parquet:\"mcc_code,optional,dict\"`"},
		{amount, "Amount int64 `parquet:\"amount,decimal(2:12),plain\"`"},
		{at, "EventTime int64 `parquet:\"event_time,timestamp(microsecond),delta\"`"},
		{lat, "Latitude *float64 `parquet:\"latitude,optional\"`"},
		{flag, "ThreeDS bool `parquet:\"three_ds\"`"},
	} {
		// A field alone is not Go source: render it inside a struct type.
		got := fmt.Sprintf("%#v", jen.Struct(field(tc.col)))
		assert.Equal(t, "struct {\n\t"+tc.want+"\n}", got, tc.col.Name)
	}
	assert.Equal(t, "struct {\n\t// Column latitude: double from merchant.latitude, null at rate 0.01 with group geo.\n\tLatitude *float64 `parquet:\"latitude,optional\"`\n}",
		fmt.Sprintf("%#v", jen.Struct(fieldDoc(lat), field(lat))))
}

func TestFillFragments(t *testing.T) {
	s := &ir.Schema{Table: ir.Table{GoType: "Payment"}}
	brand := column("card_brand", "CardBrand", "card.brand", ir.Type{Kind: ir.String})
	mcc := column("mcc_code", "MCCCode", "merchant.mcc", ir.Type{Kind: ir.String})
	mcc.Nullable, mcc.NullRate = true, 0.05
	lon := column("longitude", "Longitude", "merchant.longitude", ir.Type{Kind: ir.Double})
	lon.Nullable, lon.NullRate, lon.NullGroup = true, 0.01, "geo"
	scen := column("fraud_scenario", "FraudScenario", "fraud.scenario", ir.Type{Kind: ir.String})
	scen.Nullable = true

	assert.Equal(t, `// fillCardBrand fills card_brand from card.brand.
func fillCardBrand(b *world.Block, rows []Payment) {
	v := b.CardBrand()[:len(rows)]
	for i := range rows {
		rows[i].CardBrand = v[i]
	}
}`, fmt.Sprintf("%#v", fillColumn(s, brand)))

	assert.Equal(t, `// fillMCCCode fills mcc_code from merchant.mcc, null at rate 0.05.
func fillMCCCode(b *world.Block, rows []Payment) {
	v := b.MerchantMCC()[:len(rows)]
	ok := b.Valid("mcc_code", 0.05)[:len(rows)]
	for i := range rows {
		if ok[i] {
			rows[i].MCCCode = &v[i]
		} else {
			rows[i].MCCCode = nil
		}
	}
}`, fmt.Sprintf("%#v", fillColumn(s, mcc)))

	// A grouped column draws validity under its group's key.
	assert.Contains(t, fmt.Sprintf("%#v", fillColumn(s, lon)), `ok := b.Valid("geo", 0.01)[:len(rows)]`)

	assert.Equal(t, `// fillFraudScenario fills fraud_scenario from fraud.scenario, null by construction.
func fillFraudScenario(b *world.Block, rows []Payment) {
	v, ok := b.FraudScenario()
	v, ok = v[:len(rows)], ok[:len(rows)]
	for i := range rows {
		if ok[i] {
			rows[i].FraudScenario = &v[i]
		} else {
			rows[i].FraudScenario = nil
		}
	}
}`, fmt.Sprintf("%#v", fillColumn(s, scen)))
}

func TestLiteralFragments(t *testing.T) {
	cfg := world.Config{
		WindowDays: 30,
		Card:       world.CardConfig{Brands: []world.Weighted{{Name: "a", Weight: 1}}},
		Fraud: world.FraudConfig{Rate: 0.003, CardTesting: world.CardTestingConfig{
			Episode: world.Episode{Share: 1, Rows: world.IntRange{Min: 6, Max: 16}},
		}},
	}
	assert.Equal(t, `world.Config{
	WindowDays: 30,
	Card: world.CardConfig{
		Brands: []world.Weighted{
			{Name: "a", Weight: 1},
		},
	},
	Fraud: world.FraudConfig{
		Rate: 0.003,
		CardTesting: world.CardTestingConfig{
			Episode: world.Episode{
				Share: 1,
				Rows: world.IntRange{
					Min: 6,
					Max: 16,
				},
			},
		},
	},
}`, fmt.Sprintf("%#v", literal(reflect.ValueOf(cfg), true)))
	assert.Equal(t, "world.Config{}", fmt.Sprintf("%#v", literal(reflect.ValueOf(world.Config{}), true)))
}

func TestWrap(t *testing.T) {
	assert.Equal(t, []string{"aa bb", "cc", "dddddddd", "e"}, wrap("aa bb cc dddddddd\ne", 5))
	assert.Equal(t, []string{""}, wrap("", 5))
}

func TestRenderShowsRawSourceOnFormatError(t *testing.T) {
	f := newFile(&ir.Schema{Path: "x.yaml"})
	f.Func().Id("broken").Params().Op("{{")
	_, err := render("broken_gen.go", f)
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "broken_gen.go: gofmt:")
		assert.Contains(t, err.Error(), "func broken () {{")
		assert.Contains(t, err.Error(), "   1  // Code generated by schemac from x.yaml. DO NOT EDIT.")
	}
}

func TestContractFragments(t *testing.T) {
	nan := math.NaN()
	amount := column("amount", "Amount", "txn.amount", ir.Type{Kind: ir.Decimal, Precision: 12, Scale: 2})
	assert.Equal(t, `struct{}{Name: "amount", Physical: "INT64", Logical: "DECIMAL(12,2)"}`,
		fmt.Sprintf("%#v", jen.Struct().Add(contractColumn(amount))))
	lat := column("latitude", "Latitude", "merchant.latitude", ir.Type{Kind: ir.Double})
	lat.Nullable = true
	assert.Equal(t, `struct{}{Name: "latitude", Physical: "DOUBLE", Nullable: true}`,
		fmt.Sprintf("%#v", jen.Struct().Add(contractColumn(lat))))

	for _, tc := range []struct {
		e    ir.Expectation
		want string
	}{
		{ir.Expectation{Kind: ir.Range, Column: "amount", Min: 0.01, Max: 9999999999.99, Pos: pos(114, 9), Ref: "amount.expect[1]"},
			`{Kind: contract.Range, Column: "amount", HasMin: true, Min: 0.01, HasMax: true, Max: 9999999999.99, Source: "amount.expect[1]"}`},
		{ir.Expectation{Kind: ir.Mean, Column: "amount", Min: 20, Max: 2000, Severity: ir.SeverityWarning, Pos: pos(1, 2), Ref: "amount.expect[2]"},
			`{Kind: contract.Mean, Column: "amount", HasMin: true, Min: 20, HasMax: true, Max: 2000, Severity: contract.Warning, Source: "amount.expect[2]"}`},
		{ir.Expectation{Kind: ir.InSet, Column: "card_type", Min: nan, Max: nan, Values: []string{"credit", "debit"}, Pos: pos(3, 4), Ref: "card_type.expect[0]"},
			`{Kind: contract.InSet, Column: "card_type", Values: []string{"credit", "debit"}, Source: "card_type.expect[0]"}`},
		{ir.Expectation{Kind: ir.InSet, Column: "currency", Min: nan, Max: nan, Set: "currencies", Pos: pos(3, 4), Ref: "currency.expect[0]"},
			`{Kind: contract.InSet, Column: "currency", Set: "currencies", Source: "currency.expect[0]"}`},
		{ir.Expectation{Kind: ir.TimeWindow, Column: "event_time", Min: nan, Max: nan, Days: 30, Pos: pos(5, 6), Ref: "event_time.expect[0]"},
			`{Kind: contract.TimeWindow, Column: "event_time", Days: 30, Source: "event_time.expect[0]"}`},
		{ir.Expectation{Kind: ir.RowCount, Min: 1, Max: nan, Pos: pos(7, 5), Ref: "rules[3]"},
			`{Kind: contract.RowCount, HasMin: true, Min: 1, Source: "rules[3]"}`},
		{ir.Expectation{Kind: ir.NullIff, Column: "fraud_scenario", Other: "label_fraud", Min: nan, Max: nan, Pos: pos(8, 5), Ref: "rules[0]"},
			`{Kind: contract.NullIff, Column: "fraud_scenario", Other: "label_fraud", Source: "rules[0]"}`},
	} {
		got := fmt.Sprintf("%#v", jen.Index().Qual(contractPath, "Expectation").Values(expectation(tc.e)))
		assert.Equal(t, "[]contract.Expectation{"+tc.want+"}", got)
	}

	// same_nulls over three columns becomes two pairwise expectations.
	pairs := splitRule(ir.Expectation{Kind: ir.SameNulls, Column: "a", Other: "b", Values: []string{"a", "b", "c"}})
	require.Len(t, pairs, 2)
	assert.Equal(t, [2]string{"a", "b"}, [2]string{pairs[0].Column, pairs[0].Other})
	assert.Equal(t, [2]string{"a", "c"}, [2]string{pairs[1].Column, pairs[1].Other})
}

func TestProfileRoles(t *testing.T) {
	for _, tc := range []struct {
		source string
		t      ir.Type
		want   string
	}{
		{"txn.id", ir.Type{Kind: ir.String}, "ID"},
		{"device.id", ir.Type{Kind: ir.String}, "ID"},
		{"txn.time", ir.Type{Kind: ir.Timestamp}, "Time"},
		{"txn.amount", ir.Type{Kind: ir.Decimal, Precision: 12, Scale: 2}, "Numeric"},
		{"merchant.latitude", ir.Type{Kind: ir.Double}, "Geo"},
		{"merchant.longitude", ir.Type{Kind: ir.Double}, "Geo"},
		{"txn.three_ds", ir.Type{Kind: ir.Boolean}, "Bool"},
		{"fraud.label", ir.Type{Kind: ir.Boolean}, "Target"},
		{"fraud.scenario", ir.Type{Kind: ir.String}, "Scenario"},
		{"merchant.mcc", ir.Type{Kind: ir.String}, "Category"},
	} {
		assert.Equal(t, tc.want, role(column("c", "C", tc.source, tc.t)), tc.source)
	}
	amount := column("amount", "Amount", "txn.amount", ir.Type{Kind: ir.Decimal, Precision: 12, Scale: 2})
	amount.Description = "Minor units."
	assert.Equal(t, `struct{}{Name: "amount", Role: profile.Numeric, Scale: 2, Description: "Minor units."}`,
		fmt.Sprintf("%#v", jen.Struct().Add(profileColumn(amount))))
}

func TestGroupImports(t *testing.T) {
	src := "package p\n\nimport (\n\t\"github.com/x/y\"\n\t\"math\"\n\tz \"example.com/z\"\n)\n"
	assert.Equal(t, "package p\n\nimport (\n\t\"math\"\n\n\t\"github.com/x/y\"\n\tz \"example.com/z\"\n)\n",
		string(groupImports([]byte(src))))
	single := "package p\n\nimport \"math\"\n"
	assert.Equal(t, single, string(groupImports([]byte(single))))
}

func pos(line, col int) load.Pos { return load.Pos{Line: line, Col: col} }
