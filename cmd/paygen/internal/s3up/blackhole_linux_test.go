//go:build linux

package s3up

import (
	"context"
	"fmt"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/dataset"
)

// blackHole returns host:port of a loopback socket that never completes a
// connection: it listens with a backlog of 0 and never accepts, so once its
// queue holds one connection the kernel drops further SYNs.
func blackHole(t *testing.T) string {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	require.NoError(t, err)
	t.Cleanup(func() { syscall.Close(fd) })
	require.NoError(t, syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	require.NoError(t, syscall.Listen(fd, 0))
	sa, err := syscall.Getsockname(fd)
	require.NoError(t, err)
	addr := fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port)
	for i := 0; i < 8; i++ { // fill the queue
		c, err := net.DialTimeout("tcp", addr, 300*time.Millisecond)
		if err != nil {
			return addr
		}
		t.Cleanup(func() { c.Close() })
	}
	t.Skip("this kernel accepts every connection into the queue")
	return ""
}

// Issue 13: a black-hole endpoint took 312 s to fail. A connect that times out is
// not retried: the error comes after about one DialTimeout.
func TestBlackHoleEndpointFailsFast(t *testing.T) {
	addr := blackHole(t)
	cfg := testConfig("http://" + addr)
	cfg.DialTimeout = time.Second
	u := newUploader(t, cfg)
	start := time.Now()
	err := u.CheckDataset(context.Background(), dataset.KeysFor("p", time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC), "payments_1k_20250529.parquet"))
	took := time.Since(start)
	require.ErrorIs(t, err, ErrUnreachable)
	assert.Equal(t, "cannot reach S3 endpoint http://"+addr+": timed out", err.Error())
	assert.Less(t, took, 3*time.Second, "one connect timeout, not five attempts per request")
}
