package colscan_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

// BenchmarkScanAllColumns reads every column of a 200k-row payments file once per op.
func BenchmarkScanAllColumns(b *testing.B) {
	const rows = 200_000
	path := filepath.Join(b.TempDir(), "bench.parquet")
	require.NoError(b, colscantest.Write(path, colscantest.Options{Rows: rows, Seed: 1}))
	f, err := colscan.Open(path)
	require.NoError(b, err)
	defer f.Close()
	b.SetBytes(f.Size())
	b.ReportAllocs()
	b.ResetTimer()
	var sink int
	for b.Loop() {
		for i, c := range f.Columns() {
			switch c.Physical {
			case "INT64":
				err = f.ScanInt64(i, func(v []int64, _ []bool) error { sink += len(v); return nil })
			case "DOUBLE":
				err = f.ScanFloat64(i, func(v []float64, _ []bool) error { sink += len(v); return nil })
			case "BOOLEAN":
				err = f.ScanBool(i, func(v []bool, _ []bool) error { sink += len(v); return nil })
			default:
				err = f.ScanBytes(i, func(v [][]byte, _ []bool) error { sink += len(v); return nil })
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if sink != rows*24*b.N {
		b.Fatalf("read %d values, want %d", sink, rows*24*b.N)
	}
}

// BenchmarkReadRows assembles every row of a 200k-row payments file as the generated row
// type (what learnability reads) once per op.
func BenchmarkReadRows(b *testing.B) {
	const rows = 200_000
	path := filepath.Join(b.TempDir(), "bench.parquet")
	require.NoError(b, colscantest.Write(path, colscantest.Options{Rows: rows, Seed: 1}))
	f, err := colscan.Open(path)
	require.NoError(b, err)
	defer f.Close()
	b.SetBytes(f.Size())
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for b.Loop() {
		err := colscan.ReadRows(f, 4096, func(r []colscantest.Payment) error { n += len(r); return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if n != rows*b.N {
		b.Fatalf("read %d rows, want %d", n, rows*b.N)
	}
}
