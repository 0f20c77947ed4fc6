package main

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
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
