package colscan_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go/format"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

// fuzzSeeds are real files (a small payments file, Snappy, dictionary and delta
// pages, v2 headers) and the hostile files of the tests, as bytes.
func fuzzSeeds(f *testing.F) [][]byte {
	dir := f.TempDir()
	var seeds [][]byte
	add := func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	good := filepath.Join(dir, "good.parquet")
	if err := colscantest.Write(good, colscantest.Options{Rows: 40, RowGroupRows: 25}); err != nil {
		f.Fatal(err)
	}
	add(good)
	opt := filepath.Join(dir, "optional.parquet")
	if err := colscantest.WriteOptional(opt, colscantest.Options{Rows: 30}, nil); err != nil {
		f.Fatal(err)
	}
	add(opt)
	for i, n := range []int32{2147483647, 200_000_000, -1} {
		p := filepath.Join(dir, "hostile.parquet")
		if err := colscantest.Write(p, colscantest.Options{Rows: 40, RowGroupRows: 25}); err != nil {
			f.Fatal(err)
		}
		if err := colscantest.RewritePageHeader(p, 0, 1+i, 0, func(h *format.PageHeader) {
			colscantest.SetNumValues(h, func(int32) int32 { return n })
		}); err != nil {
			f.Fatal(err)
		}
		add(p)
	}
	footer := []byte{0x15, 0x02, 0x19, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00}
	b := append([]byte("PAR1"), footer...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(footer)))
	seeds = append(seeds, append(b, "PAR1"...), []byte("PAR1"), []byte("PAR1\x00\x00\x00\x00PAR1"), []byte("not parquet"))
	return seeds
}

// FuzzOpenAndScan reads arbitrary bytes as a Parquet file: it must return an error
// or data, never panic, and never allocate much more than the memory budget.
func FuzzOpenAndScan(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	prev := colscan.MemoryBudget
	colscan.MemoryBudget = 32 << 20
	f.Cleanup(func() { colscan.MemoryBudget = prev })
	path := filepath.Join(f.TempDir(), "fuzz.parquet")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		stop := watchdog(5 * time.Second)
		scanAll(path)
		stop()
		runtime.ReadMemStats(&b)
		if d := b.TotalAlloc - a.TotalAlloc; d > 1<<30 {
			t.Fatalf("allocated %d MiB for a %d-byte file", d>>20, len(data))
		}
	})
}
