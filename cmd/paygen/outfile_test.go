package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A run killed with SIGKILL leaves its temporary file; the next run for the
// same target removes it once it is stale, and touches nothing else.
func TestGenerateRemovesStaleTempsOfItsTarget(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * time.Hour)
	file := func(name string, mtime time.Time) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, nil, 0o644))
		require.NoError(t, os.Chtimes(p, mtime, mtime))
		return p
	}
	stale := file(".payments_10k_20250529.parquet.tmp-123456", old)
	keep := []string{
		file(".payments_10k_20250529.parquet.tmp-654321", time.Now()),    // recent: maybe a live run
		file(".payments_20k_20250529.parquet.tmp-777", old),              // another target
		file(".payments_10k_20250529.parquet.tmp-notours", old),          // not a temp name paygen makes
		file(".payments_10k_20250529.parquet.shard-1-of-2.tmp-888", old), // another target
		file("notes.txt", old),
	}
	code, _, errs := generateCmd("--rows", "10k", "--out", dir, "--quiet")
	require.Equal(t, 0, code, errs)
	assert.NoFileExists(t, stale)
	for _, p := range keep {
		assert.FileExists(t, p)
	}
	assert.FileExists(t, filepath.Join(dir, "payments_10k_20250529.parquet"))
}
