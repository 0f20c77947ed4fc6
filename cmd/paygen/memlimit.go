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
// the buffers that grow while the first row groups are encoded leave that
// much garbage behind. The limit makes the collector run before then. It
// is a soft limit: if the live memory exceeded it the program would only
// collect more often, never fail. It grows with the workers and with the
// rows per row group (about 256 bytes per row in flight per worker).
func generateMemoryLimit(workers, groupRows int) int64 {
	const base = 64 << 20
	per := max(48<<20, int64(groupRows)*256)
	return base + int64(workers)*per
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
