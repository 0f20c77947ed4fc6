package contract_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/paygen/paygen/runtime/colscan/colscantest"
	"github.com/paygen/paygen/runtime/contract"
)

var benchFiles = struct {
	sync.Mutex
	dir   string
	paths map[string]string
}{paths: map[string]string{}}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchFiles.dir != "" {
		os.RemoveAll(benchFiles.dir)
	}
	os.Exit(code)
}

// benchFile writes (once per process) a 1M-row payments file shaped like the payments table (generated/table).
func benchFile(b *testing.B, rows int, rowGroupRows int64) string {
	benchFiles.Lock()
	defer benchFiles.Unlock()
	key := fmt.Sprintf("%d-%d", rows, rowGroupRows)
	if p, ok := benchFiles.paths[key]; ok {
		return p
	}
	if benchFiles.dir == "" {
		d, err := os.MkdirTemp("", "contract-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchFiles.dir = d
	}
	p := filepath.Join(benchFiles.dir, key+".parquet")
	if err := colscantest.Write(p, colscantest.Options{Rows: rows, RowGroupRows: rowGroupRows, Seed: 42}); err != nil {
		b.Fatal(err)
	}
	benchFiles.paths[key] = p
	return p
}

// BenchmarkValidate1M validates a 1,000,000-row payments file (row groups of 131,072
// rows, the size paygen's 8 MB default gives) against the full payments contract (32
// expectations) with 2 goroutines. PAYGEN_BENCH_FILE benchmarks another file instead,
// such as the output of `paygen generate --rows 1M`.
func BenchmarkValidate1M(b *testing.B) {
	path := os.Getenv("PAYGEN_BENCH_FILE")
	if path == "" {
		path = benchFile(b, 1_000_000, 131072)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	c := payments()
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	var rows int64
	for b.Loop() {
		rep, err := contract.Validate(path, c, contract.Options{Workers: 2})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Statistics.Failed > 0 || !rep.Schema.Success {
			b.Fatalf("the benchmark file fails its contract: %s", rep.Verdict())
		}
		rows = rep.Statistics.Rows
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
