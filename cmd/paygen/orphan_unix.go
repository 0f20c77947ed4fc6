//go:build unix

package main

import (
	"os"
	"syscall"
)

// holdLock takes an exclusive advisory lock on f (a run's temporary file or
// directory) for as long as f stays open; the kernel drops it when the process
// dies, even by SIGKILL, which is how orphaned tells a dead run's leftovers from a
// live run's files.
func holdLock(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// orphaned reports whether no process holds the lock of path (a file or a
// directory): the run that made it is gone.
func orphaned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return false
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return true
}
