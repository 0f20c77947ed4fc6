package main

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tmpDirLock is the file a run locks inside its $TMPDIR/paygen-* directory (the local
// copy --to keeps for --validate and --profile) for as long as the run lives.
const tmpDirLock = ".paygen.lock"

// lockTmpDir creates and locks dir's lock file; closing the file releases it.
func lockTmpDir(dir string) *os.File {
	f, err := os.OpenFile(filepath.Join(dir, tmpDirLock), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil
	}
	holdLock(f)
	return f
}

// removeStaleTmpDirs deletes the $TMPDIR/paygen-DIGITS directories of runs that
// died without cleaning up (SIGKILL, a crash): at once when their lock is free
// (Unix), else once untouched for staleAfter. Best effort.
func removeStaleTmpDirs() {
	dir := os.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), "paygen-")
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" || !e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		info, err := e.Info()
		if err != nil {
			continue
		}
		age := time.Since(info.ModTime())
		lock := filepath.Join(p, tmpDirLock)
		_, hasLock := os.Stat(lock)
		if age > staleAfter || (hasLock == nil && age > orphanGrace && orphaned(lock)) {
			os.RemoveAll(p)
		}
	}
}
