package colscan

import (
	"fmt"

	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

// Column describes one top-level column of a file.
type Column struct {
	Name string
	// Physical is the Parquet physical type: BOOLEAN, INT32, INT64, INT96, FLOAT,
	// DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, or GROUP for a nested column.
	Physical string
	// Logical is the logical type, "" when there is none: STRING, ENUM, JSON,
	// TIMESTAMP(MICROS,UTC), TIMESTAMP(MILLIS), DECIMAL(12,2), DATE, INT(32,signed),
	// UUID, LIST, MAP, ... Legacy converted types are mapped to the same strings.
	Logical string
	// Optional is true for nullable columns.
	Optional bool
	// Repeated is true for repeated (list-like) leaf columns.
	Repeated bool
	// Nested is true for group columns (structs, lists, maps); they cannot be scanned.
	Nested bool
	// Scale and Precision are set for DECIMAL columns.
	Scale, Precision int
	// TimeUnit is MILLIS, MICROS or NANOS for TIMESTAMP and TIME columns.
	TimeUnit string
	// Length is the byte length of FIXED_LEN_BYTE_ARRAY values.
	Length int

	leaf int // index of the leaf column chunk, -1 for nested columns
}

// Type returns the logical type when there is one, else the physical type.
func (c Column) Type() string {
	if c.Logical != "" {
		return c.Logical
	}
	return c.Physical
}

// String renders the column as "name TYPE optional".
func (c Column) String() string {
	s := c.Name + " " + c.Type()
	switch {
	case c.Repeated:
		s += " repeated"
	case c.Optional:
		s += " optional"
	default:
		s += " required"
	}
	return s
}

// Scannable reports whether the column can be read with the Scan methods.
func (c Column) Scannable() bool { return !c.Nested && !c.Repeated }

// columnsOf walks the flattened footer schema (depth first) into top-level columns.
func columnsOf(schema []format.SchemaElement) ([]Column, error) {
	if len(schema) == 0 {
		return nil, fmt.Errorf("%w: empty schema", ErrCorrupt)
	}
	n, _ := schema[0].NumChildren.Get()
	pos, leaf := 1, 0
	cols := make([]Column, 0, n)
	for range n {
		if pos >= len(schema) {
			return nil, fmt.Errorf("%w: schema has fewer elements than declared", ErrCorrupt)
		}
		e := &schema[pos]
		c := Column{Name: e.Name, leaf: -1}
		rep, _ := e.RepetitionType.Get()
		c.Optional = rep == format.Optional
		c.Repeated = rep == format.Repeated
		if kids, ok := e.NumChildren.Get(); ok && kids > 0 || !e.Type.Valid {
			c.Nested = true
			c.Physical = "GROUP"
			c.Logical = logicalOf(e, &c)
			end, err := skipSubtree(schema, pos)
			if err != nil {
				return nil, err
			}
			leaf += countLeaves(schema[pos:end])
			pos = end
		} else {
			t, _ := e.Type.Get()
			c.Physical = t.String()
			c.Length = int(e.TypeLength.V)
			c.Logical = logicalOf(e, &c)
			c.leaf = leaf
			leaf++
			pos++
		}
		cols = append(cols, c)
	}
	return cols, nil
}

// skipSubtree returns the index just past the subtree rooted at pos.
func skipSubtree(schema []format.SchemaElement, pos int) (int, error) {
	todo := 1
	for todo > 0 {
		if pos >= len(schema) {
			return 0, fmt.Errorf("%w: schema has fewer elements than declared", ErrCorrupt)
		}
		kids, _ := schema[pos].NumChildren.Get()
		if kids < 0 {
			return 0, fmt.Errorf("%w: negative child count in schema", ErrCorrupt)
		}
		todo += int(kids) - 1
		pos++
	}
	return pos, nil
}

func countLeaves(sub []format.SchemaElement) int {
	n := 0
	for i := range sub {
		if kids, ok := sub[i].NumChildren.Get(); !ok || kids == 0 {
			n++
		}
	}
	return n
}

func logicalOf(e *format.SchemaElement, c *Column) string {
	switch t := e.LogicalType.Value.(type) {
	case nil:
	case *format.StringType:
		return "STRING"
	case *format.DecimalType:
		c.Scale, c.Precision = int(t.Scale), int(t.Precision)
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale)
	case *format.TimestampType:
		c.TimeUnit = t.Unit.String()
		if t.IsAdjustedToUTC {
			return "TIMESTAMP(" + c.TimeUnit + ",UTC)"
		}
		return "TIMESTAMP(" + c.TimeUnit + ")"
	case *format.TimeType:
		c.TimeUnit = t.Unit.String()
		if t.IsAdjustedToUTC {
			return "TIME(" + c.TimeUnit + ",UTC)"
		}
		return "TIME(" + c.TimeUnit + ")"
	case *format.IntType:
		if t.IsSigned {
			return fmt.Sprintf("INT(%d,signed)", t.BitWidth)
		}
		return fmt.Sprintf("INT(%d,unsigned)", t.BitWidth)
	default:
		return t.String()
	}
	ct, ok := e.ConvertedType.Get()
	if !ok {
		return ""
	}
	switch ct {
	case deprecated.UTF8:
		return "STRING"
	case deprecated.Enum:
		return "ENUM"
	case deprecated.Decimal:
		c.Scale, c.Precision = int(e.Scale.V), int(e.Precision.V)
		return fmt.Sprintf("DECIMAL(%d,%d)", c.Precision, c.Scale)
	case deprecated.Date:
		return "DATE"
	case deprecated.TimestampMillis:
		c.TimeUnit = "MILLIS"
		return "TIMESTAMP(MILLIS,UTC)"
	case deprecated.TimestampMicros:
		c.TimeUnit = "MICROS"
		return "TIMESTAMP(MICROS,UTC)"
	case deprecated.List:
		return "LIST"
	case deprecated.Map:
		return "MAP"
	case deprecated.Json:
		return "JSON"
	}
	return ""
}
