package main

import (
	"errors"
	"os"
	"sync"
	"unsafe"
)

// A Parquet file of 100 M rows is ~7 GB. Written through the page cache,
// the kernel's copy of it into cache pages costs ~2.7 s of CPU per GB on
// this class of VM (10 % of generate's CPU); written with O_DIRECT, the
// disk reads the bytes from paygen's buffers and the copy is gone (see
// docs/adr/0020-direct-file-writes.md). directWriter does that where the
// file system allows it, and writes through the page cache otherwise.

const (
	directAlign = 4096    // offsets, lengths and buffer addresses of direct writes
	directBuf   = 1 << 20 // bytes per write; two buffers alternate
)

// directWriter fills one aligned buffer while a goroutine writes the other,
// so generation goes on while the disk takes a buffer. Flush writes the
// last, unaligned bytes through the page cache (the descriptor leaves
// O_DIRECT then). A write the file system refuses with O_DIRECT is
// retried, and the file finished, through the page cache.
type directWriter struct {
	f       *os.File
	buf     []byte      // being filled, cap directBuf
	free    chan []byte // buffers written
	work    chan []byte // buffers to write
	quit    chan struct{}
	stop    sync.Once
	mu      sync.Mutex
	err     error // the first write error
	plain   bool  // O_DIRECT was dropped: writes go through the page cache
	flushed bool  // Flush ran: the goroutine is gone, writes go straight to the file
}

// newDirectWriter turns on O_DIRECT on f and returns its writer, or nil
// when the system or file system does not offer it.
func newDirectWriter(f *os.File) *directWriter {
	if !setDirect(f, true) {
		return nil
	}
	d := &directWriter{f: f, free: make(chan []byte, 2), work: make(chan []byte, 2), quit: make(chan struct{})}
	d.buf = alignedBuffer()
	d.free <- alignedBuffer()
	go d.loop()
	return d
}

// alignedBuffer returns an empty slice of capacity directBuf whose first
// byte is directAlign-aligned (Go's collector does not move heap objects).
func alignedBuffer() []byte {
	b := make([]byte, directBuf+directAlign)
	off := int(-uintptr(unsafe.Pointer(&b[0])) & (directAlign - 1))
	return b[off : off : off+directBuf]
}

func (d *directWriter) loop() {
	for {
		select {
		case b := <-d.work:
			d.write(b)
			d.free <- b[:0]
		case <-d.quit:
			return
		}
	}
}

// write writes b: directly, or through the page cache once O_DIRECT has
// been refused. Only the goroutine writing calls it (Flush once the
// goroutine is idle).
func (d *directWriter) write(b []byte) {
	if d.failed() != nil {
		return
	}
	n, err := d.f.Write(b)
	if err != nil && !d.plain && n == 0 && isInvalid(err) {
		// the file system takes O_DIRECT at open but not these writes
		d.plain = true
		setDirect(d.f, false)
		n, err = d.f.Write(b)
	}
	if err == nil && n < len(b) {
		err = errors.New("short write")
	}
	if err != nil {
		d.mu.Lock()
		d.err = err
		d.mu.Unlock()
	}
}

func (d *directWriter) failed() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

func (d *directWriter) Write(p []byte) (int, error) {
	if err := d.failed(); err != nil {
		return 0, err
	}
	if d.flushed {
		d.write(p)
		return len(p), d.failed()
	}
	n := len(p)
	for len(p) > 0 {
		k := copy(d.buf[len(d.buf):cap(d.buf)], p)
		d.buf, p = d.buf[:len(d.buf)+k], p[k:]
		if len(d.buf) == cap(d.buf) {
			select {
			case d.work <- d.buf:
			case <-d.quit:
				return 0, os.ErrClosed
			}
			select {
			case d.buf = <-d.free:
			case <-d.quit:
				return 0, os.ErrClosed
			}
		}
	}
	return n, nil
}

// Flush writes everything written so far: whole aligned blocks directly,
// then the rest through the page cache. Later writes go through the page
// cache too (a file is flushed when it is complete).
func (d *directWriter) Flush() error {
	if d.flushed {
		return d.failed()
	}
	d.flushed = true
	// wait for the buffer in flight: both buffers are then here
	var spare []byte
	select {
	case spare = <-d.free:
	case <-d.quit:
		return os.ErrClosed
	}
	d.stop.Do(func() { close(d.quit) })
	d.free <- spare
	if err := d.failed(); err != nil {
		return err
	}
	whole := len(d.buf) &^ (directAlign - 1)
	if !d.plain && whole > 0 {
		d.write(d.buf[:whole])
		d.buf = append(d.buf[:0], d.buf[whole:]...)
	}
	if len(d.buf) > 0 {
		if !d.plain {
			d.plain = true
			setDirect(d.f, false)
		}
		d.write(d.buf)
		d.buf = d.buf[:0]
	}
	return d.failed()
}

// abort stops the writing goroutine (the file is being discarded).
func (d *directWriter) abort() { d.stop.Do(func() { close(d.quit) }) }
