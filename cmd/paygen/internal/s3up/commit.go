package s3up

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/paygen/paygen/runtime/dataset"
)

// A dataset on S3 is its data object, its HTML profile (optional) and its manifest
// (ADR 14). The data object is committed last — its multipart upload is completed, or
// its single PUT sent, only after the profile and the manifest are stored — so a
// dataset exists exactly when its data object does, and then it is whole. When
// anything fails, the data object is never committed and the side files this run
// stored are deleted again (best effort); a rerun finishes the job.

// StaleSideFiles is how old a profile or manifest without its data object must be
// before a run that is not overwriting treats it as left by a failed run and
// replaces it. Younger ones may belong to a run about to commit its data, so they
// count as existing (exit 1; --overwrite replaces them).
var StaleSideFiles = time.Hour

// CheckDataset fails with ErrExists when the dataset's data object exists (unless
// overwriting). A profile or manifest without its data object is left by a failed
// run: it is deleted when older than StaleSideFiles, else reported as existing.
func (u *Uploader) CheckDataset(ctx context.Context, keys dataset.Keys) error {
	for _, k := range []string{keys.Data, keys.Manifest, keys.Profile} {
		if err := checkKey(k); err != nil {
			return err
		}
	}
	if u.cfg.Overwrite {
		return nil
	}
	if _, ok, err := u.head(ctx, keys.Data); err != nil {
		return err
	} else if ok {
		return &Error{Kind: ErrExists, Msg: URL(u.bucket, keys.Data) + " already exists"}
	}
	for _, k := range []string{keys.Manifest, keys.Profile} {
		mod, ok, err := u.head(ctx, k)
		if err != nil || !ok {
			if err != nil {
				return err
			}
			continue
		}
		if time.Since(mod) < StaleSideFiles {
			return &Error{Kind: ErrExists, Msg: URL(u.bucket, k) + " already exists without its data object " +
				"(an upload in progress, or one that failed less than an hour ago)"}
		}
		if err := u.delete(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// head returns key's last-modified time and whether it exists. A 403 (no
// s3:ListBucket permission) counts as not existing: conditional writes decide.
func (u *Uploader) head(ctx context.Context, key string) (time.Time, bool, error) {
	out, err := u.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &u.bucket, Key: &key})
	if err == nil {
		return aws.ToTime(out.LastModified), true, nil
	}
	if _, status := apiCode(err); isNotFound(err) || status == 403 {
		return time.Time{}, false, nil
	}
	return time.Time{}, false, u.classify(err, key)
}

// delete removes key; a missing key is not an error.
func (u *Uploader) delete(ctx context.Context, key string) error {
	_, err := u.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &u.bucket, Key: &key})
	if err != nil && !isNotFound(err) {
		return u.classify(err, key)
	}
	return nil
}

// DatasetCommit stores a dataset's side files right before its data object is
// committed (Before, called with the data object's final size and checksum) and
// removes them when the commit fails (Rollback).
type DatasetCommit struct {
	u           *Uploader
	ctx         context.Context
	meta        dataset.Meta
	keys        dataset.Keys
	profilePath string // "" when there is no profile

	mu       sync.Mutex
	data     *Object // the data object Before was called for
	created  []string
	profile  *Object
	manifest Object
}

// NewDatasetCommit prepares the commit of the dataset meta under keys, with the HTML
// profile at profilePath ("" for none).
func (u *Uploader) NewDatasetCommit(ctx context.Context, meta dataset.Meta, keys dataset.Keys, profilePath string) *DatasetCommit {
	return &DatasetCommit{u: u, ctx: ctx, meta: meta, keys: keys, profilePath: profilePath}
}

// Before runs just before the data object is committed. Overwriting, it first deletes
// the previous data object (from then on the old dataset no longer exists, so it is
// never mixed with the new side files) and a previous profile this run does not
// replace. Then it stores the profile and the manifest, conditionally unless
// overwriting. An error stops the commit.
func (c *DatasetCommit) Before(data Object) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	u, ctx := c.u, c.ctx
	c.data = &data
	if u.cfg.Overwrite {
		if err := u.delete(ctx, c.keys.Data); err != nil {
			return err
		}
		if c.profilePath == "" {
			if err := u.delete(ctx, c.keys.Profile); err != nil {
				return err
			}
		}
	}
	if c.profilePath != "" {
		p, err := u.uploadFile(ctx, c.keys.Profile, c.profilePath)
		if err != nil {
			return err
		}
		c.created = append(c.created, c.keys.Profile)
		c.profile = &p
	}
	m, err := json.MarshalIndent(manifestOf(c.meta, data, c.profile), "", "  ")
	if err != nil {
		return err
	}
	obj, _, err := u.put(ctx, c.keys.Manifest, bytes.NewReader(append(m, '\n')), int64(len(m)+1), nil)
	if err != nil {
		return err
	}
	c.created = append(c.created, c.keys.Manifest)
	c.manifest = obj
	return nil
}

// Rollback deletes the side files Before stored; call it when the data object was
// not committed (or failed its verification). It uses its own context, so that an
// interrupted run still cleans up, and returns an error naming what remains.
func (c *DatasetCommit) Rollback() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.ctx), 30*time.Second)
	defer cancel()
	if c.data != nil && len(c.created) > 0 && c.u.holds(ctx, *c.data) {
		// The commit request went through after all (a signal cancelled it in flight,
		// or its response was lost): the dataset is whole, keep its side files.
		c.created = nil
		return nil
	}
	var left []error
	for _, k := range c.created {
		if err := c.u.delete(ctx, k); err != nil {
			left = append(left, fmt.Errorf("%s was not deleted: %v", URL(c.u.bucket, k), err))
		}
	}
	c.created = nil
	return errors.Join(left...)
}

// Abandon rolls back after a failed commit and returns err, with what the
// rollback could not delete appended.
func (c *DatasetCommit) Abandon(err error) error { return withRollback(err, c.Rollback()) }

// Profile is the stored profile, nil without one (valid after a successful commit).
func (c *DatasetCommit) Profile() *Object { return c.profile }

// Manifest is the stored manifest (valid after a successful commit).
func (c *DatasetCommit) Manifest() Object { return c.manifest }

// MaxKeyBytes is S3's limit on the length of a key.
const MaxKeyBytes = 1024

// checkKey refuses keys S3 would refuse or that would put control characters into
// object names and terminals: too long, not UTF-8, or with a control character.
func checkKey(key string) error {
	bad := func(why string) error {
		return &Error{Kind: ErrDataset, Msg: fmt.Sprintf("S3 key %q %s", key, why)}
	}
	switch {
	case len(key) > MaxKeyBytes:
		return bad(fmt.Sprintf("is %d bytes, more than S3's %d", len(key), MaxKeyBytes))
	case !utf8.ValidString(key):
		return bad("is not valid UTF-8 (rename the file)")
	case strings.IndexFunc(key, unicode.IsControl) >= 0:
		return bad("holds a control character (rename the file)")
	}
	return nil
}

// holds reports whether the server has obj under its key, with its size and CRC32C.
func (u *Uploader) holds(ctx context.Context, obj Object) bool {
	head, err := u.s3.HeadObject(ctx, &s3.HeadObjectInput{
		Bucket: &u.bucket, Key: &obj.Key, ChecksumMode: types.ChecksumModeEnabled,
	})
	return err == nil && aws.ToInt64(head.ContentLength) == obj.Size && aws.ToString(head.ChecksumCRC32C) == obj.CRC32C
}
