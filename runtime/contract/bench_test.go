package contract_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/paygen/paygen/runtime/colscan/fixture"
	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/contract/contracttest"
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

// benchFile writes (once per process) a 1M-row payments file shaped like BRIEF.md.
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
	if err := fixture.Write(p, fixture.Options{Rows: rows, RowGroupRows: rowGroupRows, Seed: 42}); err != nil {
		b.Fatal(err)
	}
	benchFiles.paths[key] = p
	return p
}

// BenchmarkValidate1M validates a 1,000,000-row file against the full payments contract
// (32 expectations) with 2 goroutines. Sub-benchmarks vary the row-group size.
func BenchmarkValidate1M(b *testing.B) {
	const rows = 1_000_000
	for _, rg := range []int64{0, 131072} {
		name := "rowgroup=all"
		if rg > 0 {
			name = fmt.Sprintf("rowgroup=%d", rg)
		}
		b.Run(name, func(b *testing.B) {
			path := benchFile(b, rows, rg)
			st, _ := os.Stat(path)
			c := contracttest.Payments()
			b.SetBytes(st.Size())
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				rep, err := contract.Validate(path, c, contract.Options{Workers: 2})
				if err != nil {
					b.Fatal(err)
				}
				if !rep.Success {
					b.Fatalf("the benchmark file fails its contract: %s", rep.Verdict())
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
