package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up"
	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/profile"
)

// publish makes a generate run's outputs visible, all of them or none (ADR 14).
// The profile is made from the bytes before they are published. A local file is
// renamed into place after its profile is written (the profile is removed again if
// the rename fails). On S3 the data object is committed last: its multipart upload
// is completed only after the profile and the manifest are stored, and when anything
// fails the upload is aborted and the side files deleted again.
func (p *genPlan) publish(out *outputs, res *genResult, start time.Time) error {
	if out.local != nil {
		if err := out.local.w.Flush(); err != nil {
			out.abort()
			return err
		}
	}
	html := ""
	if p.profile {
		html = strings.TrimSuffix(p.path, ".parquet") + ".html"
		if out.tmpDir != "" {
			html = filepath.Join(out.tmpDir, filepath.Base(html))
		}
		if err := profileAs(out.localPath(), filepath.Base(p.path), html); err != nil {
			out.abort()
			return fmt.Errorf("profile: %w; nothing was published", err)
		}
	}
	res.elapsed = time.Since(start)
	if out.remote == nil {
		if err := out.local.Commit(); err != nil {
			if html != "" {
				os.Remove(html)
			}
			out.abort()
			return err
		}
		out.close()
		res.profile = html
		return nil
	}
	commit := out.up.NewDatasetCommit(out.ctx, p.datasetMeta(res.rows), out.keys, html)
	rollback := func() { commit.Rollback() }
	out.rollback.Store(&rollback)
	if err := out.remote.CloseBefore(commit.Before); err != nil {
		err = commit.Abandon(err)
		out.abort()
		return err
	}
	if out.local != nil {
		out.local.Abort() // the local copy in $TMPDIR has served
	}
	out.close()
	obj := out.remote.Object()
	res.url, res.size, res.upload, res.path = obj.URL(), obj.Size, time.Since(start), obj.URL()
	if pr := commit.Profile(); pr != nil {
		res.profile = pr.URL()
	}
	return nil
}

// datasetMeta is the head of the manifest of the plan's dataset (rows: of this file).
func (p *genPlan) datasetMeta(rows int64) s3up.DatasetMeta {
	meta := s3up.DatasetMeta{
		Name: filepath.Base(p.path), Date: p.date.Format("2006-01-02"), Rows: rows,
		Seed: strconv.FormatUint(p.seed, 10), Schema: generated.Table,
		SchemaFingerprint: generated.Fingerprint, Version: version,
	}
	if p.shard > 0 {
		meta.Shard = fmt.Sprintf("%d/%d", p.shard, p.shards)
	}
	return meta
}

// profileAs profiles the Parquet file at in (a temporary file) under the name the
// published file will have, and writes the HTML report to html.
func profileAs(in, name, html string) error {
	pr, err := profile.Run(in, currentProfileSpec(), profile.Options{})
	if err != nil {
		return err
	}
	pr.Overview.File = name
	return writeAtomic(html, pr.WriteHTML)
}

// validateAs validates the unpublished file at path (a temporary file) and writes
// the text report to w (when not nil) under name, the path it is published at.
func validateAs(path, name string, c *contract.Contract, w io.Writer) (ok bool, err error) {
	rep, err := contract.Validate(path, c, contract.Options{})
	if err != nil {
		return false, errors.New(strings.ReplaceAll(inputError(err), path, name))
	}
	rep.File = name
	if w != nil {
		if err := contract.WriteText(w, rep); err != nil {
			return false, fmt.Errorf("write report: %w", err)
		}
	}
	return rep.Success, nil
}
