package s3up

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	tmtypes "github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Object describes an uploaded and verified object.
type Object struct {
	Bucket   string        `json:"-"`
	Key      string        `json:"key"`
	Size     int64         `json:"size"`
	CRC32C   string        `json:"crc32c"` // base64, as S3 reports it
	Duration time.Duration `json:"-"`
}

// URL returns s3://bucket/key.
func (o Object) URL() string { return URL(o.Bucket, o.Key) }

// Exists reports whether key exists. A 403 (no s3:ListBucket permission) counts as "not
// known to exist": the conditional write that follows is the authoritative check.
func (u *Uploader) Exists(ctx context.Context, key string) (bool, error) {
	_, err := u.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &u.bucket, Key: &key})
	if err == nil {
		return true, nil
	}
	if _, status := apiCode(err); isNotFound(err) || status == 403 {
		return false, nil
	}
	return false, u.classify(err, key)
}

// RefuseExisting fails with ErrExists for the first of keys that exists, unless overwriting.
// Call it before producing data that goes to several keys (as UploadDataset does); the
// conditional writes remain the authoritative check.
func (u *Uploader) RefuseExisting(ctx context.Context, keys ...string) error {
	if u.cfg.Overwrite {
		return nil
	}
	for _, key := range keys {
		ok, err := u.Exists(ctx, key)
		if err != nil {
			return err
		}
		if ok {
			return &Error{Kind: ErrExists, Msg: URL(u.bucket, key) + " already exists"}
		}
	}
	return nil
}

// StaleUploads is how long ago an incomplete multipart upload of a key must have been
// started before an upload of the same key aborts it. A younger one may be another run's
// live upload (a run keeps its upload open while it validates and profiles), and
// aborting it made that run fail with odd errors (issue 13).
var StaleUploads = time.Hour

// AbortIncomplete aborts the incomplete multipart uploads of exactly key started more than
// olderThan ago (left behind when an earlier upload could not even reach the server to
// abort, or was killed) and returns how many it aborted.
func (u *Uploader) AbortIncomplete(ctx context.Context, key string, olderThan time.Duration) (int, error) {
	n := 0
	in := &s3.ListMultipartUploadsInput{Bucket: &u.bucket, Prefix: &key}
	for {
		out, err := u.s3.ListMultipartUploads(ctx, in)
		if err != nil {
			return n, u.classify(err, key)
		}
		for _, up := range out.Uploads {
			if aws.ToString(up.Key) != key || time.Since(aws.ToTime(up.Initiated)) < olderThan {
				continue
			}
			_, err := u.s3.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{
				Bucket: &u.bucket, Key: &key, UploadId: up.UploadId,
			})
			if err != nil && !isNotFound(err) {
				return n, u.classify(err, key)
			}
			n++
		}
		if !aws.ToBool(out.IsTruncated) {
			return n, nil
		}
		in.KeyMarker, in.UploadIdMarker = out.NextKeyMarker, out.NextUploadIdMarker
	}
}

// UploadFile uploads the file at path to key and verifies it.
func (u *Uploader) UploadFile(ctx context.Context, key, path string) (Object, error) {
	if err := u.RefuseExisting(ctx, key); err != nil {
		return Object{}, err
	}
	return u.uploadFile(ctx, key, path)
}

func (u *Uploader) uploadFile(ctx context.Context, key, path string) (Object, error) {
	return u.uploadFileBefore(ctx, key, path, nil)
}

// uploadFileBefore uploads the file at path to key; before (when not nil) runs just
// before the object is committed, and an error from it stops the commit.
func (u *Uploader) uploadFileBefore(ctx context.Context, key, path string, before func(Object) error) (Object, error) {
	f, err := os.Open(path)
	if err != nil {
		return Object{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Object{}, err
	}
	if !st.Mode().IsRegular() {
		return Object{}, fmt.Errorf("%s: not a regular file", path)
	}
	obj, _, err := u.put(ctx, key, f, st.Size(), before)
	return obj, err
}

// UploadBytes uploads a small in-memory object (e.g. a manifest) and verifies it.
func (u *Uploader) UploadBytes(ctx context.Context, key string, data []byte) (Object, error) {
	if err := u.RefuseExisting(ctx, key); err != nil {
		return Object{}, err
	}
	obj, _, err := u.put(ctx, key, bytes.NewReader(data), int64(len(data)), nil)
	return obj, err
}

// put uploads body (size bytes, or -1 when unknown) to key with a CRC32C full-object checksum,
// conditionally unless overwriting, and verifies the result. before, when not nil, runs once
// with the object's final size and checksum just before the commit request (the PutObject,
// or the CompleteMultipartUpload); when it fails, nothing is committed and the multipart
// upload is aborted.
func (u *Uploader) put(ctx context.Context, key string, body io.Reader, size int64, before func(Object) error) (Object, *commitClient, error) {
	start := time.Now()
	// Best effort: a missing ListBucketMultipartUploads permission must not stop the upload,
	// but an unreachable endpoint, missing credentials or bucket would only fail it later.
	if _, err := u.AbortIncomplete(ctx, key, StaleUploads); errors.Is(err, ErrUnreachable) ||
		errors.Is(err, ErrNoCredentials) || errors.Is(err, ErrNoBucket) || errors.Is(err, ErrAborted) {
		return Object{}, nil, err
	}

	src := newCRCReader(body)
	api := &commitClient{Client: u.s3, src: src, before: before, bucket: u.bucket, key: key}
	in := &transfermanager.UploadObjectInput{
		Bucket:            &u.bucket,
		Key:               &key,
		Body:              src,
		ChecksumAlgorithm: tmtypes.ChecksumAlgorithmCrc32c,
		ChecksumType:      tmtypes.ChecksumTypeFullObject,
		ContentType:       aws.String(contentType(key)),
	}
	if size > 0 {
		in.ContentLength = aws.Int64(size)
	}
	if !u.cfg.Overwrite {
		in.IfNoneMatch = aws.String("*")
	}
	var opts []func(*transfermanager.Options)
	if u.cfg.Progress != nil {
		l := &progress{key: key, fn: u.cfg.Progress}
		opts = append(opts, func(o *transfermanager.Options) { o.ObjectProgressListeners.Register(l) })
	}
	_, err := u.transfer(api).UploadObject(ctx, in, opts...)
	if err != nil && !u.landedAnyway(ctx, key, api, err) {
		return Object{}, api, u.uploadError(key, api, err)
	}
	obj := Object{Bucket: u.bucket, Key: key, Size: src.n, CRC32C: src.sum()}
	if err := u.verify(ctx, obj); err != nil {
		return Object{}, api, err
	}
	obj.Duration = time.Since(start)
	return obj, api, nil
}

// landedAnyway reports whether a conditional commit failed only because an earlier attempt of
// the same commit request (whose response was lost, so the retryer sent it again) stored
// exactly these bytes.
func (u *Uploader) landedAnyway(ctx context.Context, key string, api *commitClient, err error) bool {
	if !isPrecondition(err) || api.sends.Load() < 2 {
		return false
	}
	api.mu.Lock()
	crc, size := api.commitCRC, api.commitSize
	api.mu.Unlock()
	head, herr := u.s3.HeadObject(ctx, &s3.HeadObjectInput{
		Bucket: &u.bucket, Key: &key, ChecksumMode: types.ChecksumModeEnabled,
	})
	return herr == nil && aws.ToInt64(head.ContentLength) == size && aws.ToString(head.ChecksumCRC32C) == crc
}

// uploadError classifies err and says whether an incomplete multipart upload was left behind.
func (u *Uploader) uploadError(key string, api *commitClient, err error) error {
	var mpu transfermanager.MultipartUploadError
	if errors.As(err, &mpu) {
		err = errors.Unwrap(mpu) // drop the "upload multipart failed, upload id: …" wrapper
		if err == nil {
			err = mpu
		}
	}
	cerr := u.classify(err, key)
	if id, left := api.leftover(); left {
		var e *Error
		if errors.As(cerr, &e) {
			return &Error{Kind: e.Kind, Err: e.Err, Msg: e.Msg + fmt.Sprintf(
				" (incomplete multipart upload %s could not be aborted; the next upload of this key aborts it)", id)}
		}
	}
	return cerr
}

// verify checks with HeadObject that key has obj's size and CRC32C; on a mismatch it deletes
// the object so no corrupt data stays visible.
func (u *Uploader) verify(ctx context.Context, obj Object) error {
	head, err := u.s3.HeadObject(ctx, &s3.HeadObjectInput{
		Bucket: &u.bucket, Key: &obj.Key, ChecksumMode: types.ChecksumModeEnabled,
	})
	if err != nil {
		return u.classify(err, obj.Key)
	}
	gotSize, gotCRC := aws.ToInt64(head.ContentLength), aws.ToString(head.ChecksumCRC32C)
	if gotSize == obj.Size && gotCRC == obj.CRC32C {
		return nil
	}
	_, derr := u.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &u.bucket, Key: &obj.Key})
	state := "deleted it"
	if derr != nil {
		state = "could not delete it: " + u.classify(derr, obj.Key).Error()
	}
	if gotCRC == "" {
		gotCRC = "none"
	}
	return &Error{Kind: ErrChecksum, Msg: fmt.Sprintf(
		"verification of %s failed: server has %d bytes CRC32C %s, sent %d bytes CRC32C %s; %s",
		obj.URL(), gotSize, gotCRC, obj.Size, obj.CRC32C, state)}
}

func contentType(key string) string {
	switch path.Ext(key) {
	case ".parquet":
		return "application/vnd.apache.parquet"
	case ".html":
		return "text/html; charset=utf-8"
	case ".json":
		return "application/json"
	}
	return "application/octet-stream"
}

// progress adapts Config.Progress to the transfer manager's listener interface, whose
// events come from the part workers concurrently: it serializes them and drops stale ones.
type progress struct {
	key  string
	fn   func(key string, done, total int64)
	mu   sync.Mutex
	last int64
}

func (p *progress) OnObjectBytesTransferred(_ context.Context, e *transfermanager.ObjectBytesTransferredEvent) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if e.BytesTransferred > p.last {
		p.last = e.BytesTransferred
		p.fn(p.key, e.BytesTransferred, e.TotalBytes)
	}
}
