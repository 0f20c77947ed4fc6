package s3up

import (
	"context"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestThrottlingAnd5xxAreRetried(t *testing.T) {
	srv := needServer(t)
	px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
		switch {
		case op.Name == "CreateMultipartUpload" && op.Seq == 1:
			return s3test.Action{Status: 500, Code: "InternalError"}
		case op.Name == "UploadPart" && op.Seq <= 2:
			return s3test.Action{Status: 503, Code: "SlowDown"}
		case op.Name == "CompleteMultipartUpload" && op.Seq == 1:
			return s3test.Action{Status: 503, Code: "ServiceUnavailable"}
		case op.Name == "PutObject" && op.Seq <= 2:
			return s3test.Action{Status: 503, Code: "SlowDown"}
		}
		return s3test.Action{}
	})
	defer px.Close()
	u := newUploader(t, testConfig(px.URL))

	p, b := randomFile(t, "big.bin", 11_000_000, 3)
	key := prefix(t) + "/big.bin"
	_, err := u.UploadFile(context.Background(), key, p)
	require.NoError(t, err)
	assert.Equal(t, b, get(t, srv.Client(""), key))
	assert.Equal(t, 2, px.Count("CreateMultipartUpload"))
	assert.Equal(t, 3+2, px.Count("UploadPart"), "3 parts + 2 throttled attempts")
	assert.Equal(t, 2, px.Count("CompleteMultipartUpload"))

	p, b = randomFile(t, "small.bin", 1000, 4)
	key = prefix(t) + "/small.bin"
	_, err = u.UploadFile(context.Background(), key, p)
	require.NoError(t, err)
	assert.Equal(t, b, get(t, srv.Client(""), key))
	assert.Equal(t, 3, px.Count("PutObject"))
	assert.Equal(t, 6, px.Faults())
}

func TestPersistentThrottlingGivesUpAfterFiveAttempts(t *testing.T) {
	srv := needServer(t)
	px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
		if op.Name == "PutObject" {
			return s3test.Action{Status: 503, Code: "SlowDown"}
		}
		return s3test.Action{}
	})
	defer px.Close()
	p, _ := randomFile(t, "small.bin", 1000, 5)
	key := prefix(t) + "/small.bin"
	_, err := newUploader(t, testConfig(px.URL)).UploadFile(context.Background(), key, p)
	require.Error(t, err)
	assert.Equal(t, "s3://paygen-test/"+key+": SlowDown: injected by the test proxy", err.Error())
	assert.Equal(t, 5, px.Count("PutObject"))
	assert.False(t, exists(t, srv.Client(""), key))
}

func TestLostCommitResponseIsNotAnOverwrite(t *testing.T) {
	srv := needServer(t)
	// The server stores the object but the client sees a 503, retries the conditional
	// write and gets 412: the object holds exactly our bytes, so the upload is done.
	px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
		if (op.Name == "PutObject" || op.Name == "CompleteMultipartUpload") && op.Seq == 1 {
			return s3test.Action{Status: 503, Code: "ServiceUnavailable", Forward: true}
		}
		return s3test.Action{}
	})
	defer px.Close()
	u := newUploader(t, testConfig(px.URL))
	for _, n := range []int{2000, 11_000_000} {
		p, b := randomFile(t, "f.bin", n, uint64(n))
		key := prefix(t) + "/f.bin." + strings.Repeat("x", n%7)
		_, err := u.UploadFile(context.Background(), key, p)
		require.NoError(t, err, n)
		assert.Equal(t, b, get(t, srv.Client(""), key))
	}
	assert.Equal(t, 2, px.Count("PutObject"))
	assert.Equal(t, 2, px.Count("CompleteMultipartUpload"))
}

func TestFailedPartAbortsMultipartUpload(t *testing.T) {
	srv := needServer(t)
	px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
		if op.Name == "UploadPart" && op.Seq == 2 {
			return s3test.Action{Status: 400, Code: "InvalidRequest"} // not retryable
		}
		return s3test.Action{}
	})
	defer px.Close()
	p, _ := randomFile(t, "big.bin", 11_000_000, 6)
	key := prefix(t) + "/big.bin"
	_, err := newUploader(t, testConfig(px.URL)).UploadFile(context.Background(), key, p)
	require.Error(t, err)
	assert.Equal(t, "s3://paygen-test/"+key+": InvalidRequest: injected by the test proxy", err.Error())
	assert.Equal(t, 1, px.Count("AbortMultipartUpload"))
	assert.False(t, exists(t, srv.Client(""), key), "no object")
	assert.Equal(t, 0, incomplete(t, srv.Client(""), key), "the multipart upload was aborted")
}

func TestServerStoppedMidUpload(t *testing.T) {
	srv := s3test.StartT(t, testBucket) // own server: this test kills it
	ctx := context.Background()
	p, b := randomFile(t, "big.bin", 12_000_000, 7)
	key := prefix(t) + "/big.bin"

	cfg := testConfig(srv.Endpoint)
	cfg.Concurrency = 1
	var once sync.Once
	cfg.Progress = func(string, int64, int64) { once.Do(srv.Stop) } // after the first part
	_, err := newUploader(t, cfg).UploadFile(ctx, key, p)
	require.Error(t, err)
	require.ErrorIs(t, err, ErrUnreachable)
	assert.Regexp(t, "^cannot reach S3 endpoint "+regexp.QuoteMeta(srv.Endpoint)+": connection refused "+
		`\(incomplete multipart upload \S+ could not be aborted; the next upload of this key aborts it\)$`, err.Error())
	assert.NotContains(t, err.Error(), "\n")

	require.NoError(t, srv.Restart())
	c := srv.Client("")
	assert.False(t, exists(t, c, key), "no object after the failure")
	assert.Equal(t, 1, incomplete(t, c, key), "the abort could not reach the stopped server")

	u := newUploader(t, testConfig(srv.Endpoint))
	obj, err := u.UploadFile(ctx, key, p)
	require.NoError(t, err, "a retry after the restart succeeds")
	assert.Equal(t, b, get(t, c, key))
	assert.Equal(t, crc32cOf(b), obj.CRC32C)
	// The leftover is younger than StaleUploads: it might be another run's live upload.
	assert.Equal(t, 1, incomplete(t, c, key), "a young leftover is left alone")
	prev := StaleUploads
	StaleUploads = 0
	defer func() { StaleUploads = prev }()
	_, err = u.UploadFile(ctx, key+".again", p)
	require.NoError(t, err)
	n, err := u.AbortIncomplete(ctx, key, StaleUploads)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Equal(t, 0, incomplete(t, c, key), "an old leftover is aborted")
}

func TestWrongCredentials(t *testing.T) {
	srv := needServer(t)
	p, _ := randomFile(t, "f.bin", 100, 8)
	key := prefix(t) + "/f.bin"
	for _, tc := range []struct{ id, secret, code string }{
		{"nobody", "x", "XAdminUserNotFound"}, // AWS says InvalidAccessKeyId
		{s3test.AccessKey, "wrong-secret", "SignatureDoesNotMatch"},
	} {
		cfg := testConfig(srv.Endpoint)
		cfg.Credentials = staticCreds(tc.id, tc.secret)
		_, err := newUploader(t, cfg).UploadFile(context.Background(), key, p)
		require.ErrorIs(t, err, ErrAccessDenied)
		assert.Equal(t, "access denied to s3://paygen-test/"+key+" ("+tc.code+"): check the AWS credentials", err.Error())
		assert.NotContains(t, err.Error(), tc.secret)
	}
	assert.False(t, exists(t, srv.Client(""), key))
}

func TestMissingBucket(t *testing.T) {
	srv := needServer(t)
	p, _ := randomFile(t, "f.bin", 100, 9)
	cfg := testConfig(srv.Endpoint)
	cfg.Bucket = "no-such-bucket"
	_, err := newUploader(t, cfg).UploadFile(context.Background(), "k", p)
	require.ErrorIs(t, err, ErrNoBucket)
	assert.Equal(t, `bucket "no-such-bucket" does not exist`, err.Error())

	w, err := newUploader(t, cfg).Stream(context.Background(), "k")
	require.NoError(t, err, "HeadObject cannot tell a missing bucket from a missing key")
	_ = chunks(w, make([]byte, 6<<20))
	err = w.Close()
	require.ErrorIs(t, err, ErrNoBucket)
	assert.Equal(t, `bucket "no-such-bucket" does not exist`, err.Error())
}

func TestUnreachableEndpoint(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close() // nothing listens here now
	p, _ := randomFile(t, "f.bin", 100, 10)
	_, err = newUploader(t, testConfig("http://"+addr)).UploadFile(context.Background(), "k", p)
	require.ErrorIs(t, err, ErrUnreachable)
	assert.Equal(t, "cannot reach S3 endpoint http://"+addr+": connection refused", err.Error())
}

func TestChecksumVerificationDetectsMismatch(t *testing.T) {
	srv := needServer(t)
	// The proxy falsifies the checksum that HeadObject reports after the upload.
	px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
		if op.Name == "HeadObject" {
			return s3test.Action{Header: func(h http.Header) {
				if _, ok := h["X-Amz-Checksum-Crc32c"]; ok {
					h["X-Amz-Checksum-Crc32c"] = []string{"AAAAAA=="}
				}
			}}
		}
		return s3test.Action{}
	})
	defer px.Close()
	p, b := randomFile(t, "f.bin", 5000, 11)
	key := prefix(t) + "/f.bin"
	_, err := newUploader(t, testConfig(px.URL)).UploadFile(context.Background(), key, p)
	require.ErrorIs(t, err, ErrChecksum)
	assert.Equal(t, "verification of s3://paygen-test/"+key+" failed: server has 5000 bytes CRC32C AAAAAA==, sent 5000 bytes CRC32C "+
		crc32cOf(b)+"; deleted it", err.Error())
	assert.False(t, exists(t, srv.Client(""), key), "the unverified object is removed")
}

func TestCorruptedPartIsRejected(t *testing.T) {
	srv := needServer(t)
	// The proxy flips one byte in the middle of the second part. Over plain HTTP the SDK also
	// signs the payload's SHA-256, so the server reports XAmzContentSHA256Mismatch (over
	// HTTPS, where the payload is unsigned, the part's CRC32C is what catches it).
	px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
		if op.Name == "UploadPart" && op.Seq == 2 {
			return s3test.Action{Body: func(b []byte) { b[len(b)/2] ^= 0xff }}
		}
		return s3test.Action{}
	})
	defer px.Close()
	p, _ := randomFile(t, "big.bin", 11_000_000, 12)
	key := prefix(t) + "/big.bin"
	_, err := newUploader(t, testConfig(px.URL)).UploadFile(context.Background(), key, p)
	require.ErrorIs(t, err, ErrChecksum)
	assert.Regexp(t, "^s3://paygen-test/"+regexp.QuoteMeta(key)+`: the server rejected the data \(\w+\)$`, err.Error())
	assert.False(t, exists(t, srv.Client(""), key))
	assert.Equal(t, 0, incomplete(t, srv.Client(""), key))
}
