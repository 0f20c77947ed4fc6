package pqwrite_test

import (
	"fmt"
	"syscall"
	"testing"
)

// BenchmarkBlockFillScale is the cost of one block of 65,536 rows in a
// 1 M-, 10 M- and 100 M-row world (issue 16): the entity populations grow
// with the rows, so a block's lookups range over 50x more customers,
// cards, merchants and devices at 100 M. Blocks are taken across the whole
// month; cpu-ns/row (the process's CPU time, which other processes on a
// shared machine disturb less than the wall clock) is the figure to compare.
func BenchmarkBlockFillScale(b *testing.B) {
	for _, rows := range []int64{1_000_000, 10_000_000, 100_000_000} {
		b.Run(fmt.Sprintf("rows=%dM", rows/1_000_000), func(b *testing.B) {
			w := newWorld(b, rows)
			blk := w.NewBlock()
			blk.Fill(0) // grow the block's scratch once
			b.ReportAllocs()
			b.SetBytes(int64(w.BlockRows()))
			i := 0
			cpu := cpuTime(b)
			for b.Loop() {
				blk.Fill(i * 97 % w.Blocks())
				i++
			}
			rows := float64(b.N) * float64(w.BlockRows())
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/rows, "ns/row")
			b.ReportMetric(float64(cpuTime(b)-cpu)/rows, "cpu-ns/row")
		})
	}
}

// cpuTime is the process's user and system CPU time so far, in nanoseconds.
func cpuTime(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
