package learn

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/learn/learntest"
)

// Issue 13: learnability held about 550 B/row. What the Analyzer keeps after reading the
// rows (the live heap after a collection, which does not depend on timing) stays below
// livePerRow, the per-row figure of LiveBytes, the soft memory limit the command runs under.
func TestAnalyzerLiveMemoryPerRow(t *testing.T) {
	if testing.Short() {
		t.Skip("a 100k-row memory measurement: full tier")
	}
	const rows = 100_000
	path := filepath.Join(t.TempDir(), "mem.parquet")
	require.NoError(t, learntest.WriteParquet(path, learntest.SyntheticRows(learntest.SyntheticOptions{Rows: rows, FraudRate: 0.003, Seed: 5}), 0))
	cf, err := colscan.Open(path)
	require.NoError(t, err)
	defer cf.Close()
	cols, _, err := checkSchema(cf.Columns())
	require.NoError(t, err)
	last, err := lastEventTime(cf, cols)
	require.NoError(t, err)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	a, err := NewAnalyzer(time.UnixMicro(last), Options{})
	require.NoError(t, err)
	require.NoError(t, readRows(cf, a, nil))
	runtime.GC()
	runtime.ReadMemStats(&after)
	perRow := float64(after.HeapAlloc-before.HeapAlloc) / rows
	t.Logf("live after reading %d rows: %.0f B/row", rows, perRow)
	assert.Less(t, perRow, float64(livePerRow))
	_, err = a.Finish()
	require.NoError(t, err)
}
