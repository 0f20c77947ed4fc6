package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
	"github.com/paygen/paygen/runtime/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cliBucket = "paygen-cli"

// isolateAWS clears the AWS settings of the environment for one test.
func isolateAWS(t *testing.T) {
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3",
		"PAYGEN_S3_BUCKET", "PAYGEN_S3_PREFIX"} {
		t.Setenv(k, "")
	}
	none := filepath.Join(t.TempDir(), "none")
	t.Setenv("AWS_CONFIG_FILE", none)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", none)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// useServer points the AWS environment at srv with the root credentials.
func useServer(t *testing.T, srv *s3test.Server) {
	isolateAWS(t)
	t.Setenv("AWS_ACCESS_KEY_ID", s3test.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s3test.SecretKey)
	t.Setenv("AWS_ENDPOINT_URL_S3", srv.Endpoint)
	t.Setenv("AWS_REGION", "us-east-1")
}

func upload(args ...string) (int, string, string) {
	return call(testDeps(), runUpload, args...)
}

// datasetFile writes payments_10k_20250529.parquet (and its .html profile) into a temp dir.
func datasetFile(t *testing.T, withProfile bool) string {
	dir := t.TempDir()
	p := filepath.Join(dir, "payments_10k_20250529.parquet")
	require.NoError(t, s3test.WriteParquet(p, 20, 16, map[string]string{
		dataset.MetaDate: "2025-05-29", dataset.MetaRows: "20", dataset.MetaSeed: "7",
		dataset.MetaFingerprint: "fp", dataset.MetaVersion: "0.1.0", dataset.MetaSchema: "payments",
	}))
	if withProfile {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "payments_10k_20250529.html"), []byte("<html></html>"), 0o644))
	}
	return p
}

func listKeys(t *testing.T, c *s3.Client, prefix string) []string {
	out, err := c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(cliBucket), Prefix: &prefix})
	require.NoError(t, err)
	var keys []string
	for _, o := range out.Contents {
		keys = append(keys, aws.ToString(o.Key))
	}
	sort.Strings(keys)
	return keys
}

func TestUploadCommand(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	useServer(t, srv)
	file := datasetFile(t, true)

	code, out, errs := upload(file, "--to", "s3://"+cliBucket+"/payments", "--part-size", "5MiB", "--concurrency", "2")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs, "no progress output when stderr is not a terminal")
	dir := "s3://" + cliBucket + "/payments/year=2025/month=05/"
	base := dir + "payments_10k_20250529"
	assert.Regexp(t, "^"+regexp.QuoteMeta("Upload complete: "+base+".parquet (")+`\d+\.\d MB in \d+\.\d s\)`+"\n"+
		regexp.QuoteMeta("  profile:  "+dir+"_payments_10k_20250529.html\n  manifest: "+dir+"_payments_10k_20250529.manifest.json\n")+"$", out)
	assert.Equal(t, []string{
		"payments/year=2025/month=05/_payments_10k_20250529.html",
		"payments/year=2025/month=05/_payments_10k_20250529.manifest.json",
		"payments/year=2025/month=05/payments_10k_20250529.parquet",
	}, listKeys(t, srv.Client(""), "payments/"))

	// Re-running the same date: refused, one line, exit 1, nothing printed on stdout.
	code, out, errs = upload(file, "--to", "s3://"+cliBucket+"/payments")
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Equal(t, "paygen upload: "+base+".parquet already exists (use --overwrite to replace it)\n", errs)

	code, out, errs = upload("--overwrite", "--to", "s3://"+cliBucket+"/payments", file)
	assert.Equal(t, 0, code, errs)
	assert.True(t, strings.HasPrefix(out, "Upload complete: "+base+".parquet ("), out)
}

func TestUploadCommandEnvFile(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	isolateAWS(t)
	file := datasetFile(t, false)
	env := filepath.Join(t.TempDir(), "dev.env")
	require.NoError(t, os.WriteFile(env, []byte("# dev\nPAYGEN_S3_BUCKET="+cliBucket+"\nPAYGEN_S3_PREFIX=raw/payments\n"+
		"AWS_ENDPOINT_URL_S3="+srv.Endpoint+"\nAWS_ACCESS_KEY_ID="+s3test.AccessKey+"\nAWS_SECRET_ACCESS_KEY="+s3test.SecretKey+"\n"), 0o600))

	code, out, errs := upload("--env-file", env, "--quiet", file)
	require.Equal(t, 0, code, errs)
	assert.Empty(t, out, "--quiet")
	assert.Empty(t, errs)
	assert.Equal(t, []string{
		"raw/payments/year=2025/month=05/_payments_10k_20250529.manifest.json",
		"raw/payments/year=2025/month=05/payments_10k_20250529.parquet",
	}, listKeys(t, srv.Client(""), "raw/"))

	// Wrong credentials in the env file: one line, exit 2, the secret is never printed.
	require.NoError(t, os.WriteFile(env, []byte("PAYGEN_S3_BUCKET="+cliBucket+"\nAWS_ENDPOINT_URL_S3="+srv.Endpoint+
		"\nAWS_ACCESS_KEY_ID="+s3test.AccessKey+"\nAWS_SECRET_ACCESS_KEY=not-the-secret-123\n"), 0o600))
	code, out, errs = upload("--env-file", env, file)
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	// (the manifest is the first object written: the data object is committed after it, ADR 14)
	assert.Equal(t, "paygen upload: access denied to s3://"+cliBucket+"/year=2025/month=05/_payments_10k_20250529.manifest.json"+
		" (SignatureDoesNotMatch): check the AWS credentials\n", errs)
	assert.NotContains(t, errs, "not-the-secret-123")
	assert.NotContains(t, errs, s3test.AccessKey)
}

func TestUploadCommandServerErrors(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	useServer(t, srv)
	file := datasetFile(t, true)

	code, _, errs := upload(file, "--to", "s3://no-such-bucket/payments")
	assert.Equal(t, 2, code)
	assert.Equal(t, "paygen upload: bucket \"no-such-bucket\" does not exist\n", errs)

	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	code, _, errs = upload(file, "--to", "s3://"+cliBucket+"/p")
	assert.Equal(t, 2, code)
	assert.Equal(t, "paygen upload: no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "+
		"or AWS_PROFILE, or run with an IAM role\n", errs)
}

func TestUploadCommandUsageErrors(t *testing.T) {
	isolateAWS(t)
	file := datasetFile(t, false)
	notParquet := filepath.Join(t.TempDir(), "payments_1M_20250529.parquet")
	require.NoError(t, os.WriteFile(notParquet, []byte("hello"), 0o644))
	missing := filepath.Join(t.TempDir(), "missing.parquet")
	env := filepath.Join(t.TempDir(), "bad.env")
	require.NoError(t, os.WriteFile(env, []byte("JUSTAWORD\n"), 0o644))

	for _, tc := range []struct {
		args []string
		want string // the whole stderr
	}{
		{nil, "paygen upload: no files given (usage: paygen " + uploadSynopsis + ")\n"},
		{[]string{file}, "paygen upload: no destination: give --to s3://BUCKET/PREFIX or set PAYGEN_S3_BUCKET (and PAYGEN_S3_PREFIX)\n"},
		{[]string{file, "--to", "s3:/bucket/p"}, "paygen upload: bad S3 URL \"s3:/bucket/p\": want s3://BUCKET/PREFIX\n"},
		{[]string{file, "--to", "s3://Bad_Bucket/p"}, "paygen upload: bad S3 URL \"s3://Bad_Bucket/p\": bucket name may only contain lowercase letters, digits, dots and hyphens\n"},
		{[]string{missing, "--to", "s3://bucket/p"}, "paygen upload: open " + missing + ": no such file or directory\n"},
		{[]string{notParquet, "--to", "s3://bucket/p"}, "paygen upload: " + notParquet + ": not a Parquet file"},
		{[]string{file, "--to", "s3://bucket/p", "--part-size", "1MB"}, "paygen upload: --part-size: 1MB is outside 5MiB..5GiB\n"},
		{[]string{file, "--to", "s3://bucket/p", "--concurrency", "0"}, "paygen upload: --concurrency: 0 is outside 1..64\n"},
		{[]string{file, "--to", "s3://bucket/p", "--env-file", env}, "paygen upload: --env-file: " + env + ":1: expected KEY=VALUE\n"},
		{[]string{file, "--bogus"}, "paygen upload: flag provided but not defined: -bogus (see 'paygen upload --help')\n"},
	} {
		code, out, errs := upload(tc.args...)
		assert.Equal(t, 2, code, "%v", tc.args)
		assert.Empty(t, out)
		assert.True(t, strings.HasPrefix(errs, tc.want), "%v: got %q", tc.args, errs)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "one line: %q", errs)
	}

	code, out, errs := upload("--help")
	assert.Equal(t, 0, code)
	assert.Empty(t, errs)
	assert.Contains(t, out, "Usage: paygen "+uploadSynopsis)
	for _, f := range []string{"--to", "--part-size", "--concurrency", "--overwrite", "--env-file", "--region", "--endpoint"} {
		assert.Regexp(t, "\n  "+f+"[ \n]", out)
	}
}

func TestEndpointIsCheckedUpFront(t *testing.T) {
	isolateAWS(t)
	file := datasetFile(t, false)
	for _, bad := range []string{"notaurl", "127.0.0.1:9000", "ftp://host", "http://", "http://host:port", "http://host:99999",
		"http://host/path", "http://user:pw@host", "http://host?x=1", "http:host"} {
		code, out, errs := upload(file, "--to", "s3://bucket/p", "--endpoint", bad)
		assert.Equal(t, 2, code, bad)
		assert.Empty(t, out)
		assert.Equal(t, "paygen upload: --endpoint: "+strconv.Quote(redactEndpoint(bad))+" is not an endpoint URL of the form http(s)://HOST[:PORT]\n", errs)
	}
	// Issue 13: the user information of an endpoint may be a secret; it is never printed.
	t.Setenv("AWS_ENDPOINT_URL_S3", "http://AKIAEXAMPLE:s3cr3t-pa55@host:9000")
	code, _, errs := upload(file, "--to", "s3://bucket/p")
	assert.Equal(t, 2, code)
	assert.Equal(t, "paygen upload: AWS_ENDPOINT_URL_S3: \"http://REDACTED@host:9000\" is not an endpoint URL of the form http(s)://HOST[:PORT]\n", errs)
	for in, want := range map[string]string{"http://u:p@h": "http://REDACTED@h", "u:p@h/x@y": "REDACTED@y",
		"http://h/a@b": "http://REDACTED@b", "0://#:00000000@0": "0://REDACTED@0", "http://us/er:secret@h": "http://REDACTED@h", "http://a@b@c:1": "http://REDACTED@c:1", "plain": "plain"} {
		assert.Equal(t, want, redactEndpoint(in), in)
	}
	for _, good := range []string{"http://127.0.0.1:9000", "https://s3.eu-west-1.amazonaws.com", "http://[::1]:7070/", "http://minio"} {
		assert.NoError(t, checkEndpoint(good), good)
	}

	// The same check applies to the endpoint taken from the environment, naming it.
	t.Setenv("AWS_ENDPOINT_URL_S3", "localhost:9000")
	code, _, errs = upload(file, "--to", "s3://bucket/p")
	assert.Equal(t, 2, code)
	assert.Equal(t, "paygen upload: AWS_ENDPOINT_URL_S3: \"localhost:9000\" is not an endpoint URL of the form http(s)://HOST[:PORT]\n", errs)

	// generate refuses it before writing anything.
	code, _, errs = generateCmd("--rows", "10k", "--to", "s3://bucket/p", "--endpoint", "notaurl")
	assert.Equal(t, 2, code)
	assert.Equal(t, "paygen generate: --endpoint: \"notaurl\" is not an endpoint URL of the form http(s)://HOST[:PORT]\n", errs)
}
