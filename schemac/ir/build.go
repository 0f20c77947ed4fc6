package ir

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"strconv"

	"github.com/paygen/paygen/schemac/load"
)

// checker collects errors while building the IR.
type checker struct {
	path string
	errs load.ErrorList
}

func (c *checker) errorf(pos load.Pos, format string, args ...any) {
	c.errs = append(c.errs, load.Error{Path: c.path, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Build resolves and checks f, loaded from data at path. It returns every
// problem as a load.ErrorList sorted by position, and no Schema when there is
// any.
func Build(f *load.File, path string, data []byte) (*Schema, error) {
	c := &checker{path: path}
	sum := sha256.Sum256(data)
	s := &Schema{Path: path, Fingerprint: hex.EncodeToString(sum[:])[:16]}
	c.version(f)
	s.Table = c.table(f)
	s.Config = c.config(f)
	s.Columns = c.columns(f, s.Table.GoType)
	s.Rules = c.rules(f, s)
	if err := c.errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func (c *checker) version(f *load.File) {
	switch {
	case !f.Version.Set:
		c.errorf(f.Pos, "version is required (version: 1)")
	case f.Version.V != 1:
		c.errorf(f.Version.Pos, "version %d is not supported (only 1)", f.Version.V)
	}
}

var (
	snakeName    = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	goTypeRe     = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	filePrefixRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
)

// reserved are the identifiers the emitters declare in package generated.
var reserved = map[string]bool{
	"Table": true, "FilePrefix": true, "SchemaPath": true, "Fingerprint": true,
	"ColumnNames": true, "Config": true, "Fill": true, "Contract": true, "ProfileSpec": true,
}

func (c *checker) table(f *load.File) Table {
	t := f.Table
	if t.Pos.IsZero() {
		c.errorf(f.Pos, "table is required")
		return Table{}
	}
	out := Table{Name: t.Name.V, GoType: t.GoType.V, FilePrefix: t.FilePrefix.V, Description: t.Description.V}
	switch {
	case !t.Name.Set:
		c.errorf(t.Pos, "table: name is required")
	case !snakeName.MatchString(t.Name.V):
		c.errorf(t.Name.Pos, "table: name %q is not snake_case ([a-z][a-z0-9_]*)", t.Name.V)
	}
	switch {
	case !t.GoType.Set:
		c.errorf(t.Pos, "table: go_type is required")
	case !goTypeRe.MatchString(t.GoType.V):
		c.errorf(t.GoType.Pos, "table: go_type %q is not an exported Go identifier", t.GoType.V)
	case reserved[t.GoType.V]:
		c.errorf(t.GoType.Pos, "table: go_type %q collides with a generated identifier", t.GoType.V)
	}
	if !t.FilePrefix.Set {
		out.FilePrefix = out.Name
	} else if !filePrefixRe.MatchString(t.FilePrefix.V) {
		c.errorf(t.FilePrefix.Pos, "table: file_prefix %q is not a plain file name part", t.FilePrefix.V)
	}
	return out
}

// parseType reads a column type: string, timestamp, decimal(P,S), double, boolean.
var decimalRe = regexp.MustCompile(`^decimal\(\s*([0-9]+)\s*,\s*([0-9]+)\s*\)$`)

func (c *checker) parseType(col string, s load.Str) (Type, bool) {
	switch s.V {
	case "string":
		return Type{Kind: String}, true
	case "timestamp":
		return Type{Kind: Timestamp}, true
	case "double":
		return Type{Kind: Double}, true
	case "boolean":
		return Type{Kind: Boolean}, true
	}
	if m := decimalRe.FindStringSubmatch(s.V); m != nil {
		p, _ := strconv.Atoi(m[1])
		sc, _ := strconv.Atoi(m[2])
		if p < 1 || p > 18 || sc > p {
			c.errorf(s.Pos, "column %q: %s needs 1 <= precision <= 18 and scale <= precision (stored as int64)", col, s.V)
			return Type{}, false
		}
		return Type{Kind: Decimal, Precision: p, Scale: sc}, true
	}
	c.errorf(s.Pos, "column %q: unknown type %q (expected string, timestamp, decimal(P,S), double or boolean)", col, s.V)
	return Type{}, false
}

// finite reports whether x is a finite number, reporting an error if not.
func (c *checker) finite(what string, f load.Float) bool {
	if math.IsNaN(f.V) || math.IsInf(f.V, 0) {
		c.errorf(f.Pos, "%s must be a finite number", what)
		return false
	}
	return true
}

// unit checks that f is in [0,1].
func (c *checker) unit(what string, f load.Float) {
	if c.finite(what, f) && (f.V < 0 || f.V > 1) {
		c.errorf(f.Pos, "%s %s is outside [0,1]", what, fmtNum(f.V))
	}
}

// fmtNum prints a number the way a schema author would write it.
func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
