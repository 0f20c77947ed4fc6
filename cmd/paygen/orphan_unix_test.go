//go:build unix

package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 13: after kill -9 the hidden temporary file (hundreds of MB) stayed
// unless the same target was rerun with --overwrite an hour later. A leftover
// whose lock no process holds is removed by the next run for the target at once,
// also when that run then stops because the target exists; a live run's is kept.
func TestKilledRunsTempIsRemovedAtOnce(t *testing.T) {
	dir := t.TempDir()
	recent := time.Now().Add(-time.Minute)
	mk := func(name string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte("partial"), 0o644))
		require.NoError(t, os.Chtimes(p, recent, recent))
		return p
	}
	dead := mk(".payments_10k_20250529.parquet.tmp-111")
	live := mk(".payments_10k_20250529.parquet.tmp-222")
	f, err := os.Open(live)
	require.NoError(t, err)
	holdLock(f) // a live run holds its lock
	defer f.Close()
	young := filepath.Join(dir, ".payments_10k_20250529.parquet.tmp-333")
	require.NoError(t, os.WriteFile(young, nil, 0o644)) // just created: not yet locked by its run

	code, _, errs := generateCmd("--rows", "10k", "--out", dir, "--quiet")
	require.Equal(t, 0, code, errs)
	assert.NoFileExists(t, dead)
	assert.FileExists(t, live)
	assert.FileExists(t, young)

	dead2 := mk(".payments_10k_20250529.parquet.tmp-444")
	code, _, _ = generateCmd("--rows", "10k", "--out", dir, "--quiet")
	assert.Equal(t, 1, code, "the target exists")
	assert.NoFileExists(t, dead2, "cleaned even so")
}

func TestStaleTmpDirsAreRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	old := time.Now().Add(-time.Minute)
	mkdir := func(name string, lock bool) string {
		p := filepath.Join(tmp, name)
		require.NoError(t, os.Mkdir(p, 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(p, "payments.parquet"), []byte("x"), 0o600))
		if lock {
			require.NoError(t, os.WriteFile(filepath.Join(p, tmpDirLock), nil, 0o600))
		}
		require.NoError(t, os.Chtimes(p, old, old))
		return p
	}
	dead := mkdir("paygen-101", true)
	live := mkdir("paygen-202", true)
	lf, err := os.Open(filepath.Join(live, tmpDirLock))
	require.NoError(t, err)
	holdLock(lf)
	defer lf.Close()
	oldBinary := mkdir("paygen-303", false) // a run of a paygen without locks: age decides
	other := mkdir("paygen-e2e-404", true)  // not a name generate makes
	removeStaleTmpDirs()
	assert.NoDirExists(t, dead)
	assert.DirExists(t, live)
	assert.DirExists(t, oldBinary)
	assert.DirExists(t, other)
	ancient := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(oldBinary, ancient, ancient))
	removeStaleTmpDirs()
	assert.NoDirExists(t, oldBinary)
}
