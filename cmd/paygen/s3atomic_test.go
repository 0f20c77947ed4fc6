package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
)

// Issue 13: with --to and --profile, a failed profile or manifest PUT left the
// data object complete and visible (and $TMPDIR/paygen-* behind); the rerun then
// exited 1. Now nothing appears, nothing is left, and the rerun finishes the job.
func TestGenerateToS3IsAllOrNothing(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	for _, suffix := range []string{".manifest.json", ".html"} {
		t.Run(suffix, func(t *testing.T) {
			useServer(t, srv)
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
				if op.Name == "PutObject" && strings.HasSuffix(op.Key, suffix) {
					return s3test.Action{Status: 400, Code: "InvalidRequest"}
				}
				return s3test.Action{}
			})
			defer px.Close()
			t.Setenv("AWS_ENDPOINT_URL_S3", px.URL)
			pfx := "atomic" + strings.ReplaceAll(suffix, ".", "-")
			args := []string{"--rows", "200k", "--to", "s3://" + cliBucket + "/" + pfx, "--profile", "--part-size", "5MiB"}
			code, out, errs := generateCmd(args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out)
			assert.Equal(t, 1, strings.Count(errs, "\n"), errs)
			assert.Contains(t, errs, "InvalidRequest")
			assert.Empty(t, listKeys(t, srv.Client(""), pfx+"/"), "no object of the dataset is visible")
			ups, err := srv.Client("").ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: aws.String(cliBucket)})
			require.NoError(t, err)
			assert.Empty(t, ups.Uploads, "the multipart upload was aborted")
			left, _ := os.ReadDir(tmp)
			assert.Empty(t, left, "no $TMPDIR/paygen-* left")

			t.Setenv("AWS_ENDPOINT_URL_S3", srv.Endpoint)
			code, _, errs = generateCmd(args...)
			require.Equal(t, 0, code, errs)
			assert.Equal(t, []string{
				pfx + "/year=2025/month=05/_payments_200k_20250529.html",
				pfx + "/year=2025/month=05/_payments_200k_20250529.manifest.json",
				pfx + "/year=2025/month=05/payments_200k_20250529.parquet",
			}, listKeys(t, srv.Client(""), pfx+"/"), "the rerun finishes the job")
			left, _ = os.ReadDir(tmp)
			assert.Empty(t, left)
		})
	}
}
