//go:build unix

package tests

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 13: SIGTERM/SIGINT sometimes exited 2 ("file already closed") instead of
// 130, and interrupted runs left empty $TMPDIR/paygen-* directories. An
// interrupted generate exits 130 with one line, and leaves no file, no temporary
// file and no $TMPDIR/paygen-* directory, whenever the signal comes.
func TestInterruptedGenerateExits130AndLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many runs")
	}
	for _, tc := range []struct {
		args []string
		sig  syscall.Signal
	}{
		{[]string{"--rows", "3M"}, syscall.SIGTERM},
		{[]string{"--rows", "3M"}, syscall.SIGINT},
		{[]string{"--rows", "2M", "--validate", "--profile"}, syscall.SIGTERM},
	} {
		for _, delay := range []time.Duration{50 * time.Millisecond, 300 * time.Millisecond, 900 * time.Millisecond, 1500 * time.Millisecond} {
			out, tmp := t.TempDir(), t.TempDir()
			cmd := exec.Command(bin, append([]string{"generate", "--out", out, "--date", "2025-05-29", "--workers", "2"}, tc.args...)...)
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			var se bytes.Buffer
			cmd.Stderr = &se
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			cmd.Process.Signal(tc.sig)
			err := cmd.Wait()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			entries, _ := os.ReadDir(out)
			if code == 0 { // finished before the signal: the file is there, whole
				if len(entries) < 1 {
					t.Errorf("%v after %v: exit 0 but no file", tc.args, delay)
				}
				continue
			}
			if code != 130 {
				t.Errorf("%v %v after %v: exit %d, want 130: %q", tc.args, tc.sig, delay, code, se.String())
			}
			if n := strings.Count(strings.TrimSpace(se.String()), "\n"); n > 0 {
				t.Errorf("%v after %v: %d lines on stderr: %q", tc.args, delay, n+1, se.String())
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if len(names) > 0 {
				t.Errorf("%v after %v: left %v", tc.args, delay, names)
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
				t.Errorf("%v after %v: left %v in TMPDIR", tc.args, delay, left)
			}
		}
	}
}

// After kill -9 the run's temporary file stays; the next run for the same
// target removes it at once (its lock died with the process), not an hour later.
func TestKilledGenerateLeftoverIsCleanedByTheNextRun(t *testing.T) {
	out := t.TempDir()
	args := []string{"generate", "--out", out, "--date", "2025-05-29", "--rows", "3M", "--quiet"}
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var temps []string
	for deadline := time.Now().Add(10 * time.Second); len(temps) == 0 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		temps, _ = filepath.Glob(filepath.Join(out, ".payments_3M_20250529.parquet.tmp-*"))
	}
	cmd.Process.Kill()
	cmd.Wait()
	if len(temps) == 0 {
		t.Fatal("the run never created its temporary file")
	}
	time.Sleep(11 * time.Second) // orphanGrace: a file younger than 10 s may not be locked yet
	r := paygen(t, args...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	left, _ := filepath.Glob(filepath.Join(out, ".payments_3M_*.tmp-*"))
	if len(left) > 0 {
		t.Errorf("left %v", left)
	}
}
