package load

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// Pos is a 1-based line:column position in the schema file.
type Pos struct{ Line, Col int }

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

// IsZero reports whether p is unset.
func (p Pos) IsZero() bool { return p.Line == 0 }

// Less orders positions by line, then column.
func (p Pos) Less(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// nodeDecoder is implemented by the leaf value types below.
type nodeDecoder interface {
	decodeNode(d *decoder, n *yaml.Node)
}

// Str is a string scalar.
type Str struct {
	V   string
	Pos Pos
	Set bool
}

func (s *Str) decodeNode(d *decoder, n *yaml.Node) {
	if d.scalar(n, "a string", "!!str") {
		*s = Str{V: n.Value, Pos: posOf(n), Set: true}
	}
}

// Int is an integer scalar.
type Int struct {
	V   int
	Pos Pos
	Set bool
}

func (v *Int) decodeNode(d *decoder, n *yaml.Node) {
	if !d.scalar(n, "an integer", "!!int") {
		return
	}
	var x int
	if err := n.Decode(&x); err != nil {
		d.errorf(n, "%q is not an integer", n.Value)
		return
	}
	*v = Int{V: x, Pos: posOf(n), Set: true}
}

// Float is a number (integer or decimal) scalar.
type Float struct {
	V   float64
	Pos Pos
	Set bool
}

func (v *Float) decodeNode(d *decoder, n *yaml.Node) {
	if !d.scalar(n, "a number", "!!int", "!!float") {
		return
	}
	var x float64
	if err := n.Decode(&x); err != nil {
		d.errorf(n, "%q is not a number", n.Value)
		return
	}
	*v = Float{V: x, Pos: posOf(n), Set: true}
}

// Bool is a boolean scalar.
type Bool struct {
	V   bool
	Pos Pos
	Set bool
}

func (v *Bool) decodeNode(d *decoder, n *yaml.Node) {
	if !d.scalar(n, "true or false", "!!bool") {
		return
	}
	var x bool
	if err := n.Decode(&x); err != nil {
		d.errorf(n, "%q is not true or false", n.Value)
		return
	}
	*v = Bool{V: x, Pos: posOf(n), Set: true}
}

// IntRange is an inclusive [min, max] pair of integers.
type IntRange struct {
	Min, Max Int
	Pos      Pos
	Set      bool
}

func (r *IntRange) decodeNode(d *decoder, n *yaml.Node) {
	items, ok := d.pair(n, "[min, max]")
	if !ok {
		return
	}
	var lo, hi Int
	lo.decodeNode(d, items[0])
	hi.decodeNode(d, items[1])
	*r = IntRange{Min: lo, Max: hi, Pos: posOf(n), Set: lo.Set && hi.Set}
}

// OptFloat is a number or null (an open bound).
type OptFloat struct {
	V    float64
	Null bool
	Pos  Pos
}

// Bounds is a [min, max] pair of numbers where either end may be null.
type Bounds struct {
	Min, Max OptFloat
	Pos      Pos
	Set      bool
}

func (b *Bounds) decodeNode(d *decoder, n *yaml.Node) {
	items, ok := d.pair(n, "[min, max]")
	if !ok {
		return
	}
	var ends [2]OptFloat
	good := true
	for i, it := range items {
		ends[i].Pos = posOf(it)
		if it.Kind == yaml.ScalarNode && it.Tag == "!!null" {
			ends[i].Null = true
			continue
		}
		var f Float
		f.decodeNode(d, it)
		good = good && f.Set
		ends[i].V = f.V
	}
	if good {
		*b = Bounds{Min: ends[0], Max: ends[1], Pos: posOf(n), Set: true}
	}
}

// StrSeq is a sequence of strings.
type StrSeq struct {
	Items []Str
	Pos   Pos
	Set   bool
}

func (s *StrSeq) decodeNode(d *decoder, n *yaml.Node) {
	if !d.kind(n, yaml.SequenceNode, "a list of strings") {
		return
	}
	out := StrSeq{Pos: posOf(n), Set: true}
	for _, it := range n.Content {
		var x Str
		x.decodeNode(d, it)
		if x.Set {
			out.Items = append(out.Items, x)
		}
	}
	*s = out
}

// StrOrSeq is either one string (a named set) or a sequence of strings.
type StrOrSeq struct {
	Name  Str    // set when the value is a string
	Items StrSeq // set when the value is a sequence
	Pos   Pos
	Set   bool
}

func (s *StrOrSeq) decodeNode(d *decoder, n *yaml.Node) {
	n = d.deref(n)
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.SequenceNode:
		s.Items.decodeNode(d, n)
	default:
		s.Name.decodeNode(d, n)
	}
	s.Pos, s.Set = posOf(n), s.Name.Set || s.Items.Set
}

// Weight is one name: weight entry of a Weights mapping.
type Weight struct {
	Name    string
	NamePos Pos
	Value   Float
}

// Weights is a mapping of outcome names to weights, in file order.
type Weights struct {
	Items []Weight
	Pos   Pos
	Set   bool
}

func (w *Weights) decodeNode(d *decoder, n *yaml.Node) {
	if !d.kind(n, yaml.MappingNode, "a mapping of name: weight") {
		return
	}
	out := Weights{Pos: posOf(n), Set: true}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var name Str
		name.decodeNode(d, k)
		if !name.Set {
			continue
		}
		if seen[name.V] {
			d.errorf(k, "duplicate key %q", name.V)
			continue
		}
		seen[name.V] = true
		wt := Weight{Name: name.V, NamePos: name.Pos}
		wt.Value.decodeNode(d, v)
		out.Items = append(out.Items, wt)
	}
	*w = out
}

// kind checks that n (after alias rejection) has kind k.
func (d *decoder) kind(n *yaml.Node, k yaml.Kind, want string) bool {
	if n = d.deref(n); n == nil {
		return false
	}
	if n.Kind != k {
		d.errorf(n, "expected %s, found %s", want, describe(n))
		return false
	}
	return true
}

// scalar checks that n is a scalar with one of the given tags.
func (d *decoder) scalar(n *yaml.Node, want string, tags ...string) bool {
	if !d.kind(n, yaml.ScalarNode, want) {
		return false
	}
	for _, t := range tags {
		if n.Tag == t {
			return true
		}
	}
	d.errorf(n, "expected %s, found %s", want, describe(n))
	return false
}

// pair checks that n is a two-element flow or block sequence.
func (d *decoder) pair(n *yaml.Node, want string) ([]*yaml.Node, bool) {
	if !d.kind(n, yaml.SequenceNode, want) {
		return nil, false
	}
	if len(n.Content) != 2 {
		d.errorf(n, "expected %s, found a list of %d", want, len(n.Content))
		return nil, false
	}
	return n.Content, true
}

// deref rejects aliases (the language has no anchors) and returns n.
func (d *decoder) deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		d.errorf(n, "aliases are not supported")
		return nil
	}
	return n
}

// describe names what a node is, for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "null"
	case "!!str":
		return strconv.Quote(n.Value)
	}
	return n.Value
}
