package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// errExists reports that the destination exists and --overwrite was not given.
var errExists = errors.New("exists")

// atomicFile is written under a temporary name in the destination's directory
// and appears under its final name only when complete: a crash, an error or
// Ctrl-C never leaves a partial file behind.
type atomicFile struct {
	final, tmp string
	f          *os.File
	w          *bufio.Writer
	overwrite  bool
	mu         sync.Mutex // orders Abort and the publishing step
	aborted    bool
}

func createAtomic(final string, overwrite bool) (*atomicFile, error) {
	removeStaleTemps(final) // also when the target exists and the run stops here
	if !overwrite {
		if _, err := os.Stat(final); err == nil {
			return nil, fmt.Errorf("%s: %w (use --overwrite to replace it)", final, errExists)
		}
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return nil, err
	}
	f, err := createTempBeside(final) // 0666 less the umask, like any new file
	if err != nil {
		return nil, err
	}
	holdLock(f) // until the file is closed: tells later runs this run is alive
	return &atomicFile{final: final, tmp: f.Name(), f: f, w: bufio.NewWriterSize(&writeback{f: f}, 1<<20), overwrite: overwrite}, nil
}

func (a *atomicFile) Write(p []byte) (int, error) { return a.w.Write(p) }

// Commit flushes, syncs and publishes the file under its final name.
func (a *atomicFile) Commit() (err error) {
	defer func() {
		if err != nil {
			a.Abort()
		}
	}()
	if err = a.w.Flush(); err != nil {
		return err
	}
	if err = a.f.Sync(); err != nil {
		return err
	}
	if err = a.f.Close(); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.aborted {
		return errInterrupted
	}
	if a.overwrite {
		err = os.Rename(a.tmp, a.final)
	} else if err = os.Link(a.tmp, a.final); err == nil {
		os.Remove(a.tmp)
	} else if errors.Is(err, fs.ErrExist) {
		err = fmt.Errorf("%s: %w (use --overwrite to replace it)", a.final, errExists)
	}
	return err
}

// Abort removes the temporary file (after a Commit it does nothing).
func (a *atomicFile) Abort() {
	if !a.mu.TryLock() { // Commit holds it and aborts on its own failure
		return
	}
	defer a.mu.Unlock()
	a.aborted = true
	a.f.Close()
	os.Remove(a.tmp)
}

// errInterrupted is what a publishing step returns once its file was discarded.
var errInterrupted = errors.New("interrupted")

// staleAfter is how long a temporary file of a target must have gone unwritten
// before a later run for the same target removes it. A run killed with SIGKILL
// cannot remove its own; a live run writes its file continuously (only a
// --validate of a file taking over an hour would leave it untouched that long).
// On Unix a leftover is recognised at once: no process holds its lock (holdLock).
const staleAfter = time.Hour

// orphanGrace is how old an unlocked temporary file must be before it is taken for
// a leftover: a run locks its file right after creating it.
const orphanGrace = 10 * time.Second

// removeStaleTemps deletes the temporary files ".NAME.tmp-DIGITS" that runs
// writing final (and nothing else) left behind, when older than staleAfter.
// It is best effort: errors are ignored.
func removeStaleTemps(final string) {
	dir, prefix := filepath.Dir(final), "."+filepath.Base(final)+".tmp-"
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" || !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if info, err := e.Info(); err == nil && (time.Since(info.ModTime()) > staleAfter ||
			time.Since(info.ModTime()) > orphanGrace && orphaned(path)) {
			os.Remove(path)
		}
	}
}
