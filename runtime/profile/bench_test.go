package profile

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

// The benchmark profiles a 1,000,000-row payments file (the payments table of schema/transaction_schema.yaml,
// written once per test process with parquet-go, 4 row groups).
const benchRows = 1_000_000

var (
	benchOnce sync.Once
	benchDir  string
	benchPath string
	benchErr  error
)

func benchFile(b *testing.B) string {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "paygen-profile-bench-")
		if benchErr != nil {
			return
		}
		benchPath = filepath.Join(benchDir, "payments_1M_20250529.parquet")
		benchErr = writePayments(benchPath, benchRows, 1, 250_000)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// BenchmarkRun1M measures one full profile (one streaming pass over all
// rows, all sections) of the 1M-row file; bytes/s count the Parquet file.
func BenchmarkRun1M(b *testing.B) {
	path := benchFile(b)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	var p *Profile
	cpu0 := cpuSeconds()
	for b.Loop() {
		if p, err = Run(path, testSpec(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuSeconds() - cpu0
	b.StopTimer()
	// CPU seconds per run (user+sys of the process): on a shared machine the
	// wall time depends on the other load, this does not.
	b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	var html, js bytes.Buffer
	if err := p.WriteHTML(&html); err != nil {
		b.Fatal(err)
	}
	if err := p.WriteJSON(&js); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(html.Len()), "html-bytes")
	b.ReportMetric(float64(js.Len()), "json-bytes")
	b.ReportMetric(float64(benchRows)/b.Elapsed().Seconds()*float64(b.N), "rows/s")
}

// BenchmarkWriteHTML1M measures rendering the report of the 1M-row file.
func BenchmarkWriteHTML1M(b *testing.B) {
	p, err := Run(benchFile(b), testSpec(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := p.WriteHTML(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// cpuSeconds is the user+system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}
