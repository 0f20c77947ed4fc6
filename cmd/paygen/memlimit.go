package main

import (
	"math"
	"os"
	"runtime/debug"
)

// generateMemoryLimit is the soft memory limit (runtime/debug.SetMemoryLimit)
// that generate runs under. The writer's live memory is bounded by the row
// group (see docs/adr/0011-dictionary-fallback.md), but with the default
// GOGC the heap may grow to twice the live memory before a collection, and
// the buffers that grow while row groups are encoded leave garbage behind,
// more of it as larger populations make row groups bigger. The limit makes
// the collector run before then, which keeps the peak nearly flat from 1 M
// to 20 M rows. It is a soft limit: if the live memory exceeded it the
// program would only collect more often, never fail. It grows with the
// workers (a block of about 10 MB each, a row group per two) and with the
// rows per row group (64 bytes per row and worker: compressed pages,
// dictionaries and key maps, with room to spare).
func generateMemoryLimit(workers, groupRows int) int64 {
	const base, perWorker = 48 << 20, 16 << 20
	return base + int64(workers)*(perWorker+int64(groupRows)*64)
}

// limitMemory sets generate's soft memory limit unless GOMEMLIMIT is set,
// and returns a function that restores the previous limit.
func limitMemory(workers, groupRows int) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(generateMemoryLimit(workers, groupRows))
	return func() {
		if prev <= 0 {
			prev = math.MaxInt64
		}
		debug.SetMemoryLimit(prev)
	}
}
