package refdata

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// parseDate agrees with time.Parse(time.DateOnly) on every day of the
// table's years and on malformed input.
func TestParseDateAsTimeParse(t *testing.T) {
	for d := time.Date(HolidayFirstYear, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() <= HolidayLastYear; d = d.AddDate(0, 0, 1) {
		s := d.Format(time.DateOnly)
		got, err := parseDate(s)
		require.NoError(t, err, s)
		require.True(t, got.Equal(d), s)
	}
	for _, s := range []string{"2025-02-30", "2025-13-01", "2025-00-10", "2025-1-01", "20250101", "2025/01/01", "2025-01-0x", ""} {
		_, err := parseDate(s)
		_, want := time.Parse(time.DateOnly, s)
		require.Error(t, want, s)
		require.Error(t, err, s)
	}
}
