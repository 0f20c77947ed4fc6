// Package tests holds paygen's end-to-end tests: they build the binary, run it and read its files back with independent readers.
package tests

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var (
	bin     string // the paygen binary under test
	workDir string
)

func TestMain(m *testing.M) {
	// The end-to-end tier builds the binary and generates up to 1M rows; the
	// fast tier (go test -short ./...) leaves it out.
	flag.Parse()
	if testing.Short() {
		fmt.Println("tests: end-to-end tier skipped (-short)")
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "paygen-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	workDir = dir
	bin = filepath.Join(dir, "paygen")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/paygen").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building paygen: %v\n%s", err, out)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

// paygen runs the binary with args.
func paygen(t testing.TB, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running paygen: %v", err)
	}
	return result{code: code, stdout: so.String(), stderr: se.String()}
}

// generate runs paygen generate into a fresh directory and returns the file.
func generate(t testing.TB, args ...string) string {
	t.Helper()
	dir := t.TempDir()
	r := paygen(t, append([]string{"generate", "--out", dir, "--date", "2025-05-29", "--quiet"}, args...)...)
	if r.code != 0 {
		t.Fatalf("paygen generate %v: exit %d: %s", args, r.code, r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.parquet"))
	if len(files) != 1 {
		t.Fatalf("expected one parquet file in %s, got %v", dir, files)
	}
	return files[0]
}

// Shared datasets, generated once per test binary.
var (
	smallOnce, bigOnce sync.Once
	smallPath, bigPath string
	smallDir, bigDir   string
)

// small is a 100k-row file with small row groups (many row groups).
func small(t *testing.T) string {
	smallOnce.Do(func() {
		smallDir, _ = os.MkdirTemp(workDir, "small")
		r := paygen(t, "generate", "--rows", "100k", "--out", smallDir, "--date", "2025-05-29", "--row-group-size", "16384", "--quiet")
		if r.code != 0 {
			t.Fatalf("generate small: %s", r.stderr)
		}
		smallPath = filepath.Join(smallDir, "payments_100k_20250529.parquet")
	})
	if smallPath == "" {
		t.Fatal("small dataset unavailable")
	}
	return smallPath
}

// big is the 1M-row file with default settings.
func big(t *testing.T) string {
	bigOnce.Do(func() {
		bigDir, _ = os.MkdirTemp(workDir, "big")
		r := paygen(t, "generate", "--rows", "1M", "--out", bigDir, "--date", "2025-05-29", "--workers", fmt.Sprint(runtime.NumCPU()), "--quiet")
		if r.code != 0 {
			t.Fatalf("generate big: %s", r.stderr)
		}
		bigPath = filepath.Join(bigDir, "payments_1M_20250529.parquet")
	})
	if bigPath == "" {
		t.Fatal("big dataset unavailable")
	}
	return bigPath
}
