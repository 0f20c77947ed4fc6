package pqwrite_test

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/colwrite"
	"github.com/paygen/paygen/runtime/world"
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

// BenchmarkColumnsScale is the writer alone at scale: two filled blocks of a
// 1 M, 10 M and 100 M-row world (one row group, as 8MB row groups hold at
// 100 M rows) appended column by column, encoded and compressed, on one
// goroutine. It reports CPU ns per row: what the id columns' dictionaries,
// key maps and fallback pages cost as the populations grow.
func BenchmarkColumnsScale(b *testing.B) {
	for _, rows := range []int64{1_000_000, 10_000_000, 100_000_000} {
		b.Run(fmt.Sprintf("rows=%dM", rows/1_000_000), func(b *testing.B) {
			w := newWorld(b, rows)
			blks := []*world.Block{w.NewBlock(), w.NewBlock()}
			for i, blk := range blks {
				blk.Fill((i + 1) * w.Blocks() / 3)
			}
			rg := colwrite.NewRowGroup(generated.Columns)
			rg.SetPageLimits(32768, 256<<10)
			group := func() int {
				for c, write := range generated.Writers {
					for _, blk := range blks {
						write(blk, rg)
					}
					if err := rg.FinishColumn(c); err != nil {
						b.Fatal(err)
					}
				}
				if err := rg.Finish(); err != nil {
					b.Fatal(err)
				}
				n := int(rg.Rows())
				rg.Reset()
				return n
			}
			group()      // grow the row group's buffers once
			runtime.GC() // and leave the world's construction behind
			b.ReportAllocs()
			n := 0
			cpu := cpuTime(b)
			for b.Loop() {
				n += group()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/row")
			b.ReportMetric(float64(cpuTime(b)-cpu)/float64(n), "cpu-ns/row")
		})
	}
}
