package duckdb

import (
	"bytes"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

// inputs returns the files to check: PAYGEN_DUCKDB_FILE when set (any paygen output),
// otherwise a file written by `paygen generate` (built from ../../cmd/paygen), one block
// of a 20M-row dataset (dictionary fallback pages) and one written by the fixture
// generator (several row groups, dictionary and delta encodings).
func inputs(t *testing.T) map[string]string {
	if p := os.Getenv("PAYGEN_DUCKDB_FILE"); p != "" {
		return map[string]string{"env": p}
	}
	dir := t.TempDir()
	fix := filepath.Join(dir, "fixture.parquet")
	require.NoError(t, colscantest.Write(fix, colscantest.Options{Rows: 30_000, RowGroupRows: 8192, Seed: 11}))

	bin := filepath.Join(dir, "paygen")
	build := exec.Command("go", "build", "-o", bin, "./cmd/paygen")
	build.Dir = "../.." // the main module, with its own dependencies
	out, err := build.CombinedOutput()
	require.NoError(t, err, "building paygen: %s", out)
	out, err = exec.Command(bin, "generate", "--rows", "50k", "--out", dir, "--date", "2025-05-29",
		"--row-group-size", "16384", "--quiet").CombinedOutput()
	require.NoError(t, err, "paygen generate: %s", out)
	gen, err := filepath.Glob(filepath.Join(dir, "payments_*.parquet"))
	require.NoError(t, err)
	require.Len(t, gen, 1, "paygen generate wrote one file")
	// One block of a 20M-row world: its id columns hold too many distinct
	// values for a dictionary and fall back to DELTA_BYTE_ARRAY part way
	// through the chunk (issue 16).
	scale := filepath.Join(dir, "scale")
	out, err = exec.Command(bin, "generate", "--rows", "20M", "--shard", "150/300", "--out", scale, "--date", "2025-05-29",
		"--quiet").CombinedOutput()
	require.NoError(t, err, "paygen generate --shard: %s", out)
	big, err := filepath.Glob(filepath.Join(scale, "payments_*.parquet"))
	require.NoError(t, err)
	require.Len(t, big, 1, "paygen generate --shard wrote one file")
	return map[string]string{"fixture": fix, "paygen": gen[0], "scale": big[0]}
}

// figures are the per-column aggregates both engines compute.
type figures struct {
	nulls    int64
	sum      string // exact: decimal text for DECIMAL, integer text for INT64/TIMESTAMP (micros)
	fsum     float64
	min, max string // DECIMAL/INT64/TIMESTAMP as text, DOUBLE as %g, strings as is
	trues    int64
	bytes    int64 // total length of string values
}

// colscanFigures computes the figures with paygen's own reader.
func colscanFigures(t *testing.T, f *colscan.File, c colscan.Column, i int) figures {
	var fg figures
	switch c.Physical {
	case "INT64":
		sum := new(big.Int)
		var lo, hi int64 = math.MaxInt64, math.MinInt64
		require.NoError(t, f.ScanInt64(i, func(v []int64, ok []bool) error {
			for k, x := range v {
				if !ok[k] {
					fg.nulls++
					continue
				}
				sum.Add(sum, big.NewInt(x))
				lo, hi = min(lo, x), max(hi, x)
			}
			return nil
		}))
		fg.sum, fg.min, fg.max = sum.String(), strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)
		if c.Scale > 0 {
			fg.sum, fg.min, fg.max = decimalText(sum, c.Scale), decimalText(big.NewInt(lo), c.Scale), decimalText(big.NewInt(hi), c.Scale)
		}
	case "DOUBLE":
		lo, hi := math.Inf(1), math.Inf(-1)
		require.NoError(t, f.ScanFloat64(i, func(v []float64, ok []bool) error {
			for k, x := range v {
				if !ok[k] {
					fg.nulls++
					continue
				}
				fg.fsum += x
				lo, hi = min(lo, x), max(hi, x)
			}
			return nil
		}))
		fg.min, fg.max = fmt.Sprintf("%g", lo), fmt.Sprintf("%g", hi)
	case "BOOLEAN":
		require.NoError(t, f.ScanBool(i, func(v []bool, ok []bool) error {
			for k, x := range v {
				if !ok[k] {
					fg.nulls++
				} else if x {
					fg.trues++
				}
			}
			return nil
		}))
	case "BYTE_ARRAY":
		var lo, hi []byte
		seen := false
		require.NoError(t, f.ScanBytes(i, func(v [][]byte, ok []bool) error {
			for k, x := range v {
				if !ok[k] {
					fg.nulls++
					continue
				}
				fg.bytes += int64(len(x))
				if !seen || bytes.Compare(x, lo) < 0 {
					lo = append(lo[:0], x...)
				}
				if !seen || bytes.Compare(x, hi) > 0 {
					hi = append(hi[:0], x...)
				}
				seen = true
			}
			return nil
		}))
		fg.min, fg.max = string(lo), string(hi)
	default:
		t.Fatalf("column %s: unexpected physical type %s", c.Name, c.Physical)
	}
	return fg
}

func decimalText(v *big.Int, scale int) string {
	neg := v.Sign() < 0
	s := new(big.Int).Abs(v).String()
	for len(s) <= scale {
		s = "0" + s
	}
	s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	if neg {
		s = "-" + s
	}
	return s
}

// duckExprs returns the SQL aggregates of one column, in the order duckFigures scans them.
func duckExprs(c colscan.Column) string {
	q := `"` + strings.ReplaceAll(c.Name, `"`, `""`) + `"`
	nulls := "COUNT(*) - COUNT(" + q + ")"
	switch {
	case c.Physical == "INT64" && strings.HasPrefix(c.Logical, "TIMESTAMP"):
		return fmt.Sprintf("%s, SUM(epoch_us(%s))::VARCHAR, epoch_us(MIN(%s))::VARCHAR, epoch_us(MAX(%s))::VARCHAR", nulls, q, q, q)
	case c.Physical == "INT64":
		return fmt.Sprintf("%s, SUM(%s)::VARCHAR, MIN(%s)::VARCHAR, MAX(%s)::VARCHAR", nulls, q, q, q)
	case c.Physical == "DOUBLE":
		return fmt.Sprintf("%s, SUM(%s), MIN(%s), MAX(%s)", nulls, q, q, q)
	case c.Physical == "BOOLEAN":
		return fmt.Sprintf("%s, COUNT(*) FILTER (WHERE %s)", nulls, q)
	default:
		return fmt.Sprintf("%s, MIN(%s), MAX(%s), SUM(strlen(%s))", nulls, q, q, q)
	}
}

func duckFigures(t *testing.T, db *sql.DB, path string, c colscan.Column) figures {
	var fg figures
	row := db.QueryRow("SELECT "+duckExprs(c)+" FROM read_parquet(?)", path)
	var err error
	switch c.Physical {
	case "INT64":
		err = row.Scan(&fg.nulls, &fg.sum, &fg.min, &fg.max)
	case "DOUBLE":
		var lo, hi float64
		err = row.Scan(&fg.nulls, &fg.fsum, &lo, &hi)
		fg.min, fg.max = fmt.Sprintf("%g", lo), fmt.Sprintf("%g", hi)
	case "BOOLEAN":
		err = row.Scan(&fg.nulls, &fg.trues)
	default:
		var total sql.NullInt64
		err = row.Scan(&fg.nulls, &fg.min, &fg.max, &total)
		fg.bytes = total.Int64
	}
	require.NoError(t, err, c.Name)
	return fg
}

// TestDuckDBAgreesWithColscan reads the same file with DuckDB and with colscan and
// compares the row count, every column's null count, sums, min and max.
func TestDuckDBAgreesWithColscan(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	require.NoError(t, err)
	defer db.Close()
	for name, path := range inputs(t) {
		t.Run(name, func(t *testing.T) {
			t.Logf("checking %s", path)
			agree(t, db, path)
		})
	}
}

func agree(t *testing.T, db *sql.DB, path string) {
	f, err := colscan.Open(path)
	require.NoError(t, err)
	defer f.Close()

	var rows int64
	require.NoError(t, db.QueryRow("SELECT COUNT(*) FROM read_parquet(?)", path).Scan(&rows))
	assert.Equal(t, f.NumRows(), rows, "COUNT(*)")
	if v, ok := f.Lookup("paygen.rows"); ok {
		if _, shard := f.Lookup("paygen.shard"); !shard { // a shard's is the whole dataset's
			assert.Equal(t, strconv.FormatInt(rows, 10), v, "paygen.rows metadata")
		}
	}

	// DuckDB sees the same columns, in the same order.
	var names []string
	r, err := db.Query("SELECT name FROM parquet_schema(?) WHERE num_children IS NULL", path)
	require.NoError(t, err)
	for r.Next() {
		var n string
		require.NoError(t, r.Scan(&n))
		names = append(names, n)
	}
	require.NoError(t, r.Err())
	var ours []string
	for _, c := range f.Columns() {
		ours = append(ours, c.Name)
	}
	assert.Equal(t, ours, names)

	for i, c := range f.Columns() {
		t.Run(c.Name, func(t *testing.T) {
			want := colscanFigures(t, f, c, i)
			got := duckFigures(t, db, path, c)
			assert.Equal(t, want.nulls, got.nulls, "null count")
			switch c.Physical {
			case "DOUBLE":
				// Summation order differs between the engines: compare to 1e-9 relative.
				assert.InEpsilon(t, want.fsum, got.fsum, 1e-9, "sum")
				assert.Equal(t, want.min, got.min, "min")
				assert.Equal(t, want.max, got.max, "max")
			case "BOOLEAN":
				assert.Equal(t, want.trues, got.trues, "true count")
			case "INT64":
				assert.Equal(t, want.sum, got.sum, "sum")
				assert.Equal(t, want.min, got.min, "min")
				assert.Equal(t, want.max, got.max, "max")
			default:
				assert.Equal(t, want.min, got.min, "min")
				assert.Equal(t, want.max, got.max, "max")
				assert.Equal(t, want.bytes, got.bytes, "total bytes")
			}
		})
	}
}
