package main

import "os"

// writebackEvery is how many written bytes make writeback start them.
const writebackEvery = 4 << 20

// writeback writes to a file and asks the kernel to start writing every
// writebackEvery bytes to disk as soon as they are written, so the data
// reaches the disk while the rest is generated and the final Sync has
// little left to wait for. It changes when the bytes reach the disk, not
// what is written or the guarantee (Commit still syncs).
type writeback struct {
	f            *os.File
	off, started int64
}

func (w *writeback) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.off += int64(n)
	if w.off-w.started >= writebackEvery {
		startWriteback(w.f, w.started, w.off-w.started)
		w.started = w.off
	}
	return n, err
}
