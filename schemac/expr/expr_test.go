package expr

import (
	"strings"
	"testing"
)

func env(name string) (Type, bool) {
	t, ok := map[string]Type{"amount": Num, "currency": Str, "event_time": Time, "fraud": Bool, "n": Int}[name]
	return t, ok
}

func TestParsePrecedence(t *testing.T) {
	for src, want := range map[string]string{
		"1 + 2 * 3":              "(1 + (2 * 3))",
		"(1 + 2) * 3":            "((1 + 2) * 3)",
		"a || b && !c":           "(a || (b && (!c)))",
		"-x - -2.5":              "((-x) - (-2.5))",
		"a < b == c >= d":        "((a < b) == (c >= d))",
		`f("a\"b", g(), 1e3)`:    `f("a\"b", g(), 1000.0)`,
		"10 % 3 / 2":             "((10 % 3) / 2)",
		"if(n > 1, 2.0, 3)":      "if((n > 1), 2.0, 3)",
		"  usd(amount,currency)": "usd(amount, currency)",
	} {
		n, err := Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := n.String(); got != want {
			t.Errorf("%s: got %s, want %s", src, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for src, want := range map[string]string{
		"1 +":                  "offset 3: unexpected end of expression",
		"(1":                   "offset 2: expected ), found end of expression",
		`"abc`:                 "offset 0: unterminated string",
		"1 $ 2":                `offset 2: unexpected character '$'`,
		"f(1 2)":               `offset 4: expected , or ) in the arguments of f, found "2"`,
		"12abc":                `offset 2: unexpected 'a' after a number`,
		"1 2":                  `offset 2: unexpected "2"`,
		"99999999999999999999": "offset 0: integer 99999999999999999999 out of range",
		strings.Repeat("(", 100) + "1" + strings.Repeat(")", 100): "nested deeper than 64",
	} {
		_, err := Parse(src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %s", src, err, want)
		}
	}
}

func TestCheck(t *testing.T) {
	for src, want := range map[string]Type{
		"usd(amount, currency)":                     Num,
		"local_hour(event_time, currency) >= 22":    Bool,
		"if(fraud, 1, 2.5)":                         Num,
		"case(n == 1, \"a\", n == 2, \"b\", \"c\")": Str,
		`format("T%06d-%s", n, currency)`:           Str,
		"n % 7 + 1":                                 Int,
		"n / 2":                                     Num,
		"add_days(window_start(), -n)":              Time,
		"max(n, 3, 4)":                              Int,
		"event_time < window_end() && !fraud":       Bool,
	} {
		n, err := Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if errs := Check(n, env); len(errs) > 0 {
			t.Errorf("%s: %v", src, errs)
		} else if n.Type != want {
			t.Errorf("%s: type %s, want %s", src, n.Type, want)
		}
	}
}

func TestCheckErrors(t *testing.T) {
	for src, want := range map[string]string{
		"nope + 1":               `offset 0: unknown column "nope"`,
		"frobnicate(1)":          `offset 0: unknown function "frobnicate"`,
		"amount + currency":      "offset 7: operator + does not apply to number and string",
		"if(n, 1, 2)":            "offset 3: the condition of if is integer, not boolean",
		"if(fraud, 1, \"x\")":    "offset 13: the values of if have different types: integer and string",
		"usd(currency, amount)":  "offset 4: argument 1 of usd is string, not number",
		`format("%d", currency)`: "offset 13: format: %d takes integer, found string",
		`format("%d %d", n)`:     "format string has more verbs than arguments",
		`format("%q", n)`:        `unknown format verb "%q"`,
		"hour(n, n)":             "hour takes 1 argument(s), found 2",
		"amount % 2":             "operator % does not apply to number and integer",
		"case(fraud, 1)":         "case takes condition, value pairs",
	} {
		n, err := Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		errs := Check(n, env)
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), want) {
			t.Errorf("%s: got %v, want %s", src, errs, want)
		}
	}
}

func TestFormatPieces(t *testing.T) {
	p, err := FormatPieces("T%06d/%s %.2f%%")
	if err != nil {
		t.Fatal(err)
	}
	if len(p) != 7 || p[6].Text != "%" || p[0].Text != "T" || p[1].Verb != 'd' || p[1].Width != 6 || !p[1].Zero ||
		p[2].Text != "/" || p[3].Verb != 's' || p[4].Text != " " || p[5].Verb != 'f' {
		t.Fatalf("%+v", p)
	}
}

// FuzzParse: the parser never panics, and what it accepts prints to a
// canonical form that parses back to the same form; the checker never
// panics on any parsed tree.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"usd(amount, currency)", "if(a > 1, \"x\", \"y\")", "-(-1) * 2.5e3 % 3",
		`format("%04d-%s", n, s)`, "case(a, 1, b, 2, 3)", "!a && b || c != d", "((((", "\"\\\"", "1e", ".5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n, err := Parse(src)
		if err != nil {
			return
		}
		s := n.String()
		m, err := Parse(s)
		if err != nil && strings.Contains(err.Error(), "nested deeper") {
			return // the parentheses of the canonical form may pass the depth limit
		}
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", src, s, err)
		}
		if m.String() != s {
			t.Fatalf("%q printed as %q, then as %q", src, s, m.String())
		}
		Check(n, env)
	})
}
