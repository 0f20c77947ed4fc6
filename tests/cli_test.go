package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOverwriteRefusalAndAtomicWrite(t *testing.T) {
	dir := t.TempDir()
	args := []string{"generate", "--rows", "10k", "--out", dir, "--date", "2025-05-29"}
	r := paygen(t, args...)
	require.Equal(t, 0, r.code, r.stderr)
	path := filepath.Join(dir, "payments_10k_20250529.parquet")
	assert.Contains(t, r.stdout, "Generated 10,000 rows in ")
	assert.Contains(t, r.stdout, path)
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	r = paygen(t, args...)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "exists")
	assert.Contains(t, r.stderr, "--overwrite")
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(r.stderr), "\n")+1, "one line: %q", r.stderr)
	after, _ := os.ReadFile(path)
	assert.Equal(t, before, after, "refused run leaves the file untouched")

	r = paygen(t, append(args, "--overwrite", "--seed", "9")...)
	require.Equal(t, 0, r.code, r.stderr)
	after, _ = os.ReadFile(path)
	assert.NotEqual(t, before, after)

	entries, _ := os.ReadDir(dir)
	require.Len(t, entries, 1, "no temporary file left behind")
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "ro")
	require.NoError(t, os.Mkdir(target, 0o555))
	if os.Geteuid() == 0 {
		// root ignores directory permissions: use a path under a regular file instead.
		file := filepath.Join(dir, "file")
		require.NoError(t, os.WriteFile(file, nil, 0o644))
		target = filepath.Join(file, "sub")
	}
	r := paygen(t, "generate", "--rows", "10k", "--out", target, "--date", "2025-05-29")
	assert.Equal(t, 2, r.code)
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(r.stderr), "\n")+1, r.stderr)
	matches, _ := filepath.Glob(filepath.Join(dir, "*", "*.parquet*"))
	assert.Empty(t, matches)
}

func TestBadFlags(t *testing.T) {
	cases := map[string][]string{
		"unknown flag":    {"generate", "--nope"},
		"bad rows":        {"generate", "--rows", "lots"},
		"zero rows":       {"generate", "--rows", "0"},
		"bad date":        {"generate", "--date", "29/05/2025"},
		"bad workers":     {"generate", "--workers", "0"},
		"bad shard":       {"generate", "--shard", "4/3"},
		"bad row group":   {"generate", "--row-group-size", "big"},
		"stray argument":  {"generate", "extra"},
		"unknown command": {"frobnicate"},
		"no command":      {},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			r := paygen(t, args...)
			assert.Equal(t, 2, r.code)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if len(args) > 0 {
				assert.Len(t, lines, 1, "one clear line: %q", r.stderr)
				assert.True(t, strings.HasPrefix(lines[0], "paygen"), lines[0])
			}
			assert.NotContains(t, r.stderr, "goroutine")
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"generate", "--help"}, {"help"}} {
		r := paygen(t, args...)
		assert.Equal(t, 0, r.code, args)
		assert.Contains(t, r.stdout, "Usage")
	}
}
