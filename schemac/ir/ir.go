// Package ir resolves and checks a loaded schema into the intermediate
// representation the emitters read: typed columns bound to world sources,
// Go names, Parquet options, expectations and the world configuration.
package ir

import (
	"fmt"
	"strings"

	"github.com/paygen/paygen/runtime/world"
	"github.com/paygen/paygen/schemac/load"
)

// Schema is a checked schema, ready for the emitters.
type Schema struct {
	Path        string // schema file relative to the module root
	Fingerprint string // first 16 hex digits of the SHA-256 of the file
	Table       Table
	Config      world.Config
	Columns     []*Column
	Rules       []Expectation // table-level checks, in file order
}

// Table names the table.
type Table struct {
	Name        string
	GoType      string // Go row struct name
	FilePrefix  string
	Description string
}

// The Hive partition columns of the S3 layout, PREFIX/year=YYYY/month=MM/ (the
// dataset date), which the Athena table declares beside the schema's columns:
// no column may take these names.
const (
	PartitionYear  = "year"
	PartitionMonth = "month"
)

// Column returns the column called name, or nil.
func (s *Schema) Column(name string) *Column {
	for _, c := range s.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// ColumnBySource returns the first column fed by the named source, or nil.
func (s *Schema) ColumnBySource(source string) *Column {
	for _, c := range s.Columns {
		if c.Source.Name == source {
			return c
		}
	}
	return nil
}

// TypeKind is a column's logical type.
type TypeKind uint8

// Column types of the schema language.
const (
	String TypeKind = iota
	Timestamp
	Decimal
	Double
	Boolean
)

// Type is a column type; Precision and Scale are set for Decimal.
type Type struct {
	Kind             TypeKind
	Precision, Scale int
}

func (t Type) String() string {
	switch t.Kind {
	case String:
		return "string"
	case Timestamp:
		return "timestamp"
	case Decimal:
		return fmt.Sprintf("decimal(%d,%d)", t.Precision, t.Scale)
	case Double:
		return "double"
	case Boolean:
		return "boolean"
	}
	return fmt.Sprintf("TypeKind(%d)", t.Kind)
}

// Numeric reports whether values of t have an order and a mean.
func (t Type) Numeric() bool { return t.Kind == Decimal || t.Kind == Double }

// Encoding is a Parquet column encoding option.
type Encoding string

// Encodings of the schema language ("" means the writer's default).
const (
	EncodingDefault Encoding = ""
	EncodingDict    Encoding = "dict"
	EncodingDelta   Encoding = "delta"
	EncodingPlain   Encoding = "plain"
	EncodingSplit   Encoding = "split"
)

// Column is one column: its type, the world source it is filled from and
// how it becomes null.
type Column struct {
	Index       int    // position in the table, from 0
	Name        string // snake_case column name
	GoName      string // exported Go field name (TransactionID, MCCCode)
	FillFunc    string // name of the generated fill function (fillMCCCode)
	Type        Type
	Source      world.SourceInfo
	Nullable    bool    // optional in Parquet: a null_rate is set or the source is natural
	NullRate    float64 // share of nulls drawn for a nullable-by-rate column
	HasRate     bool    // null_rate is set: nulls are drawn at NullRate
	Gen         *Gen    // the declared generator (generate:); nil for a source column
	NullGroup   string  // columns of one group are null together; "" when alone
	Encoding    Encoding
	Description string
	Expect      []Expectation // a required column starts with an implicit NotNull
	Pos         load.Pos
}

// ByRate reports whether the column is made null by drawing at NullRate.
func (c *Column) ByRate() bool { return c.HasRate }

// Declared reports whether the column is generated from a generate: block.
func (c *Column) Declared() bool { return c.Gen != nil }

// Label reports whether the column is the fraud label or is known only with it: a fraud.*
// source (the label, the scenario, the report time) or a declared column that reads one.
// Analyses score no such column as a feature (learnability's label columns).
func (c *Column) Label() bool {
	if c.Gen == nil {
		return strings.HasPrefix(c.Source.Name, "fraud.")
	}
	for _, d := range c.Gen.Deps {
		if d.Label() {
			return true
		}
	}
	return false
}

// Origin names where the column's values come from, for comments: the
// source (merchant.mcc) or the generator (generate categorical per customer).
func (c *Column) Origin() string {
	if c.Gen == nil {
		return c.Source.Name
	}
	s := "generate " + c.Gen.Base.Kind
	if c.Gen.Per != "" {
		s += " per " + c.Gen.Per
	}
	if c.Gen.Fraud != nil || len(c.Gen.Scenarios) > 0 {
		s += " with fraud overrides"
	}
	return s
}

// IndexConst is the name of the generated constant holding the column's
// position (colMCCCode): generated code names positions instead of writing
// them, so that a new column shifts no numbers.
func (c *Column) IndexConst() string { return "col" + c.GoName }

// NullKey is the key under which the column's validity is drawn: the null
// group, or the column name when the column is not in a group.
func (c *Column) NullKey() string {
	if c.NullGroup != "" {
		return c.NullGroup
	}
	return c.Name
}

// ParquetTag is the value of the column's `parquet:"…"` struct tag.
func (c *Column) ParquetTag() string {
	tag := c.Name
	if c.Nullable {
		tag += ",optional"
	}
	switch c.Type.Kind {
	case Timestamp:
		tag += ",timestamp(microsecond)"
	case Decimal:
		tag += fmt.Sprintf(",decimal(%d:%d)", c.Type.Scale, c.Type.Precision)
	}
	// parquet-go takes no delta option on a pointer field: the tag of a
	// nullable delta column leaves the encoding to colwrite's layout.
	if c.Encoding != EncodingDefault && !(c.Nullable && c.Encoding == EncodingDelta) {
		tag += "," + string(c.Encoding)
	}
	return tag
}

// ParquetPhysical is the column's Parquet physical type as readers name it:
// BYTE_ARRAY, INT64, DOUBLE or BOOLEAN.
func (c *Column) ParquetPhysical() string {
	switch c.Type.Kind {
	case String:
		return "BYTE_ARRAY"
	case Timestamp, Decimal:
		return "INT64"
	case Double:
		return "DOUBLE"
	case Boolean:
		return "BOOLEAN"
	}
	return ""
}

// ParquetLogical is the column's Parquet logical type as readers name it
// (STRING, TIMESTAMP(MICROS,UTC), DECIMAL(12,2)), or "" when it has none.
func (c *Column) ParquetLogical() string {
	switch c.Type.Kind {
	case String:
		return "STRING"
	case Timestamp:
		return "TIMESTAMP(MICROS,UTC)"
	case Decimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", c.Type.Precision, c.Type.Scale)
	}
	return ""
}
