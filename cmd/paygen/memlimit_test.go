package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/pqwrite"
)

// The limit of the 24-column default table is the one measured for it (a
// wider table's may not lower it), and a wider table gets room in
// proportion to its columns beyond the base.
func TestGenerateMemoryLimit(t *testing.T) {
	const groupRows = 4 * 65536
	blocks, groups := pqwrite.Circulating(2)
	want := int64(24<<20 + blocks*16<<20 + groups*groupRows*256)
	assert.Equal(t, 24, len(generated.Columns))
	assert.Equal(t, want, generateMemoryLimit(2, groupRows, len(generated.Columns), 6<<20))
	assert.Equal(t, want, generateMemoryLimit(2, groupRows, 10, 6<<20), "a narrower table keeps the default's room")
	wide := generateMemoryLimit(2, groupRows, 48, 6<<20)
	assert.Equal(t, 24<<20+2*(want-24<<20), wide, "twice the columns, twice the room beyond the base")
	// a larger world (100 M rows: 37 MB live) raises the base by what it holds beyond 6 MB
	assert.Equal(t, want+31<<20, generateMemoryLimit(2, groupRows, len(generated.Columns), 37<<20))
}

// Row groups of 32 MB and more (or as many rows as 32 MB holds at the
// largest measured row) spool their pages to disk; the default 8MB does not.
func TestLargeGroupsSpool(t *testing.T) {
	for s, want := range map[string]bool{
		"8MB": false, "31MB": false, "32MiB": true, "128MB": true, "1GB": true,
		"100000": false, "447392": true, "2_000_000": true, "bad": false,
	} {
		assert.Equal(t, want, largeGroups(s), s)
	}
}
