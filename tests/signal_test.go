//go:build unix

package tests

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SIGINT or SIGTERM during generate: exit 130, one line on stderr, and no file
// (not even a temporary one) in the output directory.
func TestSignalPublishesNothing(t *testing.T) {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(bin, "generate", "--rows", "5M", "--out", dir, "--date", "2025-05-29", "--workers", "1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			time.Sleep(300 * time.Millisecond)
			require.NoError(t, cmd.Process.Signal(sig))
			err := cmd.Wait()
			var ee *exec.ExitError
			require.True(t, errors.As(err, &ee), "generate of 5M rows finished before the signal: %v", err)
			assert.Equal(t, 130, ee.ExitCode(), stderr.String())
			assert.Equal(t, "paygen generate: interrupted; nothing was published\n", stderr.String())
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Empty(t, entries, "no file, no temporary file")
		})
	}
}
