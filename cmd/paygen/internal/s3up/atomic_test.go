package s3up

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"

	"github.com/paygen/paygen/runtime/dataset"
)

// datasetFiles writes a dataset file of n rows (n large enough for a multipart
// upload at the minimum part size, or small for a single PUT) and its profile.
func datasetFiles(t *testing.T, rows int, withProfile bool) string {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "payments_10k_20250529.parquet")
	require.NoError(t, s3test.WriteParquet(data, rows, 16, paygenMeta("2025-05-29", "")))
	if withProfile {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "payments_10k_20250529.html"), []byte("<html>profile</html>\n"), 0o644))
	}
	return data
}

// failOn answers a non-retryable 400 to the operations whose key ends in suffix.
func failOn(name, suffix string) func(s3test.Op) s3test.Action {
	return func(op s3test.Op) s3test.Action {
		if op.Name == name && strings.HasSuffix(op.Key, suffix) {
			return s3test.Action{Status: 400, Code: "InvalidRequest"}
		}
		return s3test.Action{}
	}
}

// Issue 13: when the profile, the manifest or the data commit fails, no part of the
// dataset is left under its final keys, and a rerun finishes the job.
func TestDatasetIsAllOrNothing(t *testing.T) {
	srv := needServer(t)
	c := srv.Client("")
	for _, tc := range []struct {
		name string
		rows int // 20: one PUT; 400k: a multipart upload at 5 MiB parts
		rule func(s3test.Op) s3test.Action
	}{
		{"manifest PUT fails, single-part data", 20, failOn("PutObject", ".manifest.json")},
		{"manifest PUT fails, multipart data", 400_000, failOn("PutObject", ".manifest.json")},
		{"profile PUT fails", 400_000, failOn("PutObject", ".html")},
		{"data commit fails", 400_000, failOn("CompleteMultipartUpload", ".parquet")},
		{"single-part data PUT fails", 20, failOn("PutObject", ".parquet")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := datasetFiles(t, tc.rows, true)
			px := s3test.NewProxy(srv.Addr, tc.rule)
			defer px.Close()
			pfx := prefix(t)
			_, err := newUploader(t, testConfig(px.URL)).UploadDataset(context.Background(), pfx, data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "InvalidRequest")
			assert.NotContains(t, err.Error(), "\n")
			assert.Empty(t, list(t, c, pfx+"/"), "nothing under the final keys")
			keys := dataset.KeysFor(pfx, time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC), filepath.Base(data))
			assert.Equal(t, 0, incomplete(t, c, keys.Data), "the multipart upload was aborted")

			res, err := newUploader(t, testConfig(srv.Endpoint)).UploadDataset(context.Background(), pfx, data)
			require.NoError(t, err, "a rerun finishes the job")
			assert.Equal(t, []string{keys.Profile, keys.Manifest, keys.Data}, list(t, c, pfx+"/"))
			assert.NotNil(t, res.Profile)
		})
	}
}

// When the clean-up cannot delete a side file either, the error says what is left;
// such a leftover blocks a rerun for an hour (it may be a run about to commit),
// --overwrite replaces it, and after StaleSideFiles a rerun removes it.
func TestLeftoverSideFiles(t *testing.T) {
	srv := needServer(t)
	c := srv.Client("")
	data := datasetFiles(t, 20, true)
	px := s3test.NewProxy(srv.Addr, func(op s3test.Op) s3test.Action {
		if (op.Name == "PutObject" && strings.HasSuffix(op.Key, ".parquet")) || op.Name == "DeleteObject" {
			return s3test.Action{Status: 400, Code: "InvalidRequest"}
		}
		return s3test.Action{}
	})
	defer px.Close()
	pfx := prefix(t)
	keys := dataset.KeysFor(pfx, time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC), filepath.Base(data))
	_, err := newUploader(t, testConfig(px.URL)).UploadDataset(context.Background(), pfx, data)
	require.Error(t, err)
	assert.Contains(t, err.Error(), URL(testBucket, keys.Manifest)+" was not deleted")
	assert.False(t, exists(t, c, keys.Data), "no data object: the dataset does not exist")

	u := newUploader(t, testConfig(srv.Endpoint))
	_, err = u.UploadDataset(context.Background(), pfx, data)
	require.ErrorIs(t, err, ErrExists)
	assert.Contains(t, err.Error(), "already exists without its data object")

	prev := StaleSideFiles
	StaleSideFiles = 0
	defer func() { StaleSideFiles = prev }()
	_, err = u.UploadDataset(context.Background(), pfx, data)
	require.NoError(t, err, "stale leftovers are replaced")
	assert.Equal(t, []string{keys.Profile, keys.Manifest, keys.Data}, list(t, c, pfx+"/"))
}

// Overwriting a dataset deletes the old data object before storing the new side
// files (a failure then leaves no dataset rather than a mix), and a rerun without a
// profile removes the previous run's profile.
func TestOverwriteIsAllOrNothing(t *testing.T) {
	srv := needServer(t)
	c := srv.Client("")
	pfx := prefix(t)
	withProfile := datasetFiles(t, 20, true)
	cfg := testConfig(srv.Endpoint)
	_, err := newUploader(t, cfg).UploadDataset(context.Background(), pfx, withProfile)
	require.NoError(t, err)
	keys := dataset.KeysFor(pfx, time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC), filepath.Base(withProfile))

	cfg.Overwrite = true
	without := datasetFiles(t, 30, false)
	px := s3test.NewProxy(srv.Addr, failOn("PutObject", ".parquet"))
	pcfg := cfg
	pcfg.Endpoint = px.URL
	_, err = newUploader(t, pcfg).UploadDataset(context.Background(), pfx, without)
	px.Close()
	require.Error(t, err)
	assert.Empty(t, list(t, c, pfx+"/"), "the old dataset was deleted first, the new one never committed")

	_, err = newUploader(t, cfg).UploadDataset(context.Background(), pfx, withProfile)
	require.NoError(t, err)
	_, err = newUploader(t, cfg).UploadDataset(context.Background(), pfx, without)
	require.NoError(t, err)
	assert.Equal(t, []string{keys.Manifest, keys.Data}, list(t, c, pfx+"/"), "no stale profile beside the new data")
}

// Issue 13: two concurrent uploads to one key. The second run's start-up clean-up
// aborted the first run's live multipart upload, and a run then failed with exit 2
// (InvalidPart, NoSuchUpload). Now the first to commit wins and the other gets
// ErrExists (exit 1), with nothing of its own left.
func TestConcurrentStreamsToOneKey(t *testing.T) {
	srv := needServer(t)
	key := prefix(t) + "/race.parquet"
	_, b := randomFile(t, "src", 12_000_000, 77)
	ctx := context.Background()
	w1, err := newUploader(t, testConfig(srv.Endpoint)).Stream(ctx, key)
	require.NoError(t, err)
	require.NoError(t, chunks(w1, b[:6<<20])) // w1's multipart upload is live
	w2, err := newUploader(t, testConfig(srv.Endpoint)).Stream(ctx, key)
	require.NoError(t, err)
	require.NoError(t, chunks(w2, b))
	require.NoError(t, chunks(w1, b[6<<20:]))
	require.NoError(t, w1.Close(), "the live upload was not aborted by the other run")
	err = w2.Close()
	require.ErrorIs(t, err, ErrExists)
	assert.Equal(t, b, get(t, srv.Client(""), key))
	assert.Equal(t, 0, incomplete(t, srv.Client(""), key))
}

// Issue 13: control characters in a file name went into the S3 key (and the
// terminal); S3's key length limit was not checked locally.
func TestDatasetKeysAreChecked(t *testing.T) {
	srv := needServer(t)
	u := newUploader(t, testConfig(srv.Endpoint))
	dir := t.TempDir()
	for name, want := range map[string]string{
		"payments_\x1b[31mred_20250529.parquet":                       `holds a control character`,
		"payments_\xff_20250529.parquet":                              `is not valid UTF-8`,
		"payments_" + strings.Repeat("x", 1100) + "_20250529.parquet": `more than S3's 1024`,
	} {
		if len(name) > 255 { // longer than a file name may be: check the keys directly
			err := u.CheckDataset(context.Background(), dataset.KeysFor("p", time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC), name))
			require.ErrorIs(t, err, ErrDataset)
			assert.Contains(t, err.Error(), want)
			continue
		}
		path := filepath.Join(dir, name)
		require.NoError(t, s3test.WriteParquet(path, 5, 8, paygenMeta("2025-05-29", "")))
		_, err := u.UploadDataset(context.Background(), prefix(t), path)
		require.ErrorIs(t, err, ErrDataset, name)
		assert.Contains(t, err.Error(), want)
		assert.NotContains(t, err.Error(), "\x1b")
	}
	assert.Empty(t, list(t, srv.Client(""), prefix(t)+"/"))
}
