package gen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/paygen/paygen/schemac/expr"
	"github.com/paygen/paygen/schemac/ir"
)

const (
	declPath = "github.com/paygen/paygen/runtime/decl"
	rngPath  = "github.com/paygen/paygen/runtime/rng"
)

// declaredFile emits declared_gen.go when the schema declares columns
// (generate:): for each, its tables (categorical alias tables, values,
// Zipf ranks) and gen function, which draws the block's values into a
// typed slice; write_gen.go and fill_gen.go call them. nil when there are
// none, so a schema of source columns only renders no such file.
func declaredFile(s *ir.Schema) *jen.File {
	if len(s.Order()) == 0 {
		return nil
	}
	f := newFile(s)
	f.ImportName(declPath, "decl")
	f.ImportName(rngPath, "rng")
	for _, c := range s.Columns {
		if c.Gen == nil {
			continue
		}
		for _, code := range declaredColumn(c) {
			f.Line()
			f.Add(code)
		}
	}
	return f
}

// Names of a declared column's generated identifiers.
func genFunc(c *ir.Column) string    { return "gen" + c.GoName }
func memoVar(c *ir.Column) string    { return "memo" + c.GoName }
func cachedFunc(c *ir.Column) string { return "cached" + c.GoName }
func validFunc(c *ir.Column) string  { return "valid" + c.GoName }
func valsVar(c *ir.Column) string    { return "vals" + c.GoName }
func fmtFunc(c *ir.Column) string    { return "format" + c.GoName }
func wordsFunc(c *ir.Column) string  { return "words" + c.GoName }

// suffix names a variant in identifiers: "" (base), Fraud, CardTesting.
func suffix(v *ir.Variant) string { return ir.GoName(v.Label) }

// isWords reports whether c is an entity name drawn from word lists.
func isWords(c *ir.Column) bool { return c.Gen != nil && c.Gen.Base.Kind == "words" }

// isCat reports whether c is a categorical column.
func isCat(c *ir.Column) bool { return c.Gen != nil && c.Gen.Base.Kind == "categorical" }

// storage is the Go element type of a declared column's gen slice: a
// string categorical is its value index.
func storage(c *ir.Column) string {
	if isCat(c) && c.Type.Kind == ir.String {
		return "uint16"
	}
	switch c.Type.Kind {
	case ir.String:
		return "string"
	case ir.Boolean:
		return "bool"
	case ir.Double:
		return "float64"
	}
	return "int64"
}

// poolOf is the decl scratch pool of a storage type.
func poolOf(t string) string {
	return map[string]string{"uint16": "Uint16s", "string": "Strings", "bool": "Bools", "float64": "Float64s", "int64": "Int64s"}[t]
}

// needsArena reports whether c's gen function formats strings.
func needsArena(c *ir.Column) bool {
	if c.Gen == nil || c.Gen.Base.Kind != "expr" {
		return false
	}
	for _, v := range c.Gen.Variants() {
		if hasFormat(v.Expr) {
			return true
		}
	}
	return false
}

func hasFormat(n *expr.Node) bool {
	if n.Kind == expr.Call && n.Name == "format" {
		return true
	}
	for _, a := range n.Args {
		if hasFormat(a) {
			return true
		}
	}
	return false
}

// genParams emits (b *world.Block, out []T[, ar *decl.Arena]).
func genParams(c *ir.Column) *jen.Statement {
	ps := []jen.Code{jen.Id("b").Op("*").Qual(worldPath, "Block"), jen.Id("out").Index().Id(storage(c))}
	if needsArena(c) {
		ps = append(ps, jen.Id("ar").Op("*").Qual(declPath, "Arena"))
	}
	return jen.Params(ps...)
}

// declaredColumn emits the tables and functions of one declared column.
func declaredColumn(c *ir.Column) []jen.Code {
	var out []jen.Code
	g := c.Gen
	if isCat(c) {
		out = append(out, valuesVar(c))
		if c.Type.Kind == ir.String {
			out = append(out, jen.Commentf("%s renders a value index of %s.", fmtFunc(c), c.Name).Line().
				Func().Id(fmtFunc(c)).Params(jen.Id("dst").Index().Byte(), jen.Id("k").Uint64()).Index().Byte().Block(
				jen.Return(jen.Append(jen.Id("dst"), jen.Id(valsVar(c)).Index(jen.Id("k")).Op("..."))),
			))
		}
	}
	for _, v := range g.Variants() {
		switch v.Kind {
		case "categorical":
			out = append(out, catVar(c, v))
			if v.By != nil {
				out = append(out, byFunc(c, v))
			}
		case "poisson":
			out = append(out, jen.Commentf("poisson%s%s draws counts of mean %s for %s.", c.GoName, suffix(v), num(v.A), c.Name).Line().
				Var().Id("poisson"+c.GoName+suffix(v)).Op("=").Qual(declPath, "NewPoisson").Call(jen.Lit(v.A)))
		case "zipf":
			out = append(out, jen.Commentf("zipf%s%s ranks 1..%d of %s.", c.GoName, suffix(v), v.N, c.Name).Line().Var().Id("zipf"+c.GoName+suffix(v)).Op("=").Qual(declPath, "NewZipf").Call(jen.Lit(v.N), jen.Lit(v.B)))
		}
	}
	if len(g.Scenarios) > 0 || g.Fraud != nil {
		out = append(out, variantFunc(c))
	}
	if isWords(c) {
		out = append(out, wordsFn(c))
	} else {
		out = append(out, genFn(c))
	}
	if g.Read {
		out = append(out, memoFn(c)...)
	}
	if c.Nullable {
		out = append(out, validFn(c))
	}
	return out
}

// valuesVar emits var valsX = []T{…}: the categorical outcomes, as the
// storage type (decimals in minor units).
func valuesVar(c *ir.Column) jen.Code {
	var items []jen.Code
	var elem string
	for _, v := range c.Gen.Values {
		switch c.Type.Kind {
		case ir.String:
			elem = "string"
			items = append(items, jen.Lit(v.Str))
		case ir.Boolean:
			elem = "bool"
			items = append(items, jen.Lit(v.Bool))
		case ir.Double:
			elem = "float64"
			items = append(items, jen.Lit(v.Num))
		default:
			elem = "int64"
			items = append(items, jen.Lit(scaled(v.Num, c.Type.Scale)))
		}
	}
	return jen.Commentf("%s are the values of %s, by index.", valsVar(c), c.Name).Line().
		Var().Id(valsVar(c)).Op("=").Index().Id(elem).Values(items...)
}

func scaled(v float64, scale int) int64 {
	p := 1.0
	for range scale {
		p *= 10
	}
	x := v * p
	if x < 0 {
		return int64(x - 0.5)
	}
	return int64(x + 0.5)
}

// catVar emits var catXSuffix = []*decl.Categorical{…}, one alias table per
// weight table of the variant.
func catVar(c *ir.Column, v *ir.Variant) jen.Code {
	var tables []jen.Code
	for _, t := range v.Tables {
		var ws []jen.Code
		for _, w := range t {
			ws = append(ws, jen.Lit(w))
		}
		tables = append(tables, jen.Qual(declPath, "NewCategorical").Call(jen.Index().Float64().Values(ws...)))
	}
	name := "cat" + c.GoName + suffix(v)
	what := "the weights"
	if v.Label != "" {
		what = "the " + v.Label + " override's weights"
	}
	return jen.Commentf("%s holds %s of %s, one alias table per weight table.", name, what, c.Name).Line().
		Var().Id(name).Op("=").Index().Op("*").Qual(declPath, "Categorical").
		CustomFunc(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, func(g *jen.Group) {
			for _, t := range tables {
				g.Add(t)
			}
		})
}

// byFunc emits the function choosing a variant's weight table from the
// value of its by column:
//
//	func byChannel(v string) int {
//		switch v {
//		case "ecommerce":
//			return 0
//		}
//		return 1
//	}
func byFunc(c *ir.Column, v *ir.Variant) jen.Code {
	by := v.By
	argType := "string"
	switch {
	case isCat(by) && by.Type.Kind == ir.String:
		argType = "uint16"
	case by.Type.Kind == ir.Boolean:
		argType = "bool"
	}
	var cases []jen.Code
	for t, w := range v.When {
		var lit jen.Code
		switch argType {
		case "uint16":
			idx := 0
			for k, x := range by.Gen.Values {
				if x == w {
					idx = k
				}
			}
			lit = jen.Lit(idx)
		case "bool":
			lit = jen.Lit(w.Bool)
		default:
			lit = jen.Lit(w.Str)
		}
		cases = append(cases, jen.Case(lit).Block(jen.Return(jen.Lit(t))))
	}
	name := "by" + c.GoName + suffix(v)
	return jen.Commentf("%s is the weight table of %s for a value of %s.", name, c.Name, by.Name).Line().
		Func().Id(name).Params(jen.Id("v").Id(argType)).Int().Block(
		jen.Switch(jen.Id("v")).Block(cases...),
		jen.Return(jen.Lit(len(v.Tables)-1)),
	)
}

// variantFunc emits the function mapping a scenario name to the variant its
// fraud rows draw from (0 base, 1 fraud, 2… scenarios in order).
func variantFunc(c *ir.Column) jen.Code {
	g := c.Gen
	def := 0
	if g.Fraud != nil {
		def = 1
	}
	var cases []jen.Code
	for i, v := range g.Scenarios {
		cases = append(cases, jen.Case(jen.Lit(v.Label)).Block(jen.Return(jen.Lit(2+i))))
	}
	body := []jen.Code{}
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("name")).Block(cases...))
	}
	body = append(body, jen.Return(jen.Lit(def)))
	return jen.Commentf("variant%s is the variant of %s drawn on the fraud rows of a scenario.", c.GoName, c.Name).Line().
		Func().Id("variant" + c.GoName).Params(jen.Id("name").String()).Uint8().Block(body...)
}

// wordsFn emits the dictionary formatter of an entity name: the key is the
// entity id, the name a function of it.
func wordsFn(c *ir.Column) jen.Code {
	var lists []jen.Code
	for _, w := range c.Gen.Base.Words {
		lists = append(lists, jen.Qual(declPath, "WordList").Call(jen.Lit(w)))
	}
	return jen.Commentf("%s returns the formatter of %s: one name per %s id.", wordsFunc(c), c.Name, c.Gen.Per).Line().
		Func().Id(wordsFunc(c)).Params(jen.Id("b").Op("*").Qual(worldPath, "Block")).
		Func().Params(jen.Index().Byte(), jen.Uint64()).Index().Byte().Block(
		jen.Id("ek").Op(":=").Qual(declPath, "EntityKey").Call(jen.Id("b").Dot("EntityKey").Call(), jen.Lit(c.Gen.Per), jen.Lit(c.Name)),
		jen.Id("lists").Op(":=").Index().Index().String().Values(lists...),
		jen.Return(jen.Func().Params(jen.Id("dst").Index().Byte(), jen.Id("k").Uint64()).Index().Byte().Block(
			jen.Return(jen.Qual(declPath, "Words").Call(jen.Id("dst"), jen.Qual(rngPath, "At").Call(jen.Id("ek"), jen.Id("k")), jen.Id("lists").Op("..."))),
		)),
	)
}

// entityIDs is the Block method giving each row's id of an entity kind.
var entityIDs = map[string]string{"customer": "CustomerIDKeys", "card": "CardIDKeys", "merchant": "MerchantIDKeys", "device": "DeviceKeys"}

// depVar is the local variable holding a dependency's values.
func depVar(d *ir.Column) string { return "c" + d.GoName }

// depSetup emits the statement that makes a dependency's values available
// as depVar(d) before the row loop: a source method call, or the
// dependency's values drawn once per block (cachedX, memoFn).
func depSetup(d *ir.Column) []jen.Code {
	v := depVar(d)
	switch {
	case d.Gen != nil:
		return []jen.Code{jen.Id(v).Op(":=").Id(cachedFunc(d)).Call(jen.Id("b"))}
	case d.Source.Natural:
		return []jen.Code{jen.List(jen.Id(v), jen.Id("_")).Op(":=").Id("b").Dot(d.Source.Method).Call()}
	}
	return []jen.Code{jen.Id(v).Op(":=").Id("b").Dot(d.Source.Method).Call()}
}

// memoFn emits the per-block memo of a column other declared columns read,
// e.g.
//
//	// memoChannel holds channel's values for each block (decl.Memo).
//	var memoChannel decl.Memo[world.Block, uint16]
//
//	// cachedChannel returns channel's values for block b, drawn once per block.
//	func cachedChannel(b *world.Block) []uint16 {
//		return memoChannel.Get(b, b.First(), b.Len(), func(out []uint16, ar *decl.Arena) {
//			genChannel(b, out)
//		})
//	}
func memoFn(c *ir.Column) []jen.Code {
	args := []jen.Code{jen.Id("b"), jen.Id("out")}
	if needsArena(c) {
		args = append(args, jen.Id("ar"))
	}
	t := jen.Id(storage(c))
	return []jen.Code{
		jen.Commentf("%s holds %s's values for each block (decl.Memo).", memoVar(c), c.Name).Line().
			Var().Id(memoVar(c)).Qual(declPath, "Memo").Types(jen.Qual(worldPath, "Block"), t),
		jen.Commentf("%s returns %s's values for block b, drawn once per block.", cachedFunc(c), c.Name).Line().
			Func().Id(cachedFunc(c)).Params(jen.Id("b").Op("*").Qual(worldPath, "Block")).Index().Id(storage(c)).Block(
			jen.Return(jen.Id(memoVar(c)).Dot("Get").Call(jen.Id("b"), jen.Id("b").Dot("First").Call(), jen.Id("b").Dot("Len").Call(),
				jen.Func().Params(jen.Id("out").Index().Id(storage(c)), jen.Id("ar").Op("*").Qual(declPath, "Arena")).Block(
					jen.Id(genFunc(c)).Call(args...),
				))),
		),
	}
}

// genFn emits a declared column's gen function, e.g.
//
//	// genChannel draws channel (generate categorical) for block b into out.
//	func genChannel(b *world.Block, out []uint16) {
//		key := decl.ColumnKey(b.DeclaredKey(), "channel")
//		row := uint64(b.First())
//		for i := range out {
//			out[i] = catChannel[0].Pick(rng.At(key, row+uint64(i)))
//		}
//	}
func genFn(c *ir.Column) jen.Code {
	g := c.Gen
	var body []jen.Code
	for _, d := range g.Deps {
		body = append(body, depSetup(d)...)
	}
	usesKey := g.Base.Kind != "expr"
	if usesKey {
		if g.Per != "" {
			body = append(body,
				jen.Id("ek").Op(":=").Qual(declPath, "EntityKey").Call(jen.Id("b").Dot("EntityKey").Call(), jen.Lit(g.Per), jen.Lit(c.Name)),
				jen.Id("ids").Op(":=").Id("b").Dot(entityIDs[g.Per]).Call())
		} else {
			body = append(body,
				jen.Id("key").Op(":=").Qual(declPath, "ColumnKey").Call(jen.Id("b").Dot("DeclaredKey").Call(), jen.Lit(c.Name)),
				jen.Id("row").Op(":=").Uint64().Call(jen.Id("b").Dot("First").Call()))
			for _, v := range g.Variants()[1:] {
				body = append(body, jen.Id("key"+suffix(v)).Op(":=").Qual(declPath, "OverrideKey").Call(jen.Id("key"), jen.Lit(v.Label)))
			}
		}
	}
	body = append(body, kernelSetup(c)...)
	if usesWindow(c) {
		body = append(body, jen.List(jen.Id("ws"), jen.Id("we")).Op(":=").Id("b").Dot("WindowMicros").Call(),
			jen.Id("_").Op(",").Id("_").Op("=").List(jen.Id("ws"), jen.Id("we")))
	}
	if g.Anchor == "event_time" {
		body = append(body, jen.Id("tt").Op(":=").Id("b").Dot("TxnTime").Call())
	}
	overrides := len(g.Variants()) > 1
	if overrides {
		body = append(body,
			jen.Id("fraud").Op(":=").Id("b").Dot("FraudLabel").Call(),
			jen.List(jen.Id("scen"), jen.Id("_")).Op(":=").Id("b").Dot("FraudScenarioKeys").Call(),
			jen.Var().Id("variant").Index(jen.Lit(256)).Uint8(),
			jen.For(jen.List(jen.Id("k"), jen.Id("name")).Op(":=").Range().Id("b").Dot("ScenarioNames").Call()).Block(
				jen.Id("variant").Index(jen.Id("k")).Op("=").Id("variant"+c.GoName).Call(jen.Id("name")),
			))
	}
	var loop []jen.Code
	if overrides {
		var cases []jen.Code
		for i, v := range g.Variants() {
			idx := i
			if g.Fraud == nil && i > 0 {
				idx = i + 1
			}
			cases = append(cases, jen.Case(jen.Lit(idx)).Block(jen.Id("out").Index(jen.Id("i")).Op("=").Add(variantValue(c, v))))
		}
		loop = []jen.Code{
			jen.Id("v").Op(":=").Uint8().Call(jen.Lit(0)),
			jen.If(jen.Id("fraud").Index(jen.Id("i"))).Block(jen.Id("v").Op("=").Id("variant").Index(jen.Id("scen").Index(jen.Id("i")))),
			jen.Switch(jen.Id("v")).Block(cases...),
		}
	} else {
		loop = []jen.Code{jen.Id("out").Index(jen.Id("i")).Op("=").Add(variantValue(c, g.Base))}
	}
	body = append(body, jen.For(jen.Id("i").Op(":=").Range().Id("out")).Block(loop...))
	return jen.Commentf("%s draws %s (%s) for block b into out.", genFunc(c), c.Name, c.Origin()).Line().
		Func().Id(genFunc(c)).Add(genParams(c)).Block(body...)
}

// usesWindow reports whether c's gen function reads the window.
func usesWindow(c *ir.Column) bool {
	g := c.Gen
	if g.Anchor == "window_start" || g.Anchor == "window_end" {
		return true
	}
	for _, v := range g.Variants() {
		if v.Expr != nil && callsWindow(v.Expr) {
			return true
		}
	}
	return false
}

func callsWindow(n *expr.Node) bool {
	if n.Kind == expr.Call && (n.Name == "window_start" || n.Name == "window_end") {
		return true
	}
	for _, a := range n.Args {
		if callsWindow(a) {
			return true
		}
	}
	return false
}

// draw emits the variant's 64 random bits for row i: rng.At(keyV, row+i),
// or rng.At(ek, id) for an entity attribute (the id-th value of the
// attribute's stream: one hash per row).
func draw(c *ir.Column, v *ir.Variant) *jen.Statement {
	if c.Gen.Per != "" {
		return jen.Qual(rngPath, "At").Call(jen.Id("ek"), jen.Uint64().Call(jen.Id("ids").Index(jen.Id("i"))))
	}
	return jen.Qual(rngPath, "At").Call(jen.Id("key"+suffix(v)), jen.Id("row").Op("+").Uint64().Call(jen.Id("i")))
}

// variantValue emits the storage value of row i drawn by variant v.
func variantValue(c *ir.Column, v *ir.Variant) jen.Code {
	g := c.Gen
	switch v.Kind {
	case "expr":
		return exprStore(c, v.Expr)
	case "categorical":
		table := jen.Code(jen.Lit(0))
		if v.By != nil {
			table = jen.Id("by" + c.GoName + suffix(v)).Call(byValue(v.By))
		}
		pick := jen.Id("cat" + c.GoName + suffix(v)).Index(table).Dot("Pick").Call(draw(c, v))
		if c.Type.Kind == ir.String {
			return pick
		}
		return jen.Id(valsVar(c)).Index(pick)
	}
	var x *jen.Statement
	d := draw(c, v)
	switch {
	case v == g.Base && hasKernel(v):
		x = kernelValue(v)
	case v.Kind == "uniform":
		x = jen.Qual(declPath, "Uniform").Call(d, jen.Lit(v.A), jen.Lit(v.B))
	case v.Kind == "normal":
		x = jen.Qual(declPath, "Normal").Call(d, jen.Lit(v.A), jen.Lit(v.B))
	case v.Kind == "lognormal":
		x = jen.Qual(declPath, "LogNormal").Call(d, jen.Lit(v.A), jen.Lit(v.B))
	case v.Kind == "exponential":
		x = jen.Qual(declPath, "Exponential").Call(d, jen.Lit(v.A))
	case v.Kind == "poisson":
		x = jen.Id("poisson" + c.GoName + suffix(v)).Dot("Draw").Call(d)
	case v.Kind == "zipf":
		x = jen.Id("zipf" + c.GoName + suffix(v)).Dot("Rank").Call(d)
	}
	if g.HasClamp {
		x = jen.Qual(declPath, "Clamp").Call(x, jen.Lit(g.Clamp[0]), jen.Lit(g.Clamp[1]))
	}
	if g.HasRound {
		x = roundCode(x, g.Round)
	}
	switch c.Type.Kind {
	case ir.Decimal:
		return scaledCode(x, c.Type.Scale)
	case ir.Timestamp:
		anchor := map[string]jen.Code{"window_start": jen.Id("ws"), "window_end": jen.Id("we"), "event_time": jen.Id("tt").Index(jen.Id("i"))}[g.Anchor]
		return jen.Add(anchor).Op("+").Qual(declPath, "Int").Call(jen.Lit(g.Sign * g.UnitMicros()).Op("*").Add(x))
	}
	return x
}

// byValue emits row i's value of a by column, as its byFunc takes it.
func byValue(by *ir.Column) jen.Code { return jen.Id(depVar(by)).Index(jen.Id("i")) }

// validFn emits the null mask of a nullable declared column: its own
// null_rate draw and the masks of the nullable columns its expression reads.
func validFn(c *ir.Column) jen.Code {
	body := []jen.Code{}
	first := true
	and := func(mask jen.Code) {
		if first {
			body = append(body, jen.Copy(jen.Id("out"), mask))
			first = false
			return
		}
		body = append(body, jen.For(jen.List(jen.Id("i"), jen.Id("ok")).Op(":=").Range().Add(mask)).Block(
			jen.Id("out").Index(jen.Id("i")).Op("=").Id("out").Index(jen.Id("i")).Op("&&").Id("ok")))
	}
	if c.HasRate {
		and(jen.Id("b").Dot("Valid").Call(jen.Lit(c.NullKey()), jen.Lit(c.NullRate)))
	}
	for _, d := range c.Gen.NullFrom {
		switch {
		case d.Gen != nil:
			buf := "m" + d.GoName
			body = append(body,
				jen.Id(buf).Op(":=").Qual(declPath, "Bools").Dot("Get").Call(jen.Len(jen.Id("out"))),
				jen.Id(validFunc(d)).Call(jen.Id("b"), jen.Op("*").Id(buf)))
			and(jen.Op("*").Id(buf))
			body = append(body, jen.Qual(declPath, "Bools").Dot("Put").Call(jen.Id(buf)))
		case d.Source.Natural:
			body = append(body, jen.List(jen.Id("_"), jen.Id("m"+d.GoName)).Op(":=").Id("b").Dot(d.Source.Method).Call())
			and(jen.Id("m" + d.GoName))
		default:
			and(jen.Id("b").Dot("Valid").Call(jen.Lit(d.NullKey()), jen.Lit(d.NullRate)))
		}
	}
	var why []string
	if c.HasRate {
		why = append(why, fmt.Sprintf("null at rate %s", num(c.NullRate)))
	}
	for _, d := range c.Gen.NullFrom {
		why = append(why, "null where "+d.Name+" is")
	}
	return jen.Commentf("%s sets out[i] when %s is present on row i (%s).", validFunc(c), c.Name, strings.Join(why, ", ")).Line().
		Func().Id(validFunc(c)).Params(jen.Id("b").Op("*").Qual(worldPath, "Block"), jen.Id("out").Index().Bool()).Block(body...)
}
