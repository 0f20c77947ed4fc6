package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

// Issue 13: the same columns written by DuckDB, Spark or pandas (every column
// OPTIONAL) exited 2 with an empty stderr. They are validated against the
// generated contract, with a warning; a file of another table still exits 2, now
// with one line on stderr.
func TestValidateAllOptionalFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "duckdb.parquet")
	require.NoError(t, colscantest.WriteOptional(path, colscantest.Options{Rows: 3000, Seed: 5}, nil))
	code, out, errs := runV(path)
	assert.Empty(t, errs)
	assert.Contains(t, out, "schema warnings: ")
	assert.Contains(t, out, "optional (compatible")
	assert.NotContains(t, out, "schema issue")
	assert.Contains(t, []int{0, 1}, code, "validated: %s", out)

	nulls := filepath.Join(t.TempDir(), "nulls.parquet")
	require.NoError(t, colscantest.WriteOptional(nulls, colscantest.Options{Rows: 3000, Seed: 5}, func(i int, p *colscantest.OptionalPayment) {
		if i == 10 {
			p.Amount = nil
		}
	}))
	code, out, _ = runV(nulls)
	assert.Equal(t, 1, code)
	assert.Regexp(t, `FAIL\s+amount is never null`, out)
}

func TestValidateSchemaMismatchHasOneStderrLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.parquet")
	require.NoError(t, writeOther(path))
	code, _, errs := runV(path, "--quiet")
	assert.Equal(t, 2, code)
	assert.Equal(t, 1, strings.Count(errs, "\n"), errs)
	assert.Contains(t, errs, "paygen validate: "+path+": not a payments file: missing column transaction_id and 25 more")
}

func writeOther(path string) error {
	type other struct {
		ID    int64  `parquet:"id"`
		Label string `parquet:"label"`
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return writeRows(f, []other{{1, "a"}, {2, "b"}})
}
