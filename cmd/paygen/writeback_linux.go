package main

import (
	"os"
	"syscall"
)

// startWriteback starts writing a file range to disk without waiting
// (sync_file_range with SYNC_FILE_RANGE_WRITE); failures are ignored, the
// final Sync reports them.
func startWriteback(f *os.File, off, n int64) {
	const syncFileRangeWrite = 2
	if c, err := f.SyscallConn(); err == nil {
		c.Control(func(fd uintptr) { syscall.SyncFileRange(int(fd), off, n, syncFileRangeWrite) })
	}
}
