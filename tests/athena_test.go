package tests

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/schemac"
)

// sqlToken is one token of a Hive DDL statement: a word or symbol, a 'string'
// (unescaped), or a `quoted identifier` (without the backticks).
type sqlToken struct {
	kind byte // 'w' word or symbol, 's' string literal, 'i' quoted identifier
	text string
}

// tokenizeSQL splits DDL into tokens, skipping -- comments. It fails on an
// unterminated string or identifier.
func tokenizeSQL(t *testing.T, src string) []sqlToken {
	t.Helper()
	var out []sqlToken
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			i++
		case strings.HasPrefix(src[i:], "--"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '\'':
			var b strings.Builder
			j := i + 1
			for ; j < len(src) && src[j] != '\''; j++ {
				require.NotEqual(t, byte('\n'), src[j], "string literal spans lines at byte %d", i)
				if src[j] == '\\' && j+1 < len(src) {
					j++
				}
				b.WriteByte(src[j])
			}
			require.Less(t, j, len(src), "unterminated string at byte %d", i)
			out = append(out, sqlToken{'s', b.String()})
			i = j + 1
		case c == '`':
			j := strings.IndexByte(src[i+1:], '`')
			require.GreaterOrEqual(t, j, 0, "unterminated identifier at byte %d", i)
			out = append(out, sqlToken{'i', src[i+1 : i+1+j]})
			i += j + 2
		case strings.IndexByte("(),;=", c) >= 0:
			out = append(out, sqlToken{'w', string(c)})
			i++
		default:
			j := i
			for j < len(src) && strings.IndexByte(" \n\t\r(),;='`", src[j]) < 0 {
				j++
			}
			out = append(out, sqlToken{'w', src[i:j]})
			i = j
		}
	}
	return out
}

// checkOneStatement fails unless the tokens are one statement with balanced
// parentheses, ending in ';' when semicolon is set and with no ';' otherwise.
func checkOneStatement(t *testing.T, toks []sqlToken, semicolon bool) {
	t.Helper()
	depth := 0
	for i, tok := range toks {
		if tok.kind != 'w' {
			continue
		}
		switch tok.text {
		case "(":
			depth++
		case ")":
			depth--
			require.GreaterOrEqual(t, depth, 0, "unbalanced ')' at token %d", i)
		case ";":
			require.True(t, semicolon && i == len(toks)-1, "';' at token %d of %d: more than one statement", i, len(toks))
		}
	}
	require.Zero(t, depth, "unbalanced parentheses")
	if semicolon {
		require.Equal(t, sqlToken{'w', ";"}, toks[len(toks)-1], "the statement must end with ';'")
	}
	require.Equal(t, []string{"CREATE", "EXTERNAL", "TABLE"}, []string{toks[0].text, toks[1].text, toks[2].text})
}

// ddlColumn is one column definition of the DDL.
type ddlColumn struct{ name, typ, comment string }

// parenList returns the comma-separated items of the parenthesised list that
// starts right after the tokens of prefix.
func parenList(t *testing.T, toks []sqlToken, prefix ...string) [][]sqlToken {
	t.Helper()
	start := -1
	for i := 0; i+len(prefix) < len(toks) && start < 0; i++ {
		ok := true
		for j, p := range prefix {
			ok = ok && toks[i+j].text == p
		}
		if ok {
			start = i + len(prefix)
		}
	}
	require.GreaterOrEqual(t, start, 0, "no %q in the DDL", strings.Join(prefix, " "))
	require.Equal(t, "(", toks[start].text)
	var items [][]sqlToken
	var cur []sqlToken
	depth := 0
	for _, tok := range toks[start+1:] {
		if tok.kind == 'w' {
			switch tok.text {
			case "(":
				depth++
			case ")":
				if depth == 0 {
					return append(items, cur)
				}
				depth--
			case ",":
				if depth == 0 {
					items, cur = append(items, cur), nil
					continue
				}
			}
		}
		cur = append(cur, tok)
	}
	t.Fatalf("list after %q is not closed", strings.Join(prefix, " "))
	return nil
}

// columnDefs parses `name` TYPE [COMMENT 'text'] items.
func columnDefs(t *testing.T, items [][]sqlToken) []ddlColumn {
	t.Helper()
	var out []ddlColumn
	for _, it := range items {
		require.GreaterOrEqual(t, len(it), 2, "column definition %v", it)
		require.Equal(t, byte('i'), it[0].kind, "column name must be `quoted`: %v", it)
		col := ddlColumn{name: it[0].text}
		rest := it[1:]
		for len(rest) > 0 && rest[0].kind == 'w' && rest[0].text != "COMMENT" {
			col.typ += rest[0].text
			rest = rest[1:]
		}
		if len(rest) > 0 {
			require.Len(t, rest, 2, "COMMENT takes one string: %v", it)
			require.Equal(t, byte('s'), rest[1].kind)
			col.comment = rest[1].text
		}
		out = append(out, col)
	}
	return out
}

// athenaTypeOf is the Athena type a reader should declare for an arrow type
// of a file paygen wrote.
func athenaTypeOf(t *testing.T, typ arrow.DataType) string {
	if d, ok := typ.(*arrow.DictionaryType); ok {
		typ = d.ValueType
	}
	switch ty := typ.(type) {
	case *arrow.StringType:
		return "STRING"
	case *arrow.TimestampType:
		assert.Equal(t, arrow.Microsecond, ty.Unit)
		assert.Equal(t, "UTC", ty.TimeZone)
		return "TIMESTAMP"
	case arrow.DecimalType:
		return fmt.Sprintf("DECIMAL(%d,%d)", ty.GetPrecision(), ty.GetScale())
	case *arrow.Float64Type:
		return "DOUBLE"
	case *arrow.BooleanType:
		return "BOOLEAN"
	}
	t.Fatalf("no Athena type for arrow type %s", typ)
	return ""
}

func readDDL(t *testing.T) string {
	b, err := os.ReadFile("../generated/athena_gen.sql")
	require.NoError(t, err)
	return string(b)
}

// TestAthenaDDLMatchesFile checks the generated DDL against what a generated
// file holds (read with arrow-go) and against the schema's descriptions.
func TestAthenaDDLMatchesFile(t *testing.T) {
	ddl := readDDL(t)
	require.True(t, strings.HasPrefix(ddl, "-- Code generated by schemac from schema/transaction_schema.yaml. DO NOT EDIT.\n"))
	toks := tokenizeSQL(t, ddl)
	checkOneStatement(t, toks, true)

	cols := columnDefs(t, parenList(t, toks, "CREATE", "EXTERNAL", "TABLE", "IF", "NOT", "EXISTS", "${database}."+generated.Table))
	fields := readArrow(t, small(t)).tbl.Schema().Fields()
	require.Len(t, cols, len(generated.ColumnNames))
	require.Len(t, fields, len(cols))
	data, err := os.ReadFile("../" + generated.SchemaPath)
	require.NoError(t, err)
	s, err := schemac.Check(generated.SchemaPath, data)
	require.NoError(t, err)
	for i, c := range cols {
		assert.Equal(t, generated.ColumnNames[i], c.name, "column %d", i)
		assert.Equal(t, fields[i].Name, c.name, "column %d", i)
		assert.Equal(t, athenaTypeOf(t, fields[i].Type), c.typ, c.name)
		assert.Equal(t, s.Columns[i].Description, c.comment, c.name)
	}
	for _, c := range cols {
		if c.name == "amount" {
			assert.Contains(t, c.comment, "merchant's", "a quote in a description survives escaping")
		}
	}

	parts := columnDefs(t, parenList(t, toks, "PARTITIONED", "BY"))
	require.Len(t, parts, 2)
	assert.Equal(t, "year", parts[0].name)
	assert.Equal(t, "month", parts[1].name)
	assert.Equal(t, "STRING", parts[0].typ)
	assert.Equal(t, "STRING", parts[1].typ)

	props := map[string]string{}
	for _, it := range parenList(t, toks, "TBLPROPERTIES") {
		require.Len(t, it, 3, "property %v", it)
		require.Equal(t, byte('s'), it[0].kind)
		require.Equal(t, "=", it[1].text)
		props[it[0].text] = it[2].text
	}
	assert.Equal(t, map[string]string{
		"projection.enabled":        "true",
		"projection.year.type":      "integer",
		"projection.year.range":     "2000,2099",
		"projection.month.type":     "integer",
		"projection.month.range":    "01,12",
		"projection.month.digits":   "2",
		"storage.location.template": "s3://${bucket}/${prefix}/year=${year}/month=${month}/",
	}, props)
	assert.Contains(t, ddl, "\nSTORED AS PARQUET\nLOCATION 's3://${bucket}/${prefix}/'\n")

	// The only placeholders: ours, and Athena's ${year} and ${month} in the template.
	stmt := statementOnly(ddl)
	for _, m := range regexp.MustCompile(`\$\{[^}]*\}`).FindAllString(stmt, -1) {
		assert.Contains(t, []string{"${database}", "${bucket}", "${prefix}", "${year}", "${month}"}, m)
	}
	assert.Equal(t, 1, strings.Count(stmt, "${year}"))
}

// statementOnly drops the comment lines of the DDL.
func statementOnly(ddl string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(ddl, "\n") {
		if !strings.HasPrefix(line, "--") {
			b.WriteString(line)
		}
	}
	return b.String()
}

func makeAthenaDDL(t *testing.T, vars ...string) (string, string, int) {
	cmd := exec.Command("make", append([]string{"-s", "--no-print-directory", "athena-ddl"}, vars...)...)
	cmd.Dir = ".."
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return out.String(), errb.String(), code
}

func TestMakeAthenaDDL(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatal("make is required: the Makefile is the project's entry point")
	}
	out, stderr, code := makeAthenaDDL(t, "DATABASE=analytics", "BUCKET=my-bucket", "PREFIX=/raw/payments/")
	require.Equal(t, 0, code, stderr)
	// Ready for the Athena API: one statement, no comment lines (Athena's DDL parser
	// rejects some), no final ';'.
	stmt := out
	checkOneStatement(t, tokenizeSQL(t, out), false)
	assert.True(t, strings.HasPrefix(stmt, "CREATE EXTERNAL TABLE IF NOT EXISTS analytics.payments (\n"), stmt)
	assert.True(t, strings.HasSuffix(stmt, "/'\n)\n"), stmt)
	assert.Contains(t, stmt, "LOCATION 's3://my-bucket/raw/payments/'\n")
	assert.Contains(t, stmt, "'storage.location.template' = 's3://my-bucket/raw/payments/year=${year}/month=${month}/'")
	for _, p := range []string{"${database}", "${bucket}", "${prefix}"} {
		assert.NotContains(t, stmt, p)
	}
	// Everything else is the generated file, byte for byte.
	want := strings.NewReplacer("${database}", "analytics", "${bucket}", "my-bucket", "${prefix}", "raw/payments").Replace(statementOnly(readDDL(t)))
	assert.Equal(t, strings.TrimPrefix(strings.TrimSuffix(want, ";\n"), "\n")+"\n", stmt)

	out, stderr, code = makeAthenaDDL(t, "DATABASE=analytics", "BUCKET=my-bucket")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "LOCATION 's3://my-bucket/'\n")
	assert.Contains(t, out, "'s3://my-bucket/year=${year}/month=${month}/'")

	for _, bad := range [][]string{
		{"BUCKET=my-bucket"},
		{"DATABASE=Analytics", "BUCKET=my-bucket"},
		{"DATABASE=analytics", "BUCKET=My_Bucket"},
		{"DATABASE=analytics", "BUCKET=my-bucket", "PREFIX=a|b"},
	} {
		_, stderr, code := makeAthenaDDL(t, bad...)
		assert.Equal(t, 2, code, "%v", bad)
		assert.Contains(t, stderr, "athena-ddl", "%v", bad)
	}
}

// TestEventTimeRowGroupsArePrunable backs the operations guide's claim that an
// event_time range skips row groups: every row group carries event_time
// min/max statistics and, rows being in time order, the ranges do not overlap.
func TestEventTimeRowGroupsArePrunable(t *testing.T) {
	f, err := file.OpenParquetFile(small(t), false)
	require.NoError(t, err)
	defer f.Close()
	col := f.MetaData().Schema.ColumnIndexByName("event_time")
	require.GreaterOrEqual(t, col, 0)
	require.Greater(t, f.NumRowGroups(), 1)
	prevMax := int64(-1 << 63)
	for g := 0; g < f.NumRowGroups(); g++ {
		cc, err := f.MetaData().RowGroup(g).ColumnChunk(col)
		require.NoError(t, err)
		st, err := cc.Statistics()
		require.NoError(t, err)
		require.NotNil(t, st, "row group %d has no event_time statistics", g)
		require.True(t, st.HasMinMax(), "row group %d", g)
		s := st.(*metadata.Int64Statistics)
		assert.LessOrEqual(t, s.Min(), s.Max(), "row group %d", g)
		assert.LessOrEqual(t, prevMax, s.Min(), "row group %d starts before the previous one ends", g)
		prevMax = s.Max()
	}
}
