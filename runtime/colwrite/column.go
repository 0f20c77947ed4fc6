package colwrite

import (
	"fmt"

	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// Physical is a column's Parquet physical type.
type Physical uint8

// Physical types.
const (
	ByteArray Physical = iota
	Int64
	Double
	Boolean
)

var physicalNames = [...]string{"BYTE_ARRAY", "INT64", "DOUBLE", "BOOLEAN"}

func (p Physical) String() string {
	if int(p) < len(physicalNames) {
		return physicalNames[p]
	}
	return fmt.Sprintf("Physical(%d)", p)
}

func (p Physical) format() format.Type {
	switch p {
	case ByteArray:
		return format.ByteArray
	case Int64:
		return format.Int64
	case Double:
		return format.Double
	default:
		return format.Boolean
	}
}

// Logical is a column's logical type annotation.
type Logical uint8

// Logical types.
const (
	None               Logical = iota
	String                     // BYTE_ARRAY, UTF-8
	TimestampMicrosUTC         // INT64, microseconds since the epoch, UTC
	Decimal                    // INT64 unscaled value, with Column.Precision and Column.Scale
)

// Encoding is how a column's values are encoded in data pages.
type Encoding uint8

// Encodings.
const (
	// Plain writes values with the PLAIN encoding (any physical type).
	Plain Encoding = iota
	// Dict writes a PLAIN dictionary page per row group and RLE_DICTIONARY
	// data pages (BYTE_ARRAY, INT64, DOUBLE). Fill BYTE_ARRAY columns with
	// Keyed or, more slowly, Strings; DOUBLE columns with KeyedDouble or
	// Double; INT64 columns with Int64.
	Dict
	// Delta writes DELTA_BINARY_PACKED (INT64) or DELTA_BYTE_ARRAY
	// (BYTE_ARRAY) data pages.
	Delta
)

var encodingNames = [...]string{"PLAIN", "DICT", "DELTA"}

func (e Encoding) String() string {
	if int(e) < len(encodingNames) {
		return encodingNames[e]
	}
	return fmt.Sprintf("Encoding(%d)", e)
}

// Column describes one top-level (flat) column.
type Column struct {
	Name             string
	Physical         Physical
	Logical          Logical
	Precision, Scale int // Decimal only
	Optional         bool
	Encoding         Encoding
}

// Validate reports whether the column can be written.
func (c Column) Validate() error {
	if c.Name == "" {
		return fmt.Errorf("colwrite: column has no name")
	}
	if c.Physical > Boolean {
		return fmt.Errorf("colwrite: column %q: unknown physical type %d", c.Name, c.Physical)
	}
	switch c.Logical {
	case None:
	case String:
		if c.Physical != ByteArray {
			return fmt.Errorf("colwrite: column %q: STRING needs BYTE_ARRAY, not %s", c.Name, c.Physical)
		}
	case TimestampMicrosUTC:
		if c.Physical != Int64 {
			return fmt.Errorf("colwrite: column %q: TIMESTAMP needs INT64, not %s", c.Name, c.Physical)
		}
	case Decimal:
		if c.Physical != Int64 {
			return fmt.Errorf("colwrite: column %q: DECIMAL needs INT64, not %s", c.Name, c.Physical)
		}
		if c.Precision < 1 || c.Precision > 18 || c.Scale < 0 || c.Scale > c.Precision {
			return fmt.Errorf("colwrite: column %q: bad DECIMAL(%d,%d) for INT64", c.Name, c.Precision, c.Scale)
		}
	default:
		return fmt.Errorf("colwrite: column %q: unknown logical type %d", c.Name, c.Logical)
	}
	switch c.Encoding {
	case Plain:
	case Dict:
		if c.Physical == Boolean {
			return fmt.Errorf("colwrite: column %q: dictionary encoding of BOOLEAN is not supported", c.Name)
		}
	case Delta:
		if c.Physical != ByteArray && c.Physical != Int64 {
			return fmt.Errorf("colwrite: column %q: delta encoding needs BYTE_ARRAY or INT64, not %s", c.Name, c.Physical)
		}
	default:
		return fmt.Errorf("colwrite: column %q: unknown encoding %d", c.Name, c.Encoding)
	}
	return nil
}

// Validate checks a list of columns: each one, and that names are unique.
func Validate(cols []Column) error {
	if len(cols) == 0 {
		return fmt.Errorf("colwrite: no columns")
	}
	seen := make(map[string]bool, len(cols))
	for _, c := range cols {
		if err := c.Validate(); err != nil {
			return err
		}
		if seen[c.Name] {
			return fmt.Errorf("colwrite: duplicate column %q", c.Name)
		}
		seen[c.Name] = true
	}
	return nil
}

// schemaElement is the column's leaf in the file schema.
func (c Column) schemaElement() format.SchemaElement {
	rep := format.Required
	if c.Optional {
		rep = format.Optional
	}
	e := format.SchemaElement{
		Type:           thrift.New(c.Physical.format()),
		RepetitionType: thrift.New(rep),
		Name:           c.Name,
	}
	switch c.Logical {
	case String:
		e.ConvertedType = thrift.New(deprecated.UTF8)
		e.LogicalType = format.LogicalType{Value: &format.StringType{}}
	case TimestampMicrosUTC:
		e.ConvertedType = thrift.New(deprecated.TimestampMicros)
		e.LogicalType = format.LogicalType{Value: &format.TimestampType{
			IsAdjustedToUTC: true,
			Unit:            format.TimeUnit{Value: &format.MicroSeconds{}},
		}}
	case Decimal:
		e.ConvertedType = thrift.New(deprecated.Decimal)
		e.Scale = thrift.New(int32(c.Scale))
		e.Precision = thrift.New(int32(c.Precision))
		e.LogicalType = format.LogicalType{Value: &format.DecimalType{
			Scale:     int32(c.Scale),
			Precision: int32(c.Precision),
		}}
	}
	return e
}
