package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// directFile creates a file on the repository's disk (a test's temporary
// directory may be a tmpfs, which can refuse O_DIRECT) and its writer.
func directFile(t *testing.T) (*os.File, *directWriter) {
	t.Helper()
	dir, err := os.MkdirTemp(".", ".direct-test-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	f, err := os.CreateTemp(dir, "f")
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	d := newDirectWriter(f)
	if runtime.GOOS != "linux" {
		require.Nil(t, d)
		t.Skip("O_DIRECT is Linux's")
	}
	require.NotNil(t, d, "ext4 and xfs take O_DIRECT")
	return f, d
}

// TestDirectWriterWritesEveryByte writes files of sizes around the block and
// buffer sizes in chunks of random sizes, then more after Flush, and reads
// them back.
func TestDirectWriterWritesEveryByte(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, directAlign - 1, directAlign, directAlign + 1, directBuf - 1, directBuf, directBuf + 1, 3*directBuf + 12345} {
		f, d := directFile(t)
		want := make([]byte, size)
		for i := range want {
			want[i] = byte(r.Uint32())
		}
		for p := want; len(p) > 0; {
			n := min(len(p), 1+r.IntN(300_000))
			k, err := d.Write(p[:n])
			require.NoError(t, err)
			require.Equal(t, n, k)
			p = p[n:]
		}
		require.NoError(t, d.Flush())
		got, err := os.ReadFile(f.Name())
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "size %d: file differs", size)

		// after Flush (the tail went through the page cache), writes still land
		_, err = d.Write([]byte("tail"))
		require.NoError(t, err)
		require.NoError(t, d.Flush())
		got, err = os.ReadFile(f.Name())
		require.NoError(t, err)
		assert.Equal(t, append(want, "tail"...), got, "size %d: write after Flush", size)
	}
}

// TestDirectWriterReportsErrors: a failed write (the descriptor closed under
// it) is returned by a later Write or by Flush, never dropped.
func TestDirectWriterReportsErrors(t *testing.T) {
	f, d := directFile(t)
	_, err := d.Write(make([]byte, directBuf)) // hands a buffer to the goroutine
	require.NoError(t, err)
	f.Close()
	_, werr := d.Write(make([]byte, directBuf))
	ferr := d.Flush()
	assert.True(t, werr != nil || ferr != nil, "the failed write went unreported")
	assert.Error(t, ferr)
}

// TestDirectWriterAbort: abort stops the goroutine; a Write waiting for a
// buffer then returns an error instead of blocking.
func TestDirectWriterAbort(t *testing.T) {
	_, d := directFile(t)
	d.abort()
	_, err := d.Write(make([]byte, 3*directBuf))
	assert.Error(t, err)
}
