package expr

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Type is the type of an expression value.
type Type uint8

// Expression types. Decimal and double columns read as Num (a float64 in
// the column's units); timestamps as Time (microseconds, UTC).
const (
	Invalid Type = iota
	Int
	Num
	Str
	Bool
	Time
)

func (t Type) String() string {
	return [...]string{"invalid", "integer", "number", "string", "boolean", "timestamp"}[t]
}

func numeric(t Type) bool { return t == Int || t == Num }

// Env resolves a column name to its type.
type Env func(name string) (Type, bool)

// Check types every node of n, resolving columns through env. It returns
// every error it finds, in source order.
func Check(n *Node, env Env) []*Error {
	c := &checker{env: env}
	c.node(n)
	sort.SliceStable(c.errs, func(i, j int) bool { return c.errs[i].Off < c.errs[j].Off })
	return c.errs
}

type checker struct {
	env  Env
	errs []*Error
}

func (c *checker) errorf(off int, format string, args ...any) {
	c.errs = append(c.errs, &Error{Off: off, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) node(n *Node) Type {
	n.Type = c.typeOf(n)
	return n.Type
}

func (c *checker) typeOf(n *Node) Type {
	switch n.Kind {
	case Lit:
		return n.Lit.Type
	case Ident:
		t, ok := c.env(n.Name)
		if !ok {
			c.errorf(n.Off, "unknown column %q", n.Name)
			return Invalid
		}
		return t
	case Unary:
		x := c.node(n.Args[0])
		switch {
		case x == Invalid:
			return Invalid
		case n.Op == "!" && x == Bool:
			return Bool
		case n.Op == "-" && numeric(x):
			return x
		}
		c.errorf(n.Off, "operator %s does not apply to %s", n.Op, x)
		return Invalid
	case Binary:
		return c.binary(n)
	case Call:
		return c.call(n)
	}
	return Invalid
}

func (c *checker) binary(n *Node) Type {
	x, y := c.node(n.Args[0]), c.node(n.Args[1])
	if x == Invalid || y == Invalid {
		return Invalid
	}
	switch n.Op {
	case "&&", "||":
		if x == Bool && y == Bool {
			return Bool
		}
	case "==", "!=":
		if x == y || numeric(x) && numeric(y) {
			return Bool
		}
	case "<", "<=", ">", ">=":
		if numeric(x) && numeric(y) || x == y && (x == Str || x == Time) {
			return Bool
		}
	case "+", "-", "*":
		if numeric(x) && numeric(y) {
			return unify(x, y)
		}
	case "/":
		if numeric(x) && numeric(y) {
			return Num // always a float division: no integer division by zero
		}
	case "%":
		if x == Int && y == Int {
			return Int
		}
	}
	c.errorf(n.Off, "operator %s does not apply to %s and %s", n.Op, x, y)
	return Invalid
}

// unify is the type of a value that is either x or y (both numeric or equal).
func unify(x, y Type) Type {
	if x == y {
		return x
	}
	return Num
}

// Sig is a function's fixed signature.
type Sig struct {
	args []Type
	res  Type
	doc  string
}

// Args is the argument types of a fixed signature.
func (s Sig) Args() []Type { return s.args }

// Result is the result type of a fixed signature.
func (s Sig) Result() Type { return s.res }

// Doc is a one-line description of the function.
func (s Sig) Doc() string { return s.doc }

// Funcs are the functions with fixed signatures; if, case, min, max and
// format are checked apart (Builtins lists them all, for the docs and errors).
var Funcs = map[string]Sig{
	"abs":          {[]Type{Num}, Num, "absolute value"},
	"floor":        {[]Type{Num}, Num, "largest whole number <= x"},
	"ceil":         {[]Type{Num}, Num, "smallest whole number >= x"},
	"round":        {[]Type{Num, Int}, Num, "round(x, n): x rounded to n decimals, half away from zero"},
	"sqrt":         {[]Type{Num}, Num, "square root"},
	"ln":           {[]Type{Num}, Num, "natural logarithm"},
	"exp":          {[]Type{Num}, Num, "e to the power x"},
	"int":          {[]Type{Num}, Int, "x truncated toward zero"},
	"float":        {[]Type{Num}, Num, "x as a number"},
	"hour":         {[]Type{Time}, Int, "hour of the day (UTC), 0..23"},
	"minute":       {[]Type{Time}, Int, "minute of the hour, 0..59"},
	"weekday":      {[]Type{Time}, Int, "ISO day of the week (UTC), 1 = Monday .. 7 = Sunday"},
	"day":          {[]Type{Time}, Int, "day of the month (UTC), 1..31"},
	"month":        {[]Type{Time}, Int, "month (UTC), 1..12"},
	"year":         {[]Type{Time}, Int, "calendar year (UTC)"},
	"date":         {[]Type{Time}, Time, "the timestamp truncated to midnight UTC"},
	"add_days":     {[]Type{Time, Num}, Time, "add_days(t, d): t plus d days (d may be fractional or negative)"},
	"days_between": {[]Type{Time, Time}, Num, "days_between(a, b): (b - a) in days"},
	"local_hour":   {[]Type{Time, Str}, Int, "local_hour(t, country): hour of t at the standard time of an ISO 3166 country (refdata)"},
	"usd":          {[]Type{Num, Str}, Num, "usd(amount, currency): amount in an ISO 4217 currency converted to US dollars at the refdata rate"},
	"window_start": {nil, Time, "first instant of the dataset's window"},
	"window_end":   {nil, Time, "end of the dataset's window (midnight UTC of --date)"},
}

// Builtins lists every function name, sorted.
func Builtins() []string {
	names := []string{"if", "case", "min", "max", "format"}
	for k := range Funcs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func (c *checker) call(n *Node) Type {
	var args []Type
	bad := false
	for _, a := range n.Args {
		t := c.node(a)
		bad = bad || t == Invalid
		args = append(args, t)
	}
	switch n.Name {
	case "if":
		if len(args) != 3 {
			c.errorf(n.Off, "if takes 3 arguments (condition, then, else), found %d", len(args))
			return Invalid
		}
		if bad {
			return Invalid
		}
		if args[0] != Bool {
			c.errorf(n.Args[0].Off, "the condition of if is %s, not boolean", args[0])
			return Invalid
		}
		return c.same(n, n.Args[1:], args[1:])
	case "case":
		if len(args) < 3 || len(args)%2 == 0 {
			c.errorf(n.Off, "case takes condition, value pairs and a final default value (an odd count >= 3), found %d arguments", len(args))
			return Invalid
		}
		if bad {
			return Invalid
		}
		var vals []*Node
		var vt []Type
		for i := 0; i+1 < len(args); i += 2 {
			if args[i] != Bool {
				c.errorf(n.Args[i].Off, "a condition of case is %s, not boolean", args[i])
				return Invalid
			}
			vals, vt = append(vals, n.Args[i+1]), append(vt, args[i+1])
		}
		vals, vt = append(vals, n.Args[len(args)-1]), append(vt, args[len(args)-1])
		return c.same(n, vals, vt)
	case "min", "max":
		if len(args) < 2 {
			c.errorf(n.Off, "%s takes at least 2 arguments, found %d", n.Name, len(args))
			return Invalid
		}
		if bad {
			return Invalid
		}
		t := args[0]
		for i, a := range args {
			if !numeric(a) {
				c.errorf(n.Args[i].Off, "%s takes numbers, not %s", n.Name, a)
				return Invalid
			}
			t = unify(t, a)
		}
		return t
	case "format":
		return c.format(n, args, bad)
	}
	s, ok := Funcs[n.Name]
	if !ok {
		c.errorf(n.Off, "unknown function %q (known: %s)", n.Name, strings.Join(Builtins(), ", "))
		return Invalid
	}
	if len(args) != len(s.args) {
		c.errorf(n.Off, "%s takes %d argument(s), found %d", n.Name, len(s.args), len(args))
		return Invalid
	}
	if bad {
		return Invalid
	}
	for i, want := range s.args {
		if args[i] != want && !(want == Num && args[i] == Int) {
			c.errorf(n.Args[i].Off, "argument %d of %s is %s, not %s", i+1, n.Name, args[i], want)
			return Invalid
		}
	}
	return s.res
}

// same checks that the alternatives of if/case have one type (numbers unify).
func (c *checker) same(n *Node, vals []*Node, ts []Type) Type {
	t := ts[0]
	for i, u := range ts[1:] {
		switch {
		case u == t:
		case numeric(u) && numeric(t):
			t = Num
		default:
			c.errorf(vals[i+1].Off, "the values of %s have different types: %s and %s", n.Name, t, u)
			return Invalid
		}
	}
	return t
}

// Piece is one part of a format string: literal text, or a verb taking the
// next argument: 's' (string), 'd' (integer, Width digits zero-padded when
// Zero), 'f' (number with Prec decimals).
type Piece struct {
	Text  string
	Verb  byte
	Width int
	Zero  bool
	Prec  int
}

// FormatPieces splits a format string into pieces: %s, %d, %Nd, %0Nd, %.Nf,
// %f (6 decimals) and %% are known.
func FormatPieces(f string) ([]Piece, error) {
	var out []Piece
	var text strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			text.WriteByte(f[i])
			continue
		}
		start := i
		i++
		if i < len(f) && f[i] == '%' {
			text.WriteByte('%')
			continue
		}
		p := Piece{Prec: -1}
		if i < len(f) && f[i] == '0' {
			p.Zero = true
			i++
		}
		j := i
		for i < len(f) && f[i] >= '0' && f[i] <= '9' {
			i++
		}
		if i > j {
			p.Width, _ = strconv.Atoi(f[j:i])
		}
		if i < len(f) && f[i] == '.' {
			i++
			j = i
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				i++
			}
			p.Prec, _ = strconv.Atoi(f[j:i])
		}
		if i >= len(f) {
			return nil, fmt.Errorf("format verb at %d is incomplete", start)
		}
		p.Verb = f[i]
		ok := p.Verb == 'd' && p.Prec < 0 && p.Width <= 20 ||
			p.Verb == 's' && p.Width == 0 && p.Prec < 0 && !p.Zero ||
			p.Verb == 'f' && p.Width == 0 && !p.Zero && p.Prec <= 12
		if !ok {
			return nil, fmt.Errorf("unknown format verb %q (known: %%s, %%d, %%Nd, %%0Nd, %%f, %%.Nf, %%%%)", f[start:i+1])
		}
		if p.Verb == 'f' && p.Prec < 0 {
			p.Prec = 6
		}
		if text.Len() > 0 {
			out = append(out, Piece{Text: text.String()})
			text.Reset()
		}
		out = append(out, p)
	}
	if text.Len() > 0 {
		out = append(out, Piece{Text: text.String()})
	}
	return out, nil
}

func (c *checker) format(n *Node, args []Type, bad bool) Type {
	if len(n.Args) == 0 || n.Args[0].Kind != Lit || n.Args[0].Lit.Type != Str {
		c.errorf(n.Off, "the first argument of format is a string literal")
		return Invalid
	}
	pieces, err := FormatPieces(n.Args[0].Lit.Str)
	if err != nil {
		c.errorf(n.Args[0].Off, "format: %v", err)
		return Invalid
	}
	for _, a := range n.Args[1:] {
		if containsFormat(a) {
			c.errorf(a.Off, "format: formats do not nest (format once, with more verbs)")
			return Invalid
		}
	}
	k := 1
	for _, p := range pieces {
		if p.Verb == 0 {
			continue
		}
		if k >= len(args) {
			c.errorf(n.Off, "format: the format string has more verbs than arguments (%d)", len(args)-1)
			return Invalid
		}
		want := map[byte]Type{'s': Str, 'd': Int, 'f': Num}[p.Verb]
		if args[k] != Invalid && args[k] != want && !(want == Num && args[k] == Int) {
			c.errorf(n.Args[k].Off, "format: %%%c takes %s, found %s", p.Verb, want, args[k])
			return Invalid
		}
		k++
	}
	if k != len(args) {
		c.errorf(n.Args[k].Off, "format: %d argument(s) left over after the verbs", len(args)-k)
		return Invalid
	}
	if bad {
		return Invalid
	}
	return Str
}

// Idents lists the column names n refers to, each once, in first-use order.
func Idents(n *Node) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(*Node)
	walk = func(n *Node) {
		if n.Kind == Ident && !seen[n.Name] {
			seen[n.Name] = true
			out = append(out, n.Name)
		}
		for _, a := range n.Args {
			walk(a)
		}
	}
	walk(n)
	return out
}

func containsFormat(n *Node) bool {
	if n.Kind == Call && n.Name == "format" {
		return true
	}
	for _, a := range n.Args {
		if containsFormat(a) {
			return true
		}
	}
	return false
}
