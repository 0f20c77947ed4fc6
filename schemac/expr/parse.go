// Package expr parses and type-checks the derived-column expressions of the schema language (`generate: {expr: …}`) into a typed tree that schemac compiles to Go.
package expr

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is the kind of a node.
type Kind uint8

// Node kinds.
const (
	Lit    Kind = iota // a number, string or boolean literal
	Ident              // a column name
	Unary              // Op X
	Binary             // X Op Y
	Call               // Name(Args…)
)

// Node is one node of an expression. Off is its byte offset in the source.
type Node struct {
	Kind Kind
	Op   string  // Unary, Binary: the operator
	Name string  // Ident: the column; Call: the function
	Args []*Node // Unary: [X]; Binary: [X, Y]; Call: the arguments
	Lit  Value   // Lit: the value
	Off  int
	Type Type // set by Check
}

// Value is a literal value.
type Value struct {
	Type Type
	Int  int64
	Num  float64
	Str  string
	Bool bool
}

// Error is a parse or type error at a byte offset of the expression.
type Error struct {
	Off int
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Off, e.Msg) }

// MaxDepth bounds the nesting of an expression (a parser recursion guard).
const MaxDepth = 64

type parser struct {
	toks  []token
	i     int
	depth int
}

// Parse parses src into a tree.
func Parse(src string) (n *Node, err error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	n, err = p.expr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, &Error{Off: t.off, Msg: fmt.Sprintf("unexpected %s", t)}
	}
	return n, nil
}

// Binary operators by precedence (higher binds tighter).
var precedence = map[string]int{
	"||": 1, "&&": 2,
	"==": 3, "!=": 3,
	"<": 4, "<=": 4, ">": 4, ">=": 4,
	"+": 5, "-": 5,
	"*": 6, "/": 6, "%": 6,
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

// expr parses a binary expression whose operators bind tighter than min.
func (p *parser) expr(min int) (*Node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > MaxDepth {
		return nil, &Error{Off: p.peek().off, Msg: fmt.Sprintf("expression nested deeper than %d", MaxDepth)}
	}
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		prec, ok := precedence[t.text]
		if t.kind != tOp || !ok || prec <= min {
			return x, nil
		}
		p.next()
		y, err := p.expr(prec)
		if err != nil {
			return nil, err
		}
		x = &Node{Kind: Binary, Op: t.text, Args: []*Node{x, y}, Off: t.off}
	}
}

func (p *parser) unary() (*Node, error) {
	t := p.peek()
	if t.kind == tOp && (t.text == "-" || t.text == "!") {
		p.next()
		p.depth++
		defer func() { p.depth-- }()
		if p.depth > MaxDepth {
			return nil, &Error{Off: t.off, Msg: fmt.Sprintf("expression nested deeper than %d", MaxDepth)}
		}
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Unary, Op: t.text, Args: []*Node{x}, Off: t.off}, nil
	}
	return p.primary()
}

func (p *parser) primary() (*Node, error) {
	t := p.next()
	switch t.kind {
	case tInt:
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return nil, &Error{Off: t.off, Msg: fmt.Sprintf("integer %s out of range", t.text)}
		}
		return &Node{Kind: Lit, Lit: Value{Type: Int, Int: v}, Off: t.off}, nil
	case tNum:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return nil, &Error{Off: t.off, Msg: fmt.Sprintf("number %s out of range", t.text)}
		}
		return &Node{Kind: Lit, Lit: Value{Type: Num, Num: v}, Off: t.off}, nil
	case tStr:
		return &Node{Kind: Lit, Lit: Value{Type: Str, Str: t.text}, Off: t.off}, nil
	case tIdent:
		switch t.text {
		case "true", "false":
			return &Node{Kind: Lit, Lit: Value{Type: Bool, Bool: t.text == "true"}, Off: t.off}, nil
		}
		if p.peek().kind == tOp && p.peek().text == "(" {
			p.next()
			return p.call(t)
		}
		return &Node{Kind: Ident, Name: t.text, Off: t.off}, nil
	case tOp:
		if t.text == "(" {
			x, err := p.expr(0)
			if err != nil {
				return nil, err
			}
			if c := p.next(); c.kind != tOp || c.text != ")" {
				return nil, &Error{Off: c.off, Msg: fmt.Sprintf("expected ), found %s", c)}
			}
			return x, nil
		}
	}
	return nil, &Error{Off: t.off, Msg: fmt.Sprintf("unexpected %s", t)}
}

// call parses the arguments of name( … ).
func (p *parser) call(name token) (*Node, error) {
	n := &Node{Kind: Call, Name: name.text, Off: name.off}
	if t := p.peek(); t.kind == tOp && t.text == ")" {
		p.next()
		return n, nil
	}
	for {
		x, err := p.expr(0)
		if err != nil {
			return nil, err
		}
		n.Args = append(n.Args, x)
		t := p.next()
		if t.kind == tOp && t.text == ")" {
			return n, nil
		}
		if t.kind != tOp || t.text != "," {
			return nil, &Error{Off: t.off, Msg: fmt.Sprintf("expected , or ) in the arguments of %s, found %s", name.text, t)}
		}
	}
}

// String prints n in a canonical, fully parenthesised form that Parse reads
// back into the same tree.
func (n *Node) String() string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

func (n *Node) write(b *strings.Builder) {
	switch n.Kind {
	case Lit:
		switch n.Lit.Type {
		case Int:
			b.WriteString(strconv.FormatInt(n.Lit.Int, 10))
		case Num:
			s := strconv.FormatFloat(n.Lit.Num, 'g', -1, 64)
			if !strings.ContainsAny(s, ".eEn") {
				s += ".0"
			}
			b.WriteString(s)
		case Str:
			b.WriteString(quote(n.Lit.Str))
		case Bool:
			b.WriteString(strconv.FormatBool(n.Lit.Bool))
		}
	case Ident:
		b.WriteString(n.Name)
	case Unary:
		b.WriteString("(" + n.Op)
		n.Args[0].write(b)
		b.WriteString(")")
	case Binary:
		b.WriteString("(")
		n.Args[0].write(b)
		b.WriteString(" " + n.Op + " ")
		n.Args[1].write(b)
		b.WriteString(")")
	case Call:
		b.WriteString(n.Name + "(")
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			a.write(b)
		}
		b.WriteString(")")
	}
}

// quote writes s as a string literal of the language ("…" with \" and \\).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}
