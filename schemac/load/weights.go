package load

import "gopkg.in/yaml.v3"

// ValueWeight is one value: weight entry of a categorical's weights. The
// value is any scalar (a string, number or boolean), kept as written; ir
// reads it as the column's type.
type ValueWeight struct {
	Value    string
	Tag      string // YAML tag of the value: !!str, !!int, !!float, !!bool
	ValuePos Pos
	Weight   Float
}

// ValueWeights is a mapping of values to weights, in file order.
type ValueWeights struct {
	Items []ValueWeight
	Pos   Pos
	Set   bool
}

func (w *ValueWeights) decodeNode(d *decoder, n *yaml.Node) {
	out := ValueWeights{Pos: posOf(n)}
	out.Set = d.scalarKeys(n, "a mapping of value: weight", func(k, v *yaml.Node) {
		it := ValueWeight{Value: k.Value, Tag: k.Tag, ValuePos: posOf(k)}
		it.Weight.decodeNode(d, v)
		out.Items = append(out.Items, it)
	})
	if out.Set {
		*w = out
	}
}

// WeightTable is the weights of one value of a categorical's `by` column.
type WeightTable struct {
	When    string
	WhenPos Pos
	Weights ValueWeights
}

// WeightTables maps values of the `by` column to weight tables, in file order.
type WeightTables struct {
	Items []WeightTable
	Pos   Pos
	Set   bool
}

func (t *WeightTables) decodeNode(d *decoder, n *yaml.Node) {
	out := WeightTables{Pos: posOf(n)}
	out.Set = d.scalarKeys(n, "a mapping of value: {value: weight}", func(k, v *yaml.Node) {
		it := WeightTable{When: k.Value, WhenPos: posOf(k)}
		it.Weights.decodeNode(d, v)
		out.Items = append(out.Items, it)
	})
	if out.Set {
		*t = out
	}
}

// scalarKeys calls each for every entry of the mapping n whose key is a
// scalar (string, number or boolean), in file order, reporting other keys and
// duplicates. It reports whether n is a mapping.
func (d *decoder) scalarKeys(n *yaml.Node, want string, each func(k, v *yaml.Node)) bool {
	if !d.kind(n, yaml.MappingNode, want) {
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !d.scalar(k, "a value", "!!str", "!!int", "!!float", "!!bool") {
			continue
		}
		if seen[k.Value] {
			d.errorf(k, "duplicate value %q", k.Value)
			continue
		}
		seen[k.Value] = true
		each(k, v)
	}
	return true
}
