package realism

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBlackFriday(t *testing.T) {
	for y, want := range map[int]string{2024: "2024-11-29", 2025: "2025-11-28", 2026: "2026-11-27", 2030: "2030-11-29"} {
		assert.Equal(t, want, blackFriday(y).Format(time.DateOnly), y)
	}
}

func TestParseIPv4(t *testing.T) {
	ip, ok := parseIPv4("192.0.2.1")
	require.True(t, ok)
	assert.Equal(t, uint32(0xC0000201), ip)
	for _, bad := range []string{"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.4 ", "1234.1.1.1"} {
		_, ok := parseIPv4(bad)
		assert.False(t, ok, bad)
	}
}

// A file without the payments table's columns has no scorecard.
func TestNotAPaymentsTable(t *testing.T) {
	type other struct {
		A int64 `parquet:"a"`
	}
	p := filepath.Join(t.TempDir(), "other.parquet")
	require.NoError(t, parquet.WriteFile(p, []other{{1}, {2}}))
	_, err := Measure(p, 0)
	require.ErrorContains(t, err, "not a payments table")
	_, err = Measure(filepath.Join(t.TempDir(), "missing.parquet"), 0)
	require.ErrorIs(t, err, os.ErrNotExist)
}

// A share with no rows is undefined, and figures() leaves it out.
func TestEmptyMeterHasNoFigures(t *testing.T) {
	assert.Empty(t, newMeter().figures(true))
}
