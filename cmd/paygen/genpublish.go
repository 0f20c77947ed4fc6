package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/profile"
)

// publish makes a generate run's outputs visible, all of them or none (ADR 14).
// The profile is made from the bytes before they are published. A local file is
// renamed into place after its profile is written (the profile is removed again if
// the rename fails). On S3 the data object is committed last: its multipart upload
// is completed only after the profile and the manifest are stored, and when anything
// fails the upload is aborted and the side files deleted again.
func (p *genPlan) publish(out *outputs, res *genResult, start time.Time, spec *profile.Spec) error {
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
		if err := profileAs(out.localPath(), filepath.Base(p.path), spec, html); err != nil {
			out.abort()
			return fmt.Errorf("profile: %w; nothing was published", err)
		}
	}
	if err := out.ctx.Err(); err != nil { // interrupted while validating or profiling
		if html != "" && out.tmpDir == "" {
			os.Remove(html)
		}
		out.abort()
		return err
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
	meta := p.meta()
	meta.Rows = res.rows // the manifest counts the rows of this file
	commit := out.up.NewDatasetCommit(out.ctx, meta, out.keys, html)
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

// profileAs profiles the Parquet file at in (a temporary file) under the name the
// published file will have, and writes the HTML report to html.
func profileAs(in, name string, spec *profile.Spec, html string) error {
	pr, err := profileRun(in, spec, profile.Options{})
	if err != nil {
		return err
	}
	pr.Overview.File = name
	return writeAtomic(html, pr.WriteHTML)
}

// validateAs validates the unpublished file at path (a temporary file) and writes
// the text report to w (when not nil) under name, the path it is published at.
func validateAs(path, name string, c *contract.Contract, w io.Writer) (ok bool, err error) {
	rep, err := validateRun(path, c, contract.Options{})
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
