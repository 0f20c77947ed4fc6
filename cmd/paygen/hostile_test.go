package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

// A generated file whose first event_time page claims 2,147,483,647 values
// (issue 13: validate tried to allocate 16 GiB): every reader says so on one
// line, exit 2, at once.
func TestCraftedPageHeaderIsOneLine(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := generateCmd("--rows", "10k", "--out", dir)
	require.Equal(t, 0, code, errs)
	path := filepath.Join(dir, "payments_10k_20250529.parquet")
	require.NoError(t, colscantest.RewritePageHeader(path, 0, 1, 0, func(h *format.PageHeader) {
		colscantest.SetNumValues(h, func(int32) int32 { return 2147483647 })
	}))
	for _, cmd := range [][]string{{"validate", path}, {"profile", path, "--out", filepath.Join(dir, "p.html")}, {"learnability", path}} {
		start := time.Now()
		code, out, errs := runMain(cmd...)
		assert.Less(t, time.Since(start), 5*time.Second, cmd[0])
		assert.Equal(t, 2, code, cmd[0])
		assert.Empty(t, out, cmd[0])
		assert.Equal(t, 1, strings.Count(errs, "\n"), "%s: %q", cmd[0], errs)
		assert.Contains(t, errs, `column "event_time": row group 0: corrupt Parquet file: page 0: 2147483647 values`, cmd[0])
	}
}
