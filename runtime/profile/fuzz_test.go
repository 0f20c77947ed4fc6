package profile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paygen/paygen/runtime/colscan"
)

// FuzzRun profiles arbitrary bytes: an error or a profile, never a panic.
// Seeds: small real files (one with pre-1970 timestamps).
func FuzzRun(f *testing.F) {
	dir := f.TempDir()
	p := filepath.Join(dir, "seed.parquet")
	rows := genPayments(40, 3)
	if err := writeParquet(p, rows, 25); err != nil {
		f.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	f.Add(b)
	for i := range rows {
		rows[i].EventTime -= 56 * 365 * 86400e6
	}
	if err := writeParquet(p, rows, 0); err != nil {
		f.Fatal(err)
	}
	b, _ = os.ReadFile(p)
	f.Add(b)
	f.Add([]byte("PAR1\x00\x00\x00\x00PAR1"))
	prev := colscan.MemoryBudget
	colscan.MemoryBudget = 32 << 20
	f.Cleanup(func() { colscan.MemoryBudget = prev })
	path := filepath.Join(dir, "fuzz.parquet")
	spec := testSpec()
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		pr, err := Run(path, spec, Options{})
		if err == nil && pr == nil {
			t.Fatal("no profile and no error")
		}
	})
}
