package s3up

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
	"github.com/stretchr/testify/require"
)

const testBucket = "paygen-test"

var (
	server     *s3test.Server // shared by the tests that do not stop it
	serverSkip string         // why server tests skip (binary missing, not required)
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	flag.Parse()
	if testing.Short() {
		serverSkip = s3test.ShortSkip
		return m.Run()
	}
	if _, err := s3test.Binary(); err != nil {
		if s3test.Required() {
			fmt.Fprintln(os.Stderr, "FAIL:", err)
			return 1
		}
		serverSkip = err.Error() + " (set CI=true or PAYGEN_REQUIRE_S3=1 to make this a failure)"
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "s3up-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	server, err = s3test.Start(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: start versitygw:", err)
		return 1
	}
	defer server.Stop()
	if err := server.CreateBucket(context.Background(), testBucket); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: create bucket:", err)
		return 1
	}
	return m.Run()
}

// needServer skips (locally, without the binary) or returns the shared server.
func needServer(t *testing.T) *s3test.Server {
	t.Helper()
	if serverSkip != "" {
		t.Skip(serverSkip)
	}
	return server
}

// testConfig is a config for endpoint with fast retries.
func testConfig(endpoint string) Config {
	return Config{
		Bucket:      testBucket,
		Endpoint:    endpoint,
		Region:      "us-east-1",
		Credentials: s3test.Credentials(),
		PartSize:    MinPartSize,
		Concurrency: 2,
		MaxBackoff:  40 * time.Millisecond,
		DialTimeout: 2 * time.Second,
	}
}

func newUploader(t *testing.T, cfg Config) *Uploader {
	t.Helper()
	u, err := New(context.Background(), cfg)
	require.NoError(t, err)
	return u
}

var (
	prefixes  sync.Map
	prefixSeq atomic.Int64
)

// prefix returns a key prefix unique to the test run (also under -count N).
func prefix(t *testing.T) string {
	if p, ok := prefixes.Load(t); ok {
		return p.(string)
	}
	p := fmt.Sprintf("t/%d/%s", prefixSeq.Add(1), t.Name())
	prefixes.Store(t, p)
	return p
}

// get reads an object back from the server directly.
func get(t *testing.T, c *s3.Client, key string) []byte {
	t.Helper()
	out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(testBucket), Key: &key})
	require.NoError(t, err, key)
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	require.NoError(t, err)
	return b
}

// exists reports whether key exists on the server.
func exists(t *testing.T, c *s3.Client, key string) bool {
	t.Helper()
	_, err := c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(testBucket), Key: &key})
	if err != nil {
		require.True(t, isNotFound(err), "HeadObject %s: %v", key, err)
		return false
	}
	return true
}

// list returns the keys under prefix, like `aws s3 ls --recursive`.
func list(t *testing.T, c *s3.Client, prefix string) []string {
	t.Helper()
	out, err := c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(testBucket), Prefix: &prefix})
	require.NoError(t, err)
	var keys []string
	for _, o := range out.Contents {
		keys = append(keys, aws.ToString(o.Key))
	}
	sort.Strings(keys)
	return keys
}

// incomplete returns the incomplete multipart uploads of key.
func incomplete(t *testing.T, c *s3.Client, key string) int {
	t.Helper()
	out, err := c.ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: aws.String(testBucket), Prefix: &key})
	require.NoError(t, err)
	n := 0
	for _, u := range out.Uploads {
		if aws.ToString(u.Key) == key {
			n++
		}
	}
	return n
}

// randomFile writes n random bytes into the test's temp dir.
func randomFile(t *testing.T, name string, n int, seed uint64) (string, []byte) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	b, err := s3test.RandomFile(p, n, seed)
	require.NoError(t, err)
	return p, b
}

// chunks writes b to w in uneven pieces.
func chunks(w io.Writer, b []byte) error {
	for len(b) > 0 {
		n := min(len(b), 100_003)
		if _, err := w.Write(b[:n]); err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}

func staticCreds(id, secret string) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: id, SecretAccessKey: secret, Source: "test"}, nil
	})
}
