package learn

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paygen/paygen/runtime/colscan"
)

// Columns beyond Row's (a schema's declared columns, issue 15) are read as colscan cells
// beside the row. The Analyzer keeps the current row's cells in cur; the extra columns'
// accessors read them there, as every check reads a row while Add holds it.

// ExtraColumn is a column of the file beyond Row's that the leak checks cover: its name and
// type (string, int64, decimal, timestamp, double or boolean), scored like a raw column of
// that type, and a rule family when it has few values (see ruleValueLimit).
type ExtraColumn struct {
	Name string
	Type string
}

// extraType is the leak checks' type of a file column: string, timestamp, decimal,
// int64, double or boolean ("" for a column they cannot read).
func extraType(c colscan.Column) string {
	switch {
	case c.Nested || c.Repeated:
		return ""
	case c.Physical == "BYTE_ARRAY" || c.Physical == "FIXED_LEN_BYTE_ARRAY":
		return "string"
	case c.Physical == "BOOLEAN":
		return "boolean"
	case c.Physical == "DOUBLE" || c.Physical == "FLOAT":
		return "double"
	case c.Physical != "INT64" && c.Physical != "INT32":
		return ""
	case strings.HasPrefix(c.Logical, "TIMESTAMP") && c.TimeUnit == "MICROS":
		return "timestamp"
	case c.Scale > 0:
		return "decimal"
	}
	return "int64"
}

// extraRaw is the raw column of extra column k (of type typ), reading the cells at *cur.
func extraRaw(name, typ string, k int, cur *[]colscan.Cell) rawColumn {
	rc := rawColumn{name: name, typ: typ}
	switch typ {
	case "string":
		rc.str = func(*Row) (string, bool) { c := &(*cur)[k]; return c.Str, !c.Null }
	case "boolean":
		rc.num = func(*Row) (float64, bool) { c := &(*cur)[k]; return float64(b2f(c.Bool)), !c.Null }
	case "double":
		rc.num = func(*Row) (float64, bool) {
			c := &(*cur)[k]
			return c.Float, !c.Null && !math.IsNaN(c.Float)
		}
	default: // int64, decimal, timestamp
		rc.num = func(*Row) (float64, bool) { c := &(*cur)[k]; return float64(c.Int), !c.Null }
	}
	return rc
}

// extraFamily is the rule family of extra column k, or nil for a type with no families
// (doubles, timestamps, decimals with a fraction: quantities, not categories).
func extraFamily(name, typ string, k int, cur *[]colscan.Cell) (*family, func() string) {
	var value func(c *colscan.Cell) string
	switch typ {
	case "string":
		value = func(c *colscan.Cell) string { return c.Str }
	case "boolean":
		value = func(c *colscan.Cell) string { return strconv.FormatBool(c.Bool) }
	case "int64":
		value = func(c *colscan.Cell) string { return strconv.FormatInt(c.Int, 10) }
	default:
		return nil, nil
	}
	f := openFamily(name)
	f.limit = ruleValueLimit
	return f, func() string {
		c := &(*cur)[k]
		if c.Null {
			return nullValue
		}
		return value(c)
	}
}

// ruleValueLimit is the most values an extra column's rule family may have: more, and the
// column is left out of the rules (an identifier or a quantity; the pair table grows with
// the square of the conditions). The payments table's largest family, mcc_code, has 261.
const ruleValueLimit = 300

// resolveExtra returns the ExtraColumns of the file's columns named in names.
func resolveExtra(file []colscan.Column, names []string) ([]ExtraColumn, []int, error) {
	var out []ExtraColumn
	var cols []int
	for _, n := range names {
		i := -1
		for j, c := range file {
			if c.Name == n {
				i = j
			}
		}
		if i < 0 {
			return nil, nil, fmt.Errorf("missing column %s", n)
		}
		t := extraType(file[i])
		if t == "" {
			return nil, nil, fmt.Errorf("column %s has type %s, which the leak checks do not read", n, file[i].Type())
		}
		out = append(out, ExtraColumn{Name: n, Type: t})
		cols = append(cols, i)
	}
	return out, cols, nil
}
