package duckdb

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
	"github.com/paygen/paygen/runtime/contract"
)

// Issue 13: a file with the table's columns written by DuckDB (every column
// OPTIONAL) must validate its data, and every codec DuckDB writes must be read.
func TestDuckDBRewrittenFilesValidate(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	require.NoError(t, err)
	defer db.Close()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.parquet")
	require.NoError(t, colscantest.Write(in, colscantest.Options{Rows: 20_000, RowGroupRows: 8192, Seed: 4}))
	ref, err := contract.Validate(in, generated.Contract, contract.Options{})
	require.NoError(t, err)

	for _, codec := range []string{"snappy", "zstd", "gzip", "lz4", "uncompressed"} {
		t.Run(codec, func(t *testing.T) {
			out := filepath.Join(dir, codec+".parquet")
			_, err := db.Exec(fmt.Sprintf("COPY (SELECT * FROM read_parquet('%s')) TO '%s' (FORMAT parquet, COMPRESSION %s)", in, out, codec))
			require.NoError(t, err)
			f, err := colscan.Open(out)
			require.NoError(t, err)
			t.Logf("%s: codec %s, created by %s", codec, f.Compression(), f.CreatedBy())
			f.Close()

			rep, err := contract.Validate(out, generated.Contract, contract.Options{Date: colscantest.DefaultDate})
			require.NoError(t, err, "a %s file written by DuckDB is read", codec)
			assert.True(t, rep.Schema.Success, "%+v", rep.Schema.Issues)
			assert.NotEmpty(t, rep.Schema.Warnings, "OPTIONAL where the schema says REQUIRED")
			assert.Equal(t, ref.Statistics.Rows, rep.Statistics.Rows)
			assert.Equal(t, 0, rep.Statistics.NotEvaluated, "every expectation ran")
			for i, r := range rep.Results {
				if i < len(ref.Results) {
					assert.Equal(t, ref.Results[i].Success, r.Success, r.Name)
				}
			}
		})
	}
}
