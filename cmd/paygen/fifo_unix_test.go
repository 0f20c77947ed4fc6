//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 13: a FIFO as input hung forever. Every reader refuses it at once.
func TestFIFOInputIsRefused(t *testing.T) {
	isolateAWS(t)
	path := filepath.Join(t.TempDir(), "payments_10k_20250529.parquet")
	require.NoError(t, syscall.Mkfifo(path, 0o600))
	for _, args := range [][]string{{"validate", path}, {"profile", path, "--out", path + ".html"}, {"learnability", path},
		{"upload", path, "--to", "s3://bucket/p"}} {
		done := make(chan [3]any, 1)
		go func() {
			code, out, errs := runMain(args...)
			done <- [3]any{code, out, errs}
		}()
		select {
		case r := <-done:
			assert.Equal(t, 2, r[0], args)
			assert.Contains(t, r[2], "not a regular file", args)
			assert.Equal(t, 1, strings.Count(r[2].(string), "\n"), args)
		case <-time.After(10 * time.Second):
			t.Fatalf("%v blocked on a FIFO", args)
		}
	}
}
