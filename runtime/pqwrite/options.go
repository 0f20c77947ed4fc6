package pqwrite

import "runtime"

// Circulating returns how many blocks and row group encoders a write with the given
// workers keeps in circulation: one block per worker and one encoder per two, but no more
// blocks than twice the CPUs the process may use (at least 4), since more blocks than
// running workers only hold memory (a block is about 10 MB: --workers 256 took 2.4 GB).
// The output does not depend on either count.
func Circulating(workers int) (blocks, groups int) {
	blocks = min(workers, max(4, 2*runtime.GOMAXPROCS(0)))
	return blocks, (blocks + 1) / 2
}

// Options controls a write.
type Options struct {
	Workers        int              // goroutines generating and encoding (>= 1)
	RowGroupBlocks int              // blocks per row group (>= 1)
	FirstBlock     int              // first block to write (shards write a contiguous range)
	EndBlock       int              // one past the last block; 0 means all blocks
	Metadata       [][2]string      // key-value metadata for the file footer
	Progress       func(rows int64) // called by the committer after each row group

	// SizeGroups, if set, replaces RowGroupBlocks: the write first measures
	// a row's bytes as RowBytes does (one worker, while the others fill the
	// first blocks) and asks SizeGroups for the blocks per row group.
	SizeGroups func(rowBytes float64) (blocks int, err error)

	// SpoolDir, if set, is where the row groups' encoded pages go past
	// SpoolColumnBytes per column (default 1 MiB), in temporary files
	// (colwrite.RowGroup.SpoolTo), instead of staying in memory until their
	// group is written: for row groups too large to hold. Same bytes.
	SpoolDir         string
	SpoolColumnBytes int
}

// Stats describes a finished write.
type Stats struct {
	Rows      int64
	RowGroups int
}
