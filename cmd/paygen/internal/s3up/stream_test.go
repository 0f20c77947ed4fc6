package s3up

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStreamUpload(t *testing.T) {
	srv := needServer(t)
	px := s3test.NewProxy(srv.Addr, nil)
	defer px.Close()
	u := newUploader(t, testConfig(px.URL))
	for _, n := range []int{0, 1234, 12_000_000} {
		_, b := randomFile(t, "src", n, uint64(n)+100)
		key := fmt.Sprintf("%s/%d.parquet", prefix(t), n)
		w, err := u.Stream(context.Background(), key)
		require.NoError(t, err)
		require.NoError(t, chunks(w, b))
		require.NoError(t, w.Close(), n)
		obj := w.Object()
		assert.Equal(t, key, obj.Key)
		assert.EqualValues(t, n, obj.Size)
		assert.Equal(t, crc32cOf(b), obj.CRC32C)
		crc, _, size := checksumOf(t, srv.Client(""), key)
		assert.Equal(t, crc32cOf(b), crc)
		assert.EqualValues(t, n, size)
		assert.Equal(t, b, get(t, srv.Client(""), key), "read back byte-identical")
		require.NoError(t, w.Abort(), "Abort after a successful Close does nothing")
		assert.True(t, exists(t, srv.Client(""), key))
	}
	assert.Equal(t, 1, px.Count("CreateMultipartUpload"), "only the 12 MB stream is multipart")
	assert.Equal(t, 3, px.Count("UploadPart"))
	assert.Equal(t, 2, px.Count("PutObject"))
}

func TestStreamAbortLeavesNothing(t *testing.T) {
	srv := needServer(t)
	u := newUploader(t, testConfig(srv.Endpoint))
	c := srv.Client("")
	for _, n := range []int{1000, 11_000_000} {
		_, b := randomFile(t, "src", n, uint64(n))
		key := prefix(t) + "/obj"
		w, err := u.Stream(context.Background(), key)
		require.NoError(t, err)
		require.NoError(t, chunks(w, b))
		require.NoError(t, w.Abort(), n)
		_, err = w.Write([]byte("more"))
		assert.Error(t, err, "writing after Abort fails")
		err = w.Close()
		require.ErrorIs(t, err, ErrAborted)
		assert.False(t, exists(t, c, key), "no object")
		assert.Equal(t, 0, incomplete(t, c, key), "no incomplete upload")
	}
}

func TestStreamCancelLeavesNothing(t *testing.T) {
	srv := needServer(t)
	u := newUploader(t, testConfig(srv.Endpoint))
	ctx, cancel := context.WithCancel(context.Background())
	key := prefix(t) + "/obj"
	w, err := u.Stream(ctx, key)
	require.NoError(t, err)
	_, b := randomFile(t, "src", 11_000_000, 1)
	require.NoError(t, chunks(w, b[:10_500_000]))
	cancel()
	werr := chunks(w, b[10_500_000:])
	cerr := w.Close()
	require.Error(t, cerr)
	assert.True(t, werr != nil || cerr != nil)
	assert.False(t, exists(t, srv.Client(""), key))
	assert.Equal(t, 0, incomplete(t, srv.Client(""), key), "aborted with a fresh context")
}

func TestStreamRefusesExistingKey(t *testing.T) {
	srv := needServer(t)
	u := newUploader(t, testConfig(srv.Endpoint))
	key := prefix(t) + "/obj"
	_, err := u.UploadBytes(context.Background(), key, []byte("x"))
	require.NoError(t, err)
	_, err = u.Stream(context.Background(), key)
	require.ErrorIs(t, err, ErrExists)
}

func TestStreamServerStopped(t *testing.T) {
	srv := s3test.StartT(t, testBucket)
	cfg := testConfig(srv.Endpoint)
	u := newUploader(t, cfg)
	key := prefix(t) + "/obj"
	_, b := randomFile(t, "src", 12_000_000, 2)
	w, err := u.Stream(context.Background(), key)
	require.NoError(t, err)
	require.NoError(t, chunks(w, b[:6_000_000]))
	srv.Stop()
	werr := chunks(w, b[6_000_000:])
	cerr := w.Close()
	require.ErrorIs(t, cerr, ErrUnreachable)
	if werr != nil {
		assert.ErrorIs(t, werr, ErrUnreachable, "Write reports the upload's error")
	}
	aerr := w.Abort()
	assert.ErrorIs(t, aerr, ErrUnreachable, "Abort says the incomplete upload is still there")
	require.NoError(t, srv.Restart())
	assert.False(t, exists(t, srv.Client(""), key), "a failed stream leaves no object")
}

// A writer that is used from two goroutines must at least not race in Abort/Close.
func TestStreamConcurrentAbortClose(t *testing.T) {
	srv := needServer(t)
	u := newUploader(t, testConfig(srv.Endpoint))
	w, err := u.Stream(context.Background(), prefix(t)+"/obj")
	require.NoError(t, err)
	var wg sync.WaitGroup
	var errs [2]error
	wg.Add(2)
	go func() { defer wg.Done(); errs[0] = w.Abort() }()
	go func() { defer wg.Done(); errs[1] = w.Close() }()
	wg.Wait()
	// Whichever came first decides; either way the writer is finished and consistent.
	if errs[1] == nil {
		assert.True(t, exists(t, srv.Client(""), prefix(t)+"/obj"))
	} else {
		assert.True(t, errors.Is(errs[1], ErrAborted))
		assert.False(t, exists(t, srv.Client(""), prefix(t)+"/obj"))
	}
}
