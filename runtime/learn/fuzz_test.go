package learn

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/learn/learntest"
)

// FuzzAnalyzeFile reads arbitrary bytes as a learnability input: an error or a
// report, never a panic (colscan checks the pages before parquet-go decodes them).
func FuzzAnalyzeFile(f *testing.F) {
	dir := f.TempDir()
	p := filepath.Join(dir, "seed.parquet")
	if err := learntest.WriteParquet(p, learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 60, FraudRate: 0.1, Seed: 1}), 40); err != nil {
		f.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	f.Add(b)
	f.Add([]byte("PAR1"))
	prev := colscan.MemoryBudget
	colscan.MemoryBudget = 32 << 20
	f.Cleanup(func() { colscan.MemoryBudget = prev })
	path := filepath.Join(dir, "fuzz.parquet")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := AnalyzeFile(path, Options{SplitDays: DefaultSplitDays})
		if err == nil && rep == nil {
			t.Fatal("no report and no error")
		}
	})
}
