package colscan_test

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

// hostile writes a small valid file and rewrites one page header of column col
// (a leaf index) in row group 0.
func hostile(t *testing.T, col, page int, mutate func(*format.PageHeader)) string {
	t.Helper()
	path, _ := writeFixture(t, colscantest.Options{Rows: 300, RowGroupRows: 200})
	require.NoError(t, colscantest.RewritePageHeader(path, 0, col, page, mutate))
	return path
}

// scanAll reads every column of path and returns the first error.
func scanAll(path string) error {
	f, err := colscan.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for i, c := range f.Columns() {
		var err error
		switch c.Physical {
		case "INT64", "INT32":
			err = f.ScanInt64(i, func([]int64, []bool) error { return nil })
		case "DOUBLE", "FLOAT":
			err = f.ScanFloat64(i, func([]float64, []bool) error { return nil })
		case "BOOLEAN":
			err = f.ScanBool(i, func([]bool, []bool) error { return nil })
		default:
			err = f.ScanBytes(i, func([][]byte, []bool) error { return nil })
		}
		if err != nil {
			return err
		}
	}
	return f.CheckPages()
}

// measured runs fn and returns its error, wall time and bytes allocated.
func measured(fn func() error) (time.Duration, uint64, error) {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	start := time.Now()
	err := fn()
	d := time.Since(start)
	runtime.ReadMemStats(&b)
	return d, b.TotalAlloc - a.TotalAlloc, err
}

func const32(n int32) func(int32) int32 { return func(int32) int32 { return n } }

// The issue 13 file: a page claiming 2,147,483,647 values made validate allocate
// 16 GiB. Every column kind is tried (event_time: INT64, amount: INT64 decimal,
// transaction_id: BYTE_ARRAY, three_ds: BOOLEAN, latitude: optional DOUBLE).
func TestPageClaimingTwoBillionValues(t *testing.T) {
	for _, col := range []string{"transaction_id", "event_time", "amount", "three_ds", "latitude"} {
		t.Run(col, func(t *testing.T) {
			path, _ := writeFixture(t, colscantest.Options{Rows: 300, RowGroupRows: 200})
			f := open(t, path)
			leaf := f.ColumnIndex(col) // the fixture is flat: leaf index == column index
			page := 0
			require.NoError(t, colscantest.RewritePageHeader(path, 0, leaf, 0, func(h *format.PageHeader) {
				if h.Type == format.DictionaryPage {
					page = 1
				}
			}))
			require.NoError(t, colscantest.RewritePageHeader(path, 0, leaf, page, func(h *format.PageHeader) {
				colscantest.SetNumValues(h, const32(2147483647))
			}))
			d, alloc, err := measured(func() error { return scanAll(path) })
			require.Error(t, err)
			assert.True(t, errors.Is(err, colscan.ErrCorrupt), err)
			assert.Contains(t, err.Error(), "2147483647 values")
			assert.Less(t, d, 2*time.Second)
			assert.Less(t, alloc, uint64(64<<20), "bytes allocated")
		})
	}
}

func TestHostilePageHeaders(t *testing.T) {
	for name, tc := range map[string]struct {
		page   int
		mutate func(*format.PageHeader)
		want   string
	}{
		"one value too many":    {0, func(h *format.PageHeader) { colscantest.SetNumValues(h, func(n int32) int32 { return n + 1 }) }, "values, but the row group has"},
		"one value too few":     {0, func(h *format.PageHeader) { colscantest.SetNumValues(h, func(n int32) int32 { return n - 1 }) }, "data pages hold 199 values"},
		"200M values":           {0, func(h *format.PageHeader) { colscantest.SetNumValues(h, const32(200_000_000)) }, "200000000 values"},
		"uncompressed 2 GiB":    {0, func(h *format.PageHeader) { h.UncompressedPageSize = 2147483647 }, "uncompressed size 2147483647"},
		"compressed past chunk": {0, func(h *format.PageHeader) { h.CompressedPageSize = 1 << 30 }, "exceeds the"},
		"snappy length lies":    {0, func(h *format.PageHeader) { h.UncompressedPageSize = 3 }, "Snappy block decodes to"},
		"negative values":       {0, func(h *format.PageHeader) { colscantest.SetNumValues(h, const32(-5)) }, "values -5"},
	} {
		t.Run(name, func(t *testing.T) {
			// event_time: INT64, PLAIN or delta pages, no dictionary
			path := hostile(t, 1, tc.page, tc.mutate)
			_, alloc, err := measured(func() error { return scanAll(path) })
			require.Error(t, err)
			assert.True(t, errors.Is(err, colscan.ErrCorrupt), err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Less(t, alloc, uint64(64<<20))
		})
	}
}

func TestHostileDictionary(t *testing.T) {
	path, _ := writeFixture(t, colscantest.Options{Rows: 300, RowGroupRows: 200})
	var typ format.PageType
	require.NoError(t, colscantest.RewritePageHeader(path, 0, 5, 0, func(h *format.PageHeader) { // card_brand
		typ = h.Type
		if h.DictionaryPageHeader.Valid {
			h.DictionaryPageHeader.V.NumValues = 2147483647
		}
	}))
	require.Equal(t, format.DictionaryPage, typ, "card_brand starts with its dictionary")
	_, alloc, err := measured(func() error { return scanAll(path) })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "dictionary of 2147483647 values exceeds the memory budget")
	assert.Less(t, alloc, uint64(64<<20))
}

// A footer that claims 2^31-1 schema elements in a few bytes.
func TestHostileFooterList(t *testing.T) {
	footer := []byte{0x15, 0x02, 0x19, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00}
	b := append([]byte("PAR1"), footer...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(footer)))
	b = append(b, "PAR1"...)
	path := filepath.Join(t.TempDir(), "footer.parquet")
	require.NoError(t, os.WriteFile(path, b, 0o644))
	_, alloc, err := measured(func() error { _, err := colscan.Open(path); return err })
	require.Error(t, err)
	assert.True(t, errors.Is(err, colscan.ErrCorrupt), err)
	assert.Less(t, alloc, uint64(1<<20))
}

// Issue 13: a FIFO as input hung forever (os.Open blocks until a writer appears).
func TestFIFOIsRefusedAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo.parquet")
	if err := mkfifo(path); err != nil {
		t.Skip("no mkfifo here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := colscan.Open(path); done <- err }()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.Contains(t, err.Error(), "not a regular file")
	case <-time.After(5 * time.Second):
		t.Fatal("Open blocked on a FIFO")
	}
}
