package s3up

import (
	"context"
	"io"
	"sync"
	"sync/atomic"
)

// StreamWriter streams bytes into a multipart upload of one key. Write blocks while all parts
// are in flight, so memory stays near PartSize × (Concurrency+2). It is not safe for
// concurrent Writes.
type StreamWriter struct {
	u    *Uploader
	key  string
	pw   *io.PipeWriter
	done chan struct{}

	once   sync.Once
	before atomic.Pointer[func(Object) error]
	obj    Object
	api    *commitClient
	err    error
}

// Stream starts uploading to key and returns the writer. Unless overwriting, it fails at once
// with ErrExists when key already exists. Close completes and verifies the upload; Abort (or
// cancelling ctx) aborts it so that no object appears.
func (u *Uploader) Stream(ctx context.Context, key string) (*StreamWriter, error) {
	if err := u.RefuseExisting(ctx, key); err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	w := &StreamWriter{u: u, key: key, pw: pw, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		w.obj, w.api, w.err = u.put(ctx, key, pr, -1, func(o Object) error {
			if f := w.before.Load(); f != nil {
				return (*f)(o)
			}
			return nil
		})
		if w.err != nil {
			pr.CloseWithError(w.err) // unblock and fail pending and later Writes
		} else {
			pr.Close()
		}
	}()
	return w, nil
}

// Write sends p into the upload. After a failure it returns the upload's error.
func (w *StreamWriter) Write(p []byte) (int, error) {
	n, err := w.pw.Write(p)
	if err != nil {
		select {
		case <-w.done:
			if w.err != nil {
				return n, w.err
			}
		default:
		}
	}
	return n, err
}

// Close ends the data, completes the upload and verifies it (size and CRC32C). It returns the
// upload's error, if any; then no object was created.
func (w *StreamWriter) Close() error {
	w.once.Do(func() { w.pw.Close() })
	<-w.done
	return w.err
}

// CloseBefore is Close with before run just before the commit request, with the
// object's final size and checksum: an error from it stops the commit (then no
// object is created and the error is returned).
func (w *StreamWriter) CloseBefore(before func(Object) error) error {
	w.before.Store(&before)
	return w.Close()
}

// Abort stops the upload and aborts the multipart upload, so no object appears. It returns nil
// when nothing is left on the server; an error when the incomplete upload could not be aborted
// (the next upload of the key aborts it). After a successful Close it does nothing.
func (w *StreamWriter) Abort() error {
	w.once.Do(func() {
		w.pw.CloseWithError(&Error{Kind: ErrAborted, Msg: "upload of " + URL(w.u.bucket, w.key) + " aborted"})
	})
	<-w.done
	if w.err == nil || w.api == nil {
		return nil
	}
	if _, left := w.api.leftover(); left {
		return w.err
	}
	return nil
}

// Object returns the uploaded object after a successful Close.
func (w *StreamWriter) Object() Object { return w.obj }
