package main

import (
	"context"
	"errors"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up"
	"github.com/paygen/paygen/runtime/dataset"
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
	keys    dataset.Keys
	ctx     context.Context
	cancel  func()
	restore func()
}

// openOutputs prepares the destinations of plan p. Cancelling ctx (SIGINT or
// SIGTERM) makes every write and request fail: the run then aborts the
// multipart upload, deletes the side files a dataset commit already stored
// (s3up.DatasetCommit rolls back with its own context) and removes the
// temporary file, so nothing is published.
func (p *genPlan) openOutputs(ctx context.Context) (*outputs, error) {
	o := &outputs{ctx: ctx, cancel: func() {}, restore: func() {}}
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
	o.ctx, o.cancel = context.WithCancel(ctx)
	if o.up, err = s3up.New(o.ctx, cfg); err != nil {
		o.close()
		return nil, err
	}
	o.keys = dataset.KeysFor(prefix, p.date, filepath.Base(p.path))
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
	return o, nil
}

// writer is what the Parquet bytes go to; its errors are *sinkError (path
// names the local file in messages), and it fails once o.ctx is cancelled.
func (o *outputs) writer(path string) io.Writer {
	switch {
	case o.local != nil && o.remote != nil:
		return sinkWriter{o.ctx, io.MultiWriter(o.local, o.remote), o.local.final}
	case o.remote != nil:
		return sinkWriter{o.ctx, o.remote, path}
	default:
		return sinkWriter{o.ctx, o.local, o.local.final}
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
