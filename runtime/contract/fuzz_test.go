package contract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
	"github.com/paygen/paygen/runtime/contract"
)

// FuzzValidate runs the contract on arbitrary bytes: an error or a report, never a
// panic (the reader's memory bounds are FuzzOpenAndScan's). Seeds: small real files.
func FuzzValidate(f *testing.F) {
	dir := f.TempDir()
	for i, o := range []colscantest.Options{{Rows: 30, RowGroupRows: 20}, {Rows: 10, Seed: 9}} {
		p := filepath.Join(dir, "seed.parquet")
		if err := colscantest.Write(p, o); err != nil {
			f.Fatal(err)
		}
		b, _ := os.ReadFile(p)
		f.Add(b)
		if i == 0 {
			if err := colscantest.WriteOptional(p, o, nil); err != nil {
				f.Fatal(err)
			}
			b, _ = os.ReadFile(p)
			f.Add(b)
		}
	}
	f.Add([]byte("PAR1"))
	prev := colscan.MemoryBudget
	colscan.MemoryBudget = 32 << 20
	f.Cleanup(func() { colscan.MemoryBudget = prev })
	c := payments()
	path := filepath.Join(dir, "fuzz.parquet")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := contract.Validate(path, c, contract.Options{Workers: 1})
		if err == nil && rep == nil {
			t.Fatal("no report and no error")
		}
	})
}
