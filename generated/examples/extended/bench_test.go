package generated

import (
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/paygen/paygen/runtime/colwrite"
	"github.com/paygen/paygen/runtime/decl"
	"github.com/paygen/paygen/runtime/world"
)

// benchBlock is a filled block of the extended table (65,536 rows).
func benchBlock(b *testing.B) *world.Block {
	w, err := world.New(Config, 42, 1_000_000, testDate)
	if err != nil {
		b.Fatal(err)
	}
	blk := w.NewBlock()
	blk.Fill(3)
	return blk
}

// cpuTime is the process's user+system CPU time: on a shared machine a
// benchmark's wall time counts the time other processes hold the cores, its
// CPU time much less so. The benchmarks report both per row.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// perRow runs f b.N times (f stops and starts the timer around its set-up)
// and reports wall and CPU nanoseconds per row; the CPU figure includes the
// set-up, so set-up is measured apart and subtracted.
func perRow(b *testing.B, rows int, setup, f func()) {
	var setupCPU time.Duration
	start := cpuTime()
	for range b.N {
		b.StopTimer()
		s := cpuTime()
		setup()
		setupCPU += cpuTime() - s
		b.StartTimer()
		f()
	}
	cpu := cpuTime() - start - setupCPU
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*rows), "cpu-ns/row")
}

// BenchmarkDeclaredGen is the cost of drawing a declared column's values
// for one block (its gen function: the generator alone), in ns per row. A
// declared column the generator reads comes from the block's memo (drawn
// once per block, in the first iteration), as it does in the writers; the
// source columns it reads are built by each call, as they are there.
func BenchmarkDeclaredGen(b *testing.B) {
	blk := benchBlock(b)
	n := blk.Len()
	u16, i64, f64, bs, strs := make([]uint16, n), make([]int64, n), make([]float64, n), make([]bool, n), make([]string, n)
	for _, c := range []struct {
		name string
		gen  func()
	}{
		{"channel/categorical_by", func() { genChannel(blk, u16) }},
		{"installments/categorical_scenario_override", func() { genInstallments(blk, i64) }},
		{"is_recurring/categorical_by_declared_fraud_override", func() { genIsRecurring(blk, bs) }},
		{"customer_segment/categorical_per_customer", func() { genCustomerSegment(blk, u16) }},
		{"customer_birth_year/normal_per_customer", func() { genCustomerBirthYear(blk, i64) }},
		{"risk_score/normal_fraud_overrides", func() { genRiskScore(blk, f64) }},
		{"loyalty_points/poisson40", func() { genLoyaltyPoints(blk, i64) }},
		{"terminal_no/zipf", func() { genTerminalNo(blk, i64) }},
		{"settlement_time/exponential_after_event", func() { genSettlementTime(blk, i64) }},
		{"account_open_date/lognormal_per_customer", func() { genAccountOpenDate(blk, i64) }},
		{"amount_usd/expr", func() { genAmountUsd(blk, i64) }},
		{"local_hour/expr", func() { genLocalHour(blk, i64) }},
		{"terminal_id/expr_format", func() { ar := decl.Arenas.Get(); genTerminalID(blk, strs, ar); decl.Arenas.Put(ar) }},
		{"billing_country/expr_if_strings", func() { genBillingCountry(blk, strs) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			perRow(b, n, func() { blk.Fill(3) }, c.gen)
		})
	}
}

// BenchmarkWriter is the cost of a column's writer (drawing or reading the
// values and encoding them into a row group), in ns per row: declared
// columns beside source columns of the same kind.
func BenchmarkWriter(b *testing.B) {
	blk := benchBlock(b)
	n := blk.Len()
	for _, name := range []string{
		"channel", "installments", "customer_segment", "customer_birth_year", "risk_score", "terminal_no", "settlement_time", "amount_usd",
		"terminal_id", "billing_country", "merchant_id", "merchant_country",
		"entry_mode", "amount", "latitude", "event_time",
	} {
		i := slices.Index(ColumnNames, name)
		if i < 0 {
			b.Fatalf("no column %s", name)
		}
		b.Run(name, func(b *testing.B) {
			rg := colwrite.NewRowGroup(Columns)
			perRow(b, n, func() { rg.Reset(); blk.Fill(3) }, func() { Writers[i](blk, rg) })
		})
	}
}
