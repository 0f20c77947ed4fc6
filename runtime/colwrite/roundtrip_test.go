package colwrite

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testKV = [][2]string{{"paygen.seed", "7"}, {"paygen.rows", "36000"}}

// layout cuts a table into row groups of batches: layout[g][b] is the
// number of rows of batch b of row group g.
type layout [][]int

func (l layout) groups() []int {
	var out []int
	for _, g := range l {
		n := 0
		for _, b := range g {
			n += b
		}
		out = append(out, n)
	}
	return out
}

// writeTable writes tab as a file with the given layout, encoding the row
// groups one after the other with one reused RowGroup.
func writeTable(t testing.TB, tab *table, l layout, pageRows int) []byte {
	return writeTableLimit(t, tab, l, pageRows, DefaultDictBytes)
}

// The payments table in three row groups of three batches each, with pages
// of 3,000 rows: pages are cut inside batches and continue across them.
var testLayout = layout{{5000, 5000, 2000}, {7000, 3000, 2000}, {1, 4999, 6000}}

func testTable() (*table, *dataset) {
	groups := testLayout.groups()
	n := 0
	for _, g := range groups {
		n += g
	}
	tab := genTable(n, 7, tableOpts{customers: 3000, merchants: 400, singleType: true})
	return tab, &dataset{cols: testColumns(), groups: groups, value: tab.value, kv: testKV}
}

func TestPaymentsReadByArrow(t *testing.T) {
	t.Parallel()
	tab, d := testTable()
	checkArrow(t, writeTable(t, tab, testLayout, 3000), d)
}

func TestPaymentsReadByParquetGo(t *testing.T) {
	t.Parallel()
	tab, d := testTable()
	checkParquetGo(t, writeTable(t, tab, testLayout, 3000), d)
}

func TestPaymentsStatistics(t *testing.T) {
	t.Parallel()
	tab, d := testTable()
	checkStats(t, writeTable(t, tab, testLayout, 3000), d)
}

// TestParallelEncodingSameBytes encodes the row groups concurrently, one
// goroutine and RowGroup each, and checks the file is byte for byte the one
// written sequentially.
func TestParallelEncodingSameBytes(t *testing.T) {
	t.Parallel()
	tab, _ := testTable()
	want := writeTable(t, tab, testLayout, 3000)

	groups := make([]*RowGroup, len(testLayout))
	done := make(chan error, len(testLayout))
	lo := 0
	for g, batches := range testLayout {
		rg := NewRowGroup(testColumns())
		rg.SetPageLimits(3000, DefaultPageBytes)
		groups[g] = rg
		go func(lo int) {
			for _, n := range batches {
				appendRows(rg, tab, lo, lo+n)
				lo += n
			}
			done <- rg.Finish()
		}(lo)
		for _, n := range batches {
			lo += n
		}
	}
	for range groups {
		require.NoError(t, <-done)
	}
	assert.True(t, bytes.Equal(want, writeGroups(t, groups)), "parallel file differs from sequential file")
}

// writeGroups writes finished row groups, in order, into one file.
func writeGroups(t testing.TB, groups []*RowGroup) []byte {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, testColumns(), testKV, "paygen version 0.1.0")
	require.NoError(t, err)
	for _, rg := range groups {
		require.NoError(t, w.WriteRowGroup(rg))
	}
	require.NoError(t, w.Close())
	return buf.Bytes()
}
