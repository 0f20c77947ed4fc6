package pqwrite

// Options controls a write.
type Options struct {
	Workers        int              // goroutines generating and encoding (>= 1)
	RowGroupBlocks int              // blocks per row group (>= 1)
	FirstBlock     int              // first block to write (shards write a contiguous range)
	EndBlock       int              // one past the last block; 0 means all blocks
	Metadata       [][2]string      // key-value metadata for the file footer
	Progress       func(rows int64) // called by the committer after each row group
}

// Stats describes a finished write.
type Stats struct {
	Rows      int64
	RowGroups int
}
