package colwrite

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoAllocationPerRow checks that encoding a reused row group allocates a
// number of times that does not grow with its rows: whatever allocates is
// per page or per column chunk, never per value.
func TestNoAllocationPerRow(t *testing.T) {
	const block = 8192
	tab := genTable(16*block, 3, tableOpts{customers: 2000, merchants: 300})
	cols := tableColumns(true)
	rg := NewRowGroup(cols)
	rg.SetPageLimits(1<<20, 1<<30) // one page per column chunk, whatever the rows
	writers := tableWriters(tab, true)
	encode := func(blocks int) float64 {
		return testing.AllocsPerRun(3, func() {
			rg.Reset()
			for b := range blocks {
				for _, w := range writers {
					w(rg, b*block, (b+1)*block)
				}
			}
			require.NoError(t, rg.Finish())
		})
	}
	small, large := encode(2), encode(16)
	t.Logf("allocations per row group: %v for %d rows, %v for %d rows", small, 2*block, large, 16*block)
	// 114,688 more rows; sync.Pools emptied by a GC (or by the race
	// detector) may cost a few allocations more or less.
	assert.Less(t, large-small, 16.0)
}
