package colscan_test

import (
	"fmt"
	"os"

	"errors"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"

	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

// Issue 13: pages whose num_values disagree with their data, but add up to the row
// group's rows (one value moved from the second page's header to the first's), made
// parquet-go print "parquet: warning: ... byte array page has N offsets but numValues
// is M" on stderr. The guard counts a BYTE_ARRAY page's values before parquet-go decodes
// it: one error, nothing printed. Required and optional columns, data pages v1 and v2.
func TestByteArrayPageCountDisagreesWithData(t *testing.T) {
	for _, optional := range []bool{false, true} {
		for _, v1 := range []bool{false, true} {
			name := map[bool]string{false: "required", true: "optional"}[optional] + map[bool]string{false: "/v2", true: "/v1"}[v1]
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "pages.parquet")
				o := colscantest.Options{Rows: 2000, PageBufferSize: 4 << 10, DataPageV1: v1}
				if optional {
					require.NoError(t, colscantest.WriteOptional(path, o, nil))
				} else {
					require.NoError(t, colscantest.Write(path, o))
				}
				require.NoError(t, scanAll(path), "the file as written reads")
				f := open(t, path)
				col := f.ColumnIndex("transaction_id")
				require.True(t, f.Columns()[col].Optional == optional)
				require.NoError(t, colscantest.RewritePageHeader(path, 0, col, 0, func(h *format.PageHeader) {
					colscantest.SetNumValues(h, func(n int32) int32 { return n + 1 })
				}))
				require.NoError(t, colscantest.RewritePageHeader(path, 0, col, 1, func(h *format.PageHeader) {
					colscantest.SetNumValues(h, func(n int32) int32 { return n - 1 })
				}))
				err := scanAll(path)
				require.Error(t, err)
				assert.True(t, errors.Is(err, colscan.ErrCorrupt), err)
				// the values, or for an optional v1 page its definition levels, fall short
				assert.Regexp(t, `column "transaction_id": row group 0: corrupt Parquet file: page 0: (the data holds \d+ DELTA_(LENGTH_)?BYTE_ARRAY values, the header says|definition levels: \d+ levels for \d+ values)`, err.Error())
				f2 := open(t, path)
				assert.ErrorContains(t, f2.CheckPages(), "page 0: ")
			})
		}
	}
}

type oneString struct {
	S string `parquet:"s,plain"`
}

type oneDeltaString struct {
	S string `parquet:"s,delta"`
}

// The same for PLAIN pages (counted by walking the length prefixes of the decompressed
// values) and for uncompressed pages.
func TestByteArrayPageCountPlainAndUncompressed(t *testing.T) {
	for name, codec := range map[string]compress.Codec{"snappy": &parquet.Snappy, "uncompressed": &parquet.Uncompressed} {
		for _, delta := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/delta=%v", name, delta), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "s.parquet")
				f, err := os.Create(path)
				require.NoError(t, err)
				opts := []parquet.WriterOption{parquet.Compression(codec), parquet.PageBufferSize(1 << 10)}
				if delta {
					w := parquet.NewGenericWriter[oneDeltaString](f, opts...)
					rows := make([]oneDeltaString, 500)
					for i := range rows {
						rows[i].S = fmt.Sprintf("value-%04d", i)
					}
					_, err = w.Write(rows)
					require.NoError(t, err)
					require.NoError(t, w.Close())
				} else {
					w := parquet.NewGenericWriter[oneString](f, opts...)
					rows := make([]oneString, 500)
					for i := range rows {
						rows[i].S = fmt.Sprintf("value-%04d", i)
					}
					_, err = w.Write(rows)
					require.NoError(t, err)
					require.NoError(t, w.Close())
				}
				require.NoError(t, f.Close())
				require.NoError(t, scanAll(path), "the file as written reads")
				require.NoError(t, colscantest.RewritePageHeader(path, 0, 0, 0, func(h *format.PageHeader) {
					colscantest.SetNumValues(h, func(n int32) int32 { return n - 1 })
				}))
				require.NoError(t, colscantest.RewritePageHeader(path, 0, 0, 1, func(h *format.PageHeader) {
					colscantest.SetNumValues(h, func(n int32) int32 { return n + 1 })
				}))
				err = scanAll(path)
				require.Error(t, err)
				assert.True(t, errors.Is(err, colscan.ErrCorrupt), err)
				assert.Regexp(t, `column "s": row group 0: corrupt Parquet file: page 0: the data holds \d+ (PLAIN|DELTA_LENGTH_BYTE_ARRAY|DELTA_BYTE_ARRAY) values, the header says`, err.Error())
			})
		}
	}
}
