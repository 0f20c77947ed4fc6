package s3up

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
	"github.com/paygen/paygen/runtime/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crc32cOf computes the S3-style CRC32C independently of the package code.
func crc32cOf(b []byte) string {
	var out [4]byte
	binary.BigEndian.PutUint32(out[:], crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))
	return base64.StdEncoding.EncodeToString(out[:])
}

func TestUploadDatasetLayoutAndReadBack(t *testing.T) {
	srv := needServer(t)
	c := srv.Client("")
	dir := t.TempDir()
	data := filepath.Join(dir, "payments_10k_20250529.parquet")
	require.NoError(t, s3test.WriteParquet(data, 50, 16, paygenMeta("2025-05-29", "50")))
	html := []byte("<!doctype html><title>profile</title>\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "payments_10k_20250529.html"), html, 0o644))

	u := newUploader(t, testConfig(srv.Endpoint))
	res, err := u.UploadDataset(context.Background(), prefix(t)+"/payments", data)
	require.NoError(t, err)

	base := prefix(t) + "/payments/year=2025/month=05/"
	// What `aws s3 ls --recursive` would show:
	assert.Equal(t, []string{
		base + "_payments_10k_20250529.html",
		base + "_payments_10k_20250529.manifest.json",
		base + "payments_10k_20250529.parquet",
	}, list(t, c, prefix(t)+"/"))

	local, err := os.ReadFile(data)
	require.NoError(t, err)
	assert.Equal(t, local, get(t, c, base+"payments_10k_20250529.parquet"), "data read back byte-identical")
	assert.Equal(t, html, get(t, c, base+"_payments_10k_20250529.html"), "profile read back byte-identical")
	assert.Equal(t, int64(len(local)), res.Data.Size)
	assert.Equal(t, crc32cOf(local), res.Data.CRC32C)
	assert.Equal(t, "s3://paygen-test/"+base+"payments_10k_20250529.parquet", res.Data.URL())

	var m map[string]any
	require.NoError(t, json.Unmarshal(get(t, c, res.Keys.Manifest), &m))
	assert.Equal(t, "payments_10k_20250529.parquet", m["name"])
	assert.Equal(t, "2025-05-29", m["date"])
	assert.EqualValues(t, 50, m["rows"])
	assert.Equal(t, "42", m["seed"])
	assert.Equal(t, "sha256:abc123", m["schema_fingerprint"])
	assert.Equal(t, "0.1.0-test", m["paygen_version"])
	assert.Equal(t, "payments", m["schema"])
	assert.NotEmpty(t, m["uploaded_at"])
	assert.Equal(t, []any{
		map[string]any{"role": "data", "key": base + "payments_10k_20250529.parquet",
			"size": float64(len(local)), "crc32c": crc32cOf(local)},
		map[string]any{"role": "profile", "key": base + "_payments_10k_20250529.html",
			"size": float64(len(html)), "crc32c": crc32cOf(html)},
	}, m["objects"])

	// Re-running the same date changes nothing and says so.
	_, err = u.UploadDataset(context.Background(), prefix(t)+"/payments", data)
	require.ErrorIs(t, err, ErrExists)
	assert.Equal(t, "s3://paygen-test/"+base+"payments_10k_20250529.parquet already exists", err.Error())
}

func TestUploadDatasetWithoutProfile(t *testing.T) {
	srv := needServer(t)
	data := filepath.Join(t.TempDir(), "payments_20240131.parquet")
	require.NoError(t, s3test.WriteParquet(data, 5, 8, nil))
	res, err := newUploader(t, testConfig(srv.Endpoint)).UploadDataset(context.Background(), prefix(t), data)
	require.NoError(t, err)
	assert.Nil(t, res.Profile)
	base := prefix(t) + "/year=2024/month=01/"
	assert.Equal(t, []string{base + "_payments_20240131.manifest.json", base + "payments_20240131.parquet"},
		list(t, srv.Client(""), prefix(t)+"/"))
}

// checksumOf asks the server for the stored checksum of key.
func checksumOf(t *testing.T, c *s3.Client, key string) (string, types.ChecksumType, int64) {
	t.Helper()
	h, err := c.HeadObject(context.Background(), &s3.HeadObjectInput{
		Bucket: aws.String(testBucket), Key: &key, ChecksumMode: types.ChecksumModeEnabled,
	})
	require.NoError(t, err)
	return aws.ToString(h.ChecksumCRC32C), h.ChecksumType, aws.ToInt64(h.ContentLength)
}

func TestSinglePartChecksum(t *testing.T) {
	srv := needServer(t)
	p, b := randomFile(t, "small.bin", 1<<20, 1)
	key := prefix(t) + "/small.bin"
	obj, err := newUploader(t, testConfig(srv.Endpoint)).UploadFile(context.Background(), key, p)
	require.NoError(t, err)
	crc, _, size := checksumOf(t, srv.Client(""), key)
	assert.Equal(t, crc32cOf(b), crc, "server stores the CRC32C we computed independently")
	assert.Equal(t, crc, obj.CRC32C)
	assert.EqualValues(t, len(b), size)
	assert.Equal(t, b, get(t, srv.Client(""), key))
}

func TestMultipartSmallParts(t *testing.T) {
	srv := needServer(t)
	var mu sync.Mutex
	partCRC := 0 // UploadPart requests that carry a CRC32C (header or trailer)
	px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
		if op.Name == "UploadPart" && (op.Header.Get("X-Amz-Checksum-Crc32c") != "" ||
			strings.EqualFold(op.Header.Get("X-Amz-Trailer"), "x-amz-checksum-crc32c")) {
			mu.Lock()
			partCRC++
			mu.Unlock()
		}
		return s3test.Action{}
	})
	defer px.Close()
	p, b := randomFile(t, "big.bin", 12_000_000, 2)
	key := prefix(t) + "/big.bin"
	cfg := testConfig(px.URL)
	var last, total int64
	cfg.Progress = func(k string, done, tot int64) { last, total = done, tot }
	obj, err := newUploader(t, cfg).UploadFile(context.Background(), key, p)
	require.NoError(t, err)

	assert.Equal(t, 1, px.Count("CreateMultipartUpload"))
	assert.Equal(t, 3, px.Count("UploadPart"), "12 MB in 5 MiB parts")
	assert.Equal(t, 1, px.Count("CompleteMultipartUpload"))
	assert.Equal(t, 0, px.Count("PutObject"))
	assert.Equal(t, 3, partCRC, "every part carries its CRC32C")
	assert.EqualValues(t, len(b), last, "progress reached the total")
	assert.EqualValues(t, len(b), total)

	crc, typ, size := checksumOf(t, srv.Client(""), key)
	assert.Equal(t, crc32cOf(b), crc, "full-object CRC32C, not a checksum of checksums")
	assert.Equal(t, types.ChecksumTypeFullObject, typ)
	assert.EqualValues(t, len(b), size)
	assert.Equal(t, obj.CRC32C, crc)
	assert.Equal(t, b, get(t, srv.Client(""), key), "read back byte-identical")
	assert.Equal(t, 0, incomplete(t, srv.Client(""), key))
}

func TestOverwriteRefusedAndAllowed(t *testing.T) {
	srv := needServer(t)
	c := srv.Client("")
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		size int
	}{{"single", 3000}, {"multipart", 11_000_000}} {
		t.Run(tc.name, func(t *testing.T) {
			key := prefix(t) + "/obj"
			p1, b1 := randomFile(t, "one", tc.size, 10)
			p2, b2 := randomFile(t, "two", tc.size, 11)
			_, err := newUploader(t, testConfig(srv.Endpoint)).UploadFile(ctx, key, p1)
			require.NoError(t, err)

			// The HeadObject pre-check refuses.
			_, err = newUploader(t, testConfig(srv.Endpoint)).UploadFile(ctx, key, p2)
			require.ErrorIs(t, err, ErrExists)
			assert.Equal(t, "s3://paygen-test/"+key+" already exists", err.Error())

			// Without the pre-check (the proxy hides the object from HeadObject) the
			// conditional write itself (If-None-Match: *) refuses, on PutObject and on
			// CompleteMultipartUpload, and the multipart upload is aborted.
			px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
				if op.Name == "HeadObject" && op.Seq == 1 {
					return s3test.Action{Status: 404, Code: "NotFound"}
				}
				return s3test.Action{}
			})
			defer px.Close()
			_, err = newUploader(t, testConfig(px.URL)).UploadFile(ctx, key, p2)
			require.ErrorIs(t, err, ErrExists)
			assert.Equal(t, "s3://paygen-test/"+key+" already exists", err.Error())
			assert.Equal(t, b1, get(t, c, key), "the existing object is untouched")
			assert.Equal(t, 0, incomplete(t, c, key))

			cfg := testConfig(srv.Endpoint)
			cfg.Overwrite = true
			obj, err := newUploader(t, cfg).UploadFile(ctx, key, p2)
			require.NoError(t, err)
			assert.Equal(t, b2, get(t, c, key), "--overwrite replaces it")
			assert.Equal(t, crc32cOf(b2), obj.CRC32C)
		})
	}
}

func TestUploadBytesAndManifestRefuseOverwrite(t *testing.T) {
	srv := needServer(t)
	u := newUploader(t, testConfig(srv.Endpoint))
	key := prefix(t) + "/m.json"
	_, err := u.UploadBytes(context.Background(), key, []byte(`{}`))
	require.NoError(t, err)
	_, err = u.PutManifest(context.Background(), key, dataset.Manifest{})
	require.ErrorIs(t, err, ErrExists)
	assert.Equal(t, []byte(`{}`), get(t, srv.Client(""), key))
}
