package profile

import (
	"os"
	"testing"

	"github.com/paygen/paygen/runtime/colscan/fixture"
)

func BenchmarkScratch1M(b *testing.B) {
	path := "/tmp/prof_scratch_1m.parquet"
	if _, err := os.Stat(path); err != nil {
		if err := fixture.Write(path, fixture.Options{Rows: 1000000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Run(path, nil, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
