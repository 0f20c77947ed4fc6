package ir

import (
	"math"

	"github.com/paygen/paygen/runtime/world"
	"github.com/paygen/paygen/schemac/load"
)

// kindOf is the world value kind a column type needs from its source.
func kindOf(t Type) (world.Kind, bool) {
	switch t.Kind {
	case String:
		return world.String, true
	case Timestamp:
		return world.Timestamp, true
	case Decimal:
		return world.Decimal2, t.Scale == 2
	case Double:
		return world.Float64, true
	case Boolean:
		return world.Bool, true
	}
	return 0, false
}

var kindNamesWorld = map[world.Kind]string{
	world.String: "string", world.Timestamp: "timestamp", world.Decimal2: "decimal(P,2)",
	world.Float64: "double", world.Bool: "boolean",
}

func (c *checker) columns(f *load.File, goType string) []*Column {
	if len(f.Columns) == 0 {
		c.errorf(f.Pos, "columns: at least one column is required")
		return nil
	}
	var out []*Column
	byName := map[string]*Column{}
	byGoName := map[string]*Column{}
	groups := map[string]*Column{} // first member of each null group
	for i := range f.Columns {
		lc := &f.Columns[i]
		col := c.column(i, lc)
		if col == nil {
			continue
		}
		if prev := byName[col.Name]; prev != nil {
			c.errorf(lc.Name.Pos, "column %q: duplicate column name (first at line %d)", col.Name, prev.Pos.Line)
			continue
		}
		byName[col.Name] = col
		if prev := byGoName[col.GoName]; prev != nil {
			c.errorf(lc.Name.Pos, "column %q: Go name %s collides with column %q", col.Name, col.GoName, prev.Name)
		} else if col.GoName == goType {
			c.errorf(lc.Name.Pos, "column %q: Go name %s collides with the row type", col.Name, col.GoName)
		}
		byGoName[col.GoName] = col
		if col.NullGroup != "" {
			if first := groups[col.NullGroup]; first == nil {
				groups[col.NullGroup] = col
			} else if first.NullRate != col.NullRate {
				c.errorf(lc.NullRate.Pos, "column %q: null_group %q has null_rate %s, but column %q has %s",
					col.Name, col.NullGroup, fmtNum(col.NullRate), first.Name, fmtNum(first.NullRate))
			}
		}
		out = append(out, col)
	}
	// A group name draws validity under the same key as a lone column of
	// that name would: they must not meet.
	for g, first := range groups {
		if other := byName[g]; other != nil && other.NullGroup != g && other.ByRate() {
			c.errorf(f.Columns[first.Index].NullGroup.Pos, "column %q: null_group %q is also the name of nullable column %q", first.Name, g, g)
		}
	}
	for i, col := range out {
		col.Index = i
	}
	c.generators(out)
	return out
}

// column checks one column entry; it returns nil when the entry has no usable name.
func (c *checker) column(i int, lc *load.Column) *Column {
	if !lc.Name.Set {
		c.errorf(lc.Pos, "column %d: name is required", i+1)
		return nil
	}
	name := lc.Name.V
	if !snakeName.MatchString(name) {
		c.errorf(lc.Name.Pos, "column %q: name is not snake_case ([a-z][a-z0-9]* words joined by _)", name)
		return nil
	}
	if name == PartitionYear || name == PartitionMonth {
		c.errorf(lc.Name.Pos, "column %q: name is taken by a partition column of the S3 layout and the Athena table (%s=YYYY/%s=MM)",
			name, PartitionYear, PartitionMonth)
	}
	col := &Column{
		Index:       i,
		Name:        name,
		GoName:      GoName(name),
		Description: lc.Description.V,
		Pos:         lc.Pos,
	}
	col.FillFunc = "fill" + col.GoName
	typeOK := false
	if !lc.Type.Set {
		c.errorf(lc.Pos, "column %q: type is required", name)
	} else {
		col.Type, typeOK = c.parseType(name, lc.Type)
	}
	srcOK := false
	switch {
	case lc.Generate != nil && lc.Source.Set:
		c.errorf(lc.Source.Pos, "column %q: a column has a source or a generate block, not both", name)
	case lc.Generate != nil:
		col.Gen = &Gen{load: lc.Generate}
	case !lc.Source.Set:
		c.errorf(lc.Pos, "column %q: source (or generate) is required", name)
	}
	if col.Gen != nil {
		col.Gen.typeOK = typeOK
	}
	if lc.Source.Set && lc.Generate == nil {
		if src, ok := world.SourceByName(lc.Source.V); !ok {
			c.errorf(lc.Source.Pos, "column %q: unknown source %q", name, lc.Source.V)
		} else {
			col.Source, srcOK = src, true
		}
	}
	if typeOK && srcOK {
		if want, ok := kindOf(col.Type); !ok || want != col.Source.Kind {
			c.errorf(lc.Source.Pos, "column %q: source %q gives %s values, but the column type is %s",
				name, col.Source.Name, kindNamesWorld[col.Source.Kind], col.Type)
		}
	}
	c.nulls(col, lc, srcOK)
	if lc.Parquet != nil {
		c.encoding(col, lc.Parquet, typeOK)
	}
	if !col.Nullable {
		col.Expect = append(col.Expect, Expectation{Kind: NotNull, Column: name, Min: math.NaN(), Max: math.NaN(), Pos: lc.Pos, Ref: name + ".required"})
	}
	c.expects(col, lc.Expect, typeOK)
	return col
}

// nulls resolves null_rate and null_group.
func (c *checker) nulls(col *Column, lc *load.Column, srcOK bool) {
	if srcOK && col.Source.Natural {
		col.Nullable = true
		if lc.NullRate.Set {
			c.errorf(lc.NullRate.Pos, "column %q: source %q is null by construction; remove null_rate", col.Name, col.Source.Name)
		}
		if lc.NullGroup.Set {
			c.errorf(lc.NullGroup.Pos, "column %q: source %q is null by construction; remove null_group", col.Name, col.Source.Name)
		}
		return
	}
	if lc.NullRate.Set {
		col.Nullable = true
		col.HasRate = true
		col.NullRate = lc.NullRate.V
		c.unit("column \""+col.Name+"\": null_rate", lc.NullRate)
	}
	if lc.NullGroup.Set {
		switch {
		case !lc.NullRate.Set:
			c.errorf(lc.NullGroup.Pos, "column %q: null_group needs a null_rate", col.Name)
		case !snakeName.MatchString(lc.NullGroup.V):
			c.errorf(lc.NullGroup.Pos, "column %q: null_group %q is not snake_case", col.Name, lc.NullGroup.V)
		default:
			col.NullGroup = lc.NullGroup.V
		}
	}
}

// encoding resolves parquet.encoding and checks it suits the column type.
func (c *checker) encoding(col *Column, p *load.Parquet, typeOK bool) {
	if !p.Encoding.Set {
		return
	}
	e := Encoding(p.Encoding.V)
	switch e {
	case EncodingDict, EncodingPlain:
	case EncodingDelta:
		if typeOK && (col.Type.Kind == Double || col.Type.Kind == Boolean) {
			c.errorf(p.Encoding.Pos, "column %q: encoding delta does not apply to %s", col.Name, col.Type)
			return
		}
	case EncodingSplit:
		if typeOK && col.Type.Kind != Double {
			c.errorf(p.Encoding.Pos, "column %q: encoding split applies only to double", col.Name)
			return
		}
	default:
		c.errorf(p.Encoding.Pos, "column %q: unknown encoding %q (expected dict, delta, plain or split)", col.Name, p.Encoding.V)
		return
	}
	col.Encoding = e
}
