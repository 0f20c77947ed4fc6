package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/contract"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func generateCmd(args ...string) (int, string, string) {
	return generateWith(testDeps(), args...)
}

func generateWith(d deps, args ...string) (int, string, string) {
	return call(d, runGenerate, append([]string{"--date", "2025-05-29"}, args...)...)
}

// impossibleContract is the generated contract plus an expectation no
// dataset meets, to drive the failure path of --validate.
func impossibleContract() deps {
	c := *generated.Contract
	c.Expectations = append(append([]contract.Expectation{}, c.Expectations...), contract.Expectation{
		Kind: contract.RowCount, HasMin: true, Min: 1e12, Severity: contract.Error, Source: "test",
	})
	d := testDeps()
	d.contract = &c
	return d
}

func TestGenerateValidateAndProfile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, out, errs := generateCmd("--rows", "20k", "--out", dir, "--validate", "--profile")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "Profile: "+filepath.Join(dir, "payments_20k_20250529.html"))
	html, err := os.ReadFile(filepath.Join(dir, "payments_20k_20250529.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), "<html")
}

func TestGenerateValidateFailurePublishesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, _, errs := generateWith(impossibleContract(), "--rows", "10k", "--out", dir, "--validate")
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "fails its contract; nothing was published")
	assert.Contains(t, errs, "row count", "the report says which expectation failed")
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries, "no file, no temporary file")
}

func TestGenerateStreamsToS3(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	useServer(t, srv)
	code, out, errs := generateCmd("--rows", "30k", "--to", "s3://"+cliBucket+"/raw", "--part-size", "5MiB")
	require.Equal(t, 0, code, errs)
	key := "raw/year=2025/month=05/payments_30k_20250529.parquet"
	assert.Contains(t, out, "Upload complete: s3://"+cliBucket+"/"+key)
	assert.Equal(t, []string{"raw/year=2025/month=05/_payments_30k_20250529.manifest.json", key},
		listKeys(t, srv.Client(""), "raw/"))

	// The streamed object is the same file a local run writes.
	dir := t.TempDir()
	code, _, errs = generateCmd("--rows", "30k", "--out", dir)
	require.Equal(t, 0, code, errs)
	local, err := os.ReadFile(filepath.Join(dir, "payments_30k_20250529.parquet"))
	require.NoError(t, err)
	obj, err := srv.Client("").GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(cliBucket), Key: aws.String(key)})
	require.NoError(t, err)
	remote, err := io.ReadAll(obj.Body)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(local, remote), "streamed object equals the local file")

	// Same key again: refused, exit 1, one line.
	code, _, errs = generateCmd("--rows", "30k", "--to", "s3://"+cliBucket+"/raw")
	assert.Equal(t, 1, code)
	assert.Equal(t, "paygen generate: s3://"+cliBucket+"/"+key+" already exists (use --overwrite to replace it)\n", errs)
	assert.Len(t, strings.Split(strings.TrimSpace(errs), "\n"), 1)
}

func TestGenerateToS3WithProfileAndFailedValidation(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	useServer(t, srv)
	code, _, errs := generateCmd("--rows", "20k", "--to", "s3://"+cliBucket+"/p", "--validate", "--profile")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, []string{
		"p/year=2025/month=05/_payments_20k_20250529.html",
		"p/year=2025/month=05/_payments_20k_20250529.manifest.json",
		"p/year=2025/month=05/payments_20k_20250529.parquet",
	}, listKeys(t, srv.Client(""), "p/"))

	code, _, errs = generateWith(impossibleContract(), "--rows", "10k", "--to", "s3://"+cliBucket+"/q", "--validate")
	assert.Equal(t, 1, code, errs)
	assert.Empty(t, listKeys(t, srv.Client(""), "q/"), "a failed contract leaves no object behind")
	ups, err := srv.Client("").ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: aws.String(cliBucket)})
	require.NoError(t, err)
	assert.Empty(t, ups.Uploads, "the multipart upload was aborted")
}

func TestGenerateOutAndToAreExclusive(t *testing.T) {
	isolateAWS(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--out", dir, "--to", "s3://bucket/p"},
		{"--to", "s3://bucket/p", "--out", "outputs"}, // even the default, when given explicitly
	} {
		code, out, errs := generateCmd(append([]string{"--rows", "10k"}, args...)...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out)
		assert.Equal(t, "paygen generate: give --out or --to, not both: --to streams the file to S3 and writes no local copy\n", errs)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing written")

	code, out, _ := generateCmd("--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "not with --to")
}

// Events of a dataset dated 1970-01-01 fall in December 1969: the profile's
// hour-of-day tables must take a floor modulo (issue 13).
func TestGenerateProfileBefore1970(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := call(testDeps(), runGenerate, "--date", "1970-01-01", "--rows", "10k", "--out", dir, "--profile")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	html, err := os.ReadFile(filepath.Join(dir, "payments_10k_19700101.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), "1969-12-31")
}

// Issue 13: `generate --rows 1 --validate` failed its own contract (the median
// band), in a report titled by the temporary file's name.
func TestGenerateValidateTinyAndReportName(t *testing.T) {
	dir := t.TempDir()
	for _, rows := range []string{"1", "2", "3"} {
		code, _, errs := generateCmd("--rows", rows, "--out", dir, "--validate")
		assert.Equal(t, 0, code, "%s rows: %s", rows, errs)
	}
	code, _, errs := generateWith(impossibleContract(), "--rows", "10", "--out", dir, "--validate")
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, filepath.Join(dir, "payments_10_20250529.parquet")+": FAILED")
	assert.NotContains(t, errs, ".tmp-")
}
