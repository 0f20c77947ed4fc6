package main

import (
	"context"
	"errors"
	"io"
	"log"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up"
)

// outputs are where one generate run writes: a local file (published by
// rename), an S3 multipart stream (completed on success), or both — both when
// --to is combined with --validate or --profile, which need the bytes on disk.
// Nothing becomes visible unless the whole run succeeds.
type outputs struct {
	local   *atomicFile
	tmpDir  string   // holds the local copy when only S3 is the destination
	tmpLock *os.File // locked while the run lives (tmpdirs.go)
	remote  *s3up.StreamWriter
	up      *s3up.Uploader
	keys    s3up.DatasetKeys
	ctx     context.Context
	cancel  func()
	restore func()
	// rollback deletes the side files of a dataset commit in progress (set while
	// committing); the signal handler calls it.
	rollback atomic.Pointer[func()]
}

// interrupted cleans up after SIGINT or SIGTERM: stop the requests, delete the
// side files already stored, abort the multipart upload.
func (o *outputs) interrupted() {
	o.cancel()
	if f := o.rollback.Load(); f != nil {
		(*f)()
	}
	o.remote.Abort()
	if o.tmpDir != "" {
		os.RemoveAll(o.tmpDir)
	}
}

// openOutputs prepares the destinations of plan p.
func (p *genPlan) openOutputs() (*outputs, error) {
	o := &outputs{ctx: context.Background(), cancel: func() {}, restore: func() {}}
	if p.s3 == nil {
		f, err := createAtomic(p.path, p.overwrite)
		o.local = f
		return o, err
	}
	cfg, prefix, err := p.s3.config()
	if err != nil {
		return nil, err
	}
	cfg.Overwrite = p.overwrite
	// The transfer manager logs failed completions itself; errors are
	// reported once, on one line.
	prev := log.Writer()
	log.SetOutput(io.Discard)
	o.restore = func() { log.SetOutput(prev) }
	o.ctx, o.cancel = context.WithCancel(context.Background())
	if o.up, err = s3up.New(o.ctx, cfg); err != nil {
		o.close()
		return nil, err
	}
	o.keys = s3up.DatasetKeysFor(prefix, p.date, filepath.Base(p.path))
	if err := o.up.CheckDataset(o.ctx, o.keys); err != nil {
		o.close()
		return nil, err
	}
	if p.validate || p.profile {
		removeStaleTmpDirs()
		if o.tmpDir, err = os.MkdirTemp("", "paygen-"); err != nil {
			o.close()
			return nil, err
		}
		o.tmpLock = lockTmpDir(o.tmpDir)
		if o.local, err = createAtomic(filepath.Join(o.tmpDir, filepath.Base(p.path)), true); err != nil {
			o.close()
			return nil, err
		}
	}
	if o.remote, err = o.up.Stream(o.ctx, o.keys.Data); err != nil {
		o.close()
		return nil, err
	}
	stop := onInterrupt(o.interrupted)
	prevRestore := o.restore
	o.restore = func() { stop(); prevRestore() }
	return o, nil
}

// writer is what the Parquet bytes go to; its errors are *sinkError (path
// names the local file in messages).
func (o *outputs) writer(path string) io.Writer {
	switch {
	case o.local != nil && o.remote != nil:
		return sinkWriter{io.MultiWriter(o.local, o.remote), o.local.final}
	case o.remote != nil:
		return sinkWriter{o.remote, path}
	default:
		return sinkWriter{o.local, o.local.final}
	}
}

// localPath is the path of the local copy before it is published.
func (o *outputs) localPath() string { return o.local.tmp }

// abort discards everything: no file, no object.
func (o *outputs) abort() {
	if o.remote != nil {
		o.remote.Abort()
	}
	if o.local != nil {
		o.local.Abort()
	}
	o.close()
}

func (o *outputs) close() {
	if o.tmpDir != "" {
		os.RemoveAll(o.tmpDir)
	}
	if o.tmpLock != nil {
		o.tmpLock.Close()
	}
	o.cancel()
	o.restore()
}

// exitCode maps a generate error to an exit code: 1 for a refused overwrite
// (local or S3), a failed contract or a failed upload verification, else 2.
func exitCode(err error) int {
	if errors.Is(err, errExists) || errors.Is(err, s3up.ErrExists) || errors.Is(err, s3up.ErrChecksum) || errors.Is(err, errContract) {
		return 1
	}
	return 2
}

// errContract reports that the data written failed its contract.
var errContract = errors.New("the generated data fails its contract")
