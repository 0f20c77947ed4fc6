package main

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/paygen/paygen/cmd/paygen/internal/s3up"
	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/pqwrite"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fullDisk accepts n bytes, then fails like a full disk.
type fullDisk struct{ n int }

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) > d.n {
		w := d.n
		d.n = 0
		return w, &fs.PathError{Op: "write", Path: "/out/.payments_10k_20250529.parquet.tmp-123", Err: syscall.ENOSPC}
	}
	d.n -= len(p)
	return len(p), nil
}

// The Parquet writer wraps a destination failure in its own context; the user
// sees the destination and the cause only.
func TestSinkErrorSurvivesTheWriter(t *testing.T) {
	t.Parallel()
	g := genFlags{rows: "10k", out: "/out", date: "2025-05-29", rowGroup: "65536", workers: 2}
	p, err := g.plan()
	require.NoError(t, err)
	first, end := p.shardBlocks()
	opt := pqwrite.Options{Workers: 2, RowGroupBlocks: p.groupBlks, FirstBlock: first, EndBlock: end, Metadata: p.metadata()}
	_, err = pqwrite.WriteColumns(sinkWriter{nil, &fullDisk{n: 1000}, p.path}, p.w, generated.Columns, generated.Writers, opt, "test")
	require.Error(t, err)
	assert.Equal(t, "write /out/payments_10k_20250529.parquet: no space left on device", generateError(err))
	assert.True(t, errors.Is(err, syscall.ENOSPC))
	assert.Equal(t, 2, exitCode(err))
}

func TestGenerateErrorWording(t *testing.T) {
	t.Parallel()
	exists := &s3up.Error{Kind: s3up.ErrExists, Msg: "s3://b/k already exists"}
	assert.Equal(t, "s3://b/k already exists (use --overwrite to replace it)", generateError(exists))
	assert.Equal(t, "s3://b/k already exists (use --overwrite to replace it)", generateError(&sinkError{err: exists}))
	local := errors.New("x.parquet: exists (use --overwrite to replace it)")
	assert.Equal(t, local.Error(), generateError(local), "no second hint")
}

func TestGenerateToMissingBucketIsOneCleanLine(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	useServer(t, srv)
	code, out, errs := generateCmd("--rows", "10k", "--to", "s3://nobucket-x/p")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Equal(t, "paygen generate: bucket \"nobucket-x\" does not exist\n", errs)
}

// A part that fails while the data is still being written surfaces through
// the Parquet writer; the message is the upload's own, without the writer's
// package prefixes, and nothing is left behind.
func TestGenerateToS3FailureMidStream(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	useServer(t, srv)
	px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
		if op.Name == "UploadPart" && op.Seq == 1 {
			return s3test.Action{Status: http.StatusBadRequest, Code: "InvalidRequest"}
		}
		return s3test.Action{}
	})
	t.Cleanup(px.Close)
	// 600k rows are about 21 MB: more than the 3 parts of 5 MiB the writer may run
	// ahead of the upload with --concurrency 1, so the failure reaches a Write.
	code, out, errs := generateCmd("--rows", "600k", "--to", "s3://"+cliBucket+"/mid", "--endpoint", px.URL,
		"--part-size", "5MiB", "--concurrency", "1")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Equal(t, "paygen generate: s3://"+cliBucket+"/mid/year=2025/month=05/payments_600k_20250529.parquet: "+
		"InvalidRequest: injected by the test proxy\n", errs)
	assert.Equal(t, 1, px.Faults())
	assert.Empty(t, listKeys(t, srv.Client(""), "mid/"))
	ups, err := srv.Client("").ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: aws.String(cliBucket)})
	require.NoError(t, err)
	assert.Empty(t, ups.Uploads, "the multipart upload was aborted")
	assert.False(t, strings.Contains(errs, "pqwrite") || strings.Contains(errs, "colwrite"))
}
