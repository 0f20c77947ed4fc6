package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlural(t *testing.T) {
	assert.Equal(t, "1 row", plural(1, "row"))
	assert.Equal(t, "0 rows", plural(0, "row"))
	assert.Equal(t, "2 blocks", plural(2, "block"))
	assert.Equal(t, "1,000,000 rows", plural(1_000_000, "row"))
}

func TestRowRate(t *testing.T) {
	assert.Equal(t, "12,345 rows/s", rowRate(12_345, time.Second))
	assert.Equal(t, "50 rows/s", rowRate(1, 20*time.Millisecond))
	assert.Equal(t, "999,999 rows/s", rowRate(999_999, time.Second))
	assert.Equal(t, "1.0 M rows/s", rowRate(1_000_000, time.Second))
	assert.Equal(t, "2.4 M rows/s", rowRate(1_200_000, 500*time.Millisecond))
	assert.NotPanics(t, func() { rowRate(10, 0) })
}

func TestGenerateSummaryWording(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := generateCmd("--rows", "1", "--out", dir)
	assert.Equal(t, 0, code, errs)
	assert.Regexp(t, `^Generated 1 row in \d+\.\d\d s \((\d{1,3}(,\d{3})* rows/s|\d+\.\d M rows/s)\), `, out)
	assert.NotContains(t, out, "0.0 M rows/s")

	code, out, errs = generateCmd("--rows", "2", "--out", dir)
	assert.Equal(t, 0, code, errs)
	assert.True(t, regexp.MustCompile(`^Generated 2 rows in `).MatchString(out), out)
}

func TestShardCountErrorWording(t *testing.T) {
	_, _, err := parseShard("2/2", 1)
	assert.EqualError(t, err, "2 shards for 1 block of rows: use at most 1 shard")
	_, _, err = parseShard("3/3", 2)
	assert.EqualError(t, err, "3 shards for 2 blocks of rows: use at most 2 shards")
}

func TestParseCountCommasAndLimits(t *testing.T) {
	for in, want := range map[string]int64{"1,000,000": 1e6, "1,500k": 1_500_000, "2.5M": 2_500_000, "1_000": 1000, "10k": 1e4, "1e6": 1e6} {
		n, err := parseCount(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, n, in)
		}
	}
	for _, in := range []string{"1,5M", "1,5", "10,00", ",100", "1,000,00", "1.5,000"} {
		_, err := parseCount(in)
		assert.Error(t, err, in)
	}
	_, err := parseCount("1,5M")
	assert.ErrorContains(t, err, "a comma may only separate thousands")
}

func TestParseBytesOverflow(t *testing.T) {
	for _, in := range []string{"1e30", "1e19", "9223372036854775807GB", "2PiB"} {
		_, err := parseBytes(in)
		assert.Error(t, err, in)
	}
	_, err := groupBlocks("1e30", 65536, rowBytes36)
	assert.ErrorContains(t, err, "too large")
	n, err := parseBytes("1GiB")
	assert.NoError(t, err)
	assert.Equal(t, int64(1<<30), n)
}

// Issue 13: --rows 1e12 and 10B built the world until 5-7 GB of RSS. They fail
// at once with one line naming the maximum.
func TestGenerateRowLimit(t *testing.T) {
	dir := t.TempDir()
	for _, rows := range []string{"1e12", "10B", "1e10", "200M", commas(maxRows() + 1)} {
		start := time.Now()
		code, out, errs := generateCmd("--rows", rows, "--out", dir)
		assert.Less(t, time.Since(start), 2*time.Second, rows)
		assert.Equal(t, 2, code, rows)
		assert.Empty(t, out)
		assert.Equal(t, 1, strings.Count(errs, "\n"), errs)
		assert.Contains(t, errs, "is more than the maximum of 190,000,000 rows (190M)", rows)
	}
	_, _, errs := generateCmd("--rows", "1e13", "--out", dir)
	assert.Contains(t, errs, "between 1 and 10^12")
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
	code, out, errs := call(testDeps(), runGenerate, "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out+errs, "at most 190M")
}

// Without room for the rows at the smallest measured size per row, generate
// stops before writing anything.
func TestGenerateChecksFreeSpace(t *testing.T) {
	t.Parallel()
	var asked string
	d := testDeps()
	d.freeSpace = func(dir string) (int64, bool) { asked = dir; return 10e6, true }
	generateCmd := func(args ...string) (int, string, string) { return generateWith(d, args...) }
	dir := filepath.Join(t.TempDir(), "new", "sub")
	code, _, errs := generateCmd("--rows", "1M", "--out", dir)
	assert.Equal(t, 2, code)
	assert.Equal(t, "paygen generate: 1,000,000 rows need about 36.0 MB to 75.0 MB (36 to 75 bytes a row), but "+filepath.Dir(filepath.Dir(dir))+" has 10.0 MB free\n", errs)
	assert.Equal(t, filepath.Dir(filepath.Dir(dir)), asked, "the nearest existing directory")
	_, err := os.Stat(dir)
	assert.True(t, os.IsNotExist(err))
	// a shard needs room for its own rows only
	code, _, errs = generateCmd("--rows", "1M", "--shard", "8/8", "--out", dir)
	assert.Equal(t, 0, code, errs)

	free, ok := diskFree(t.TempDir())
	if runtime.GOOS == "linux" {
		assert.True(t, ok)
		assert.Greater(t, free, int64(0))
	}
}

// rowBytes36 stands for the measured bytes of a row (about 35 at 1 M rows).
func rowBytes36() (float64, error) { return 36, nil }

// A size in bytes is divided by the measured bytes of a row, rounded to
// whole blocks; a row count is used as it is.
func TestGroupBlocks(t *testing.T) {
	per := 36.0
	rb := func() (float64, error) { return per, nil }
	n, err := groupBlocks("8MB", 65536, rb)
	require.NoError(t, err)
	assert.Equal(t, 3, n) // 8e6/36 = 222k rows = 3.4 blocks
	per = 72
	n, err = groupBlocks("8MB", 65536, rb)
	require.NoError(t, err)
	assert.Equal(t, 2, n) // twice the bytes per row, half the rows
	n, err = groupBlocks("200000", 65536, func() (float64, error) { return 0, errors.New("not measured") })
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	_, err = groupBlocks("8MB", 65536, func() (float64, error) { return 0, errors.New("not measured") })
	assert.ErrorContains(t, err, "not measured")
}
