package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up"
)

// sinkError is a failure of a destination of the Parquet bytes (the local
// file or the S3 stream). The Parquet writer wraps it in its own context
// ("pqwrite: colwrite: writing file: …"); generateError finds it again with
// errors.As and shows only what the user can act on.
type sinkError struct {
	path string // the file being written, for local failures
	err  error
}

func (e *sinkError) Error() string {
	var s3err *s3up.Error
	if errors.As(e.err, &s3err) {
		return s3err.Error() // already one line: "bucket "x" does not exist", "cannot reach S3 endpoint …"
	}
	var pe *fs.PathError
	if errors.As(e.err, &pe) {
		return fmt.Sprintf("write %s: %v", e.path, pe.Err)
	}
	return fmt.Sprintf("write %s: %v", e.path, e.err)
}

func (e *sinkError) Unwrap() error { return e.err }

// sinkWriter marks every write error of w as a *sinkError, and fails every
// write once ctx is done (nil: never), which stops the Parquet writer.
type sinkWriter struct {
	ctx  context.Context
	w    io.Writer
	path string
}

func (s sinkWriter) Write(p []byte) (int, error) {
	if s.ctx != nil {
		if err := s.ctx.Err(); err != nil {
			return 0, &sinkError{path: s.path, err: err}
		}
	}
	n, err := s.w.Write(p)
	if err != nil {
		err = &sinkError{path: s.path, err: err}
	}
	return n, err
}

// generateError is the one line paygen generate prints for err: a destination
// failure without the writer's internal prefixes, and a refused S3 overwrite
// with the same hint as a refused local one.
func generateError(err error) string {
	msg := err.Error()
	var se *sinkError
	if errors.As(err, &se) {
		msg = se.Error()
	}
	if (errors.Is(err, s3up.ErrExists) || errors.Is(err, errExists)) && !strings.Contains(msg, "--overwrite") {
		msg += " (use --overwrite to replace it)"
	}
	return msg
}
