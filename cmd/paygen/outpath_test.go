package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/paygen/paygen/runtime/learn/learntest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fileState is what a test compares to show that a file was left alone.
func fileState(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// Issue 13: a report path equal to an input replaced the Parquet file with the
// report. Every command refuses it, whatever the spelling (relative, absolute,
// through a symbolic link to the directory, or a hard link), with one line and
// exit 2, and leaves the input alone.
func TestReportNeverOverwritesTheInput(t *testing.T) {
	in := writeFixture(t, "f.parquet", nil)
	dir := filepath.Dir(in)
	t.Chdir(dir)
	linkDir := filepath.Join(t.TempDir(), "d")
	require.NoError(t, os.Symlink(dir, linkDir))
	hard := filepath.Join(dir, "hard.parquet")
	require.NoError(t, os.Link(in, hard))
	learnIn := filepath.Join(t.TempDir(), "l.parquet")
	require.NoError(t, learntest.WriteParquet(learnIn, learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 500, FraudRate: 0.02, Seed: 1}), 0))
	before := fileState(t, in)
	learnBefore := fileState(t, learnIn)

	for _, args := range [][]string{
		{"validate", "f.parquet", "--json", "f.parquet"},
		{"validate", "f.parquet", "--html", "f.parquet"},
		{"validate", "f.parquet", "--json", in},
		{"validate", in, "--html", "./f.parquet"},
		{"validate", "f.parquet", "--json", filepath.Join(linkDir, "f.parquet")},
		{"validate", "f.parquet", "--html", hard},
		{"profile", "f.parquet", "--out", in},
		{"profile", "f.parquet", "--out", filepath.Join(linkDir, "f.parquet")},
		{"profile", "f.parquet", "--json", hard},
		{"learnability", learnIn, "--json", learnIn},
	} {
		code, out, errs := runMain(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "%v: %q", args, errs)
		assert.Contains(t, errs, "would overwrite the input", "%v", args)
	}
	assert.Equal(t, before, fileState(t, in))
	assert.Equal(t, before, fileState(t, hard))
	assert.Equal(t, learnBefore, fileState(t, learnIn))
}

// A report path that is a symbolic link is refused: the file it points to is
// never written through the link.
func TestReportNeverFollowsASymlink(t *testing.T) {
	in := writeFixture(t, "f.parquet", nil)
	dir := t.TempDir()
	victim := filepath.Join(dir, "precious.txt")
	require.NoError(t, os.WriteFile(victim, []byte("keep me\n"), 0o644))
	link := filepath.Join(dir, "report.json")
	require.NoError(t, os.Symlink(victim, link))
	dangling := filepath.Join(dir, "dangling.html")
	require.NoError(t, os.Symlink(filepath.Join(dir, "nowhere.html"), dangling))
	for _, args := range [][]string{
		{"validate", in, "--json", link},
		{"validate", in, "--html", dangling},
		{"profile", in, "--out", link},
		{"profile", in, "--json", dangling},
	} {
		code, _, errs := runMain(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Contains(t, errs, "is a symbolic link", "%v", args)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "%v: %q", args, errs)
	}
	assert.Equal(t, "keep me\n", string(fileState(t, victim)))
	_, err := os.Stat(filepath.Join(dir, "nowhere.html"))
	assert.True(t, errors.Is(err, os.ErrNotExist))

	code, _, errs := runMain("validate", in, "--json", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "is not a regular file")
	code, _, errs = runMain("validate", in, "--json", filepath.Join(dir, "r"), "--html", filepath.Join(dir, "r"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "is given twice")
}

// A failed write (a full disk) leaves the previous report as it was and no
// temporary file; a new report appears only complete.
func TestReportWriteIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	require.NoError(t, os.WriteFile(path, []byte("old report\n"), 0o644))
	err := writeReportFile(path, func(w io.Writer) error {
		w.Write(bytes.Repeat([]byte("x"), 1000))
		return syscall.ENOSPC
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no space left on device")
	assert.Equal(t, "old report\n", string(fileState(t, path)))
	fresh := filepath.Join(dir, "fresh.json")
	require.Error(t, writeReportFile(fresh, func(io.Writer) error { return syscall.ENOSPC }))
	_, err = os.Stat(fresh)
	assert.True(t, errors.Is(err, os.ErrNotExist), "no 0-byte report")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left")

	require.NoError(t, writeReportFile(fresh, func(w io.Writer) error { _, err := io.WriteString(w, "{}\n"); return err }))
	assert.Equal(t, "{}\n", string(fileState(t, fresh)))
	st, err := os.Stat(fresh)
	require.NoError(t, err)
	umask := syscall.Umask(0)
	syscall.Umask(umask)
	assert.Equal(t, os.FileMode(0o666&^umask), st.Mode().Perm(), "a new file's permissions (umask applies)")
}

// The profile's default path (the input's name with .html) is not named by the
// user: an existing file there is replaced only when it is an earlier paygen profile.
func TestProfileDefaultPathKeepsForeignFiles(t *testing.T) {
	in := fixtureFile(t, "payments_3k_20250529.parquet")
	html := strings.TrimSuffix(in, ".parquet") + ".html"
	require.NoError(t, os.WriteFile(html, []byte("<html>my notes</html>"), 0o644))
	code, _, errs := runP(in)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "is not a paygen profile: give --out")
	assert.Equal(t, "<html>my notes</html>", string(fileState(t, html)))

	require.NoError(t, os.Remove(html))
	code, _, errs = runP(in)
	require.Equal(t, 0, code, errs)
	code, _, errs = runP(in) // a rerun replaces its own report
	require.Equal(t, 0, code, errs)
	// a named --out may replace any regular file: the user asked for it
	require.NoError(t, os.WriteFile(html, []byte("<html>my notes</html>"), 0o644))
	code, _, errs = runP(in, "--out", html)
	require.Equal(t, 0, code, errs)
}

// generate --profile refuses, before generating, to replace an existing file at
// the profile's path unless --overwrite is given.
func TestGenerateProfileRefusesExistingHTML(t *testing.T) {
	dir := t.TempDir()
	html := filepath.Join(dir, "payments_10k_20250529.html")
	require.NoError(t, os.WriteFile(html, []byte("mine"), 0o644))
	code, _, errs := generateCmd("--rows", "10k", "--out", dir, "--profile")
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, html+": exists (use --overwrite to replace it)")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "nothing generated")
	assert.Equal(t, "mine", string(fileState(t, html)))
	code, _, errs = generateCmd("--rows", "10k", "--out", dir, "--profile", "--overwrite")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, string(fileState(t, html)), "<title>Profile · ")
}
