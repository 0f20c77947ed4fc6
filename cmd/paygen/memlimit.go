package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/paygen/paygen/runtime/pqwrite"
)

// generateMemoryLimit is the soft memory limit (runtime/debug.SetMemoryLimit)
// that generate runs under. The writer's live memory is bounded by the row
// group (see docs/adr/0011-dictionary-fallback.md), but with the default
// GOGC the heap may grow to twice the live memory before a collection, and
// the buffers that grow while row groups are encoded leave garbage behind,
// more of it as larger populations make row groups bigger. The limit makes
// the collector run before then, which keeps the peak nearly flat from 1 M
// to 20 M rows. It is a soft limit: if the live memory exceeded it the
// program would only collect more often, never fail, but a limit close to
// the live memory makes it collect all the time. It follows what is live:
// a block per worker (about 10 MB), a row group encoder per two workers
// (both capped by pqwrite.Circulating)
// (about 220 bytes per row of the group at 20 M rows: compressed pages,
// dictionaries, key maps) and the world's tables, with a quarter or more
// to spare (measured at 20 M rows: 70, 83 and 152 MB live for 1, 2 and 4
// workers, against limits of 90, 106 and 188 MB). Those figures are for the
// 24 columns of the default table; a wider table (declared columns) has
// more per block and per row of a group, in proportion to its columns
// (schema/examples/extended, 44 columns: 90 MB live at 1 M rows, 2 workers,
// which a 24-column limit of 95 MB made the collector chase: 49 collections
// and a third more CPU).
//
// The base holds the world's tables and the rest of the process, and the
// world grows with the row count (6 MB live at 1 M rows, 20 MB at 10 M,
// 37 MB at 100 M: the fraud plan, the merchant table, the defrauded cards),
// as do the writer's dictionaries and key maps. So the base is the world's
// measured live heap plus worldMargin (the 24 MB base, less the 6 MB world,
// of the 1 M-row measurement), and never less than 24 MB. With a fixed
// 24 MB base the 100 M-row write's live heap sat at the limit: 2,915
// collections and 20 s of CPU in them, against 1,687 and 11 s with this
// base (92.5 -> 79.2 s wall, 131 -> 138 MB peak RSS; docs/adr/0016).
func generateMemoryLimit(workers, groupRows, columns int, world int64) int64 {
	const minBase, worldMargin, perBlock, perGroupRow, measuredColumns = 24 << 20, 18 << 20, 16 << 20, 256, 24
	width := max(1, float64(columns)/measuredColumns)
	blocks, groups := pqwrite.Circulating(workers)
	base := max(minBase, world+worldMargin)
	return base + int64(width*float64(int64(blocks)*perBlock+int64(groups)*int64(groupRows)*perGroupRow))
}

// limitMemory sets generate's soft memory limit unless GOMEMLIMIT is set,
// and returns a function that restores the previous limit.
func limitMemory(workers, groupRows, columns int, world int64) (restore func()) {
	return softMemoryLimit(generateMemoryLimit(workers, groupRows, columns, world))
}

// liveHeap collects and returns the bytes the heap holds: called once the
// world is built, it is what the world keeps (its construction's garbage
// is freed before the write begins).
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// softMemoryLimit sets the soft memory limit to limit bytes unless GOMEMLIMIT is
// set, and returns a function that restores the previous limit.
func softMemoryLimit(limit int64) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(limit)
	return func() {
		if prev <= 0 {
			prev = math.MaxInt64
		}
		debug.SetMemoryLimit(prev)
	}
}

// limitMemory sets the write's memory limit once its row groups are sized;
// restoreMemory undoes it.
func (p *genPlan) limitMemory() {
	rows := p.groupBlks * p.w.BlockRows()
	if p.spool {
		// a spooled group holds its pages past 1 MiB per column on disk:
		// room for what it keeps (dictionaries, page and spool buffers) as
		// for a group of spoolHeldRows rows
		rows = min(rows, spoolHeldRows)
	}
	p.restore = limitMemory(p.workers, rows, len(p.def.columns), p.worldBytes)
}

// spoolHeldRows is the group size, in rows, whose memory allowance a
// spooled write gets (about what a 32 MB row group holds).
const spoolHeldRows = 512 << 10

func (p *genPlan) restoreMemory() {
	if p.restore != nil {
		p.restore()
	}
}

// profileMemoryLimit is the soft memory limit a profile runs under. Its live
// memory does not grow with the file (sketches, a few row groups' pages in
// flight, the realism scorecard's sample of at most 2 M rows): 130-160 MB
// in heap snapshots of a 100 M-row profile. Without a limit the collector
// let the heap grow to twice that (453 MB peak RSS at 100 M rows, 196 MB at
// 1 M); under 256 MiB the 100 M-row profile peaks at 271 MB in the same CPU
// time (95 s against 99 s, one run each, 3 December). A smaller limit
// (200 MiB) made the collector chase the live heap: +20 % CPU.
const profileMemoryLimit = 256 << 20

// validateMemoryLimit is the soft memory limit validation runs under. It
// reads a column chunk at a time and keeps per expectation a bounded state
// (the unique check streams while the column ascends, ADR 16): ~55 MB
// peak at 1 M rows. Without a limit the heap's headroom grew with the file,
// to 149-166 MB at 100 M rows; under 96 MiB a 100 M-row file of 137 MB row
// groups (--row-group-size 128MB) peaks at 112 MB in about the same time
// (18.7 and 20.8 s against 18.2 and 20.2 s, two interleaved runs each,
// 3 December). A file whose chunks need more than the limit is validated
// all the same, with the collector running more often.
const validateMemoryLimit = 96 << 20
