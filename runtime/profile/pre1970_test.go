package profile

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/refdata"
)

func TestHourOfDayBefore1970(t *testing.T) {
	for _, tc := range []struct {
		at   time.Time
		want int
	}{
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), 0},
		{time.Date(1969, 12, 31, 23, 59, 59, 999999000, time.UTC), 23},
		{time.Date(1969, 12, 31, 1, 0, 0, 0, time.UTC), 1},
		{time.Date(1900, 3, 4, 17, 30, 0, 0, time.UTC), 17},
		{time.Date(2025, 5, 28, 5, 0, 0, 0, time.UTC), 5},
	} {
		assert.Equal(t, tc.want, hourOfDay(tc.at.UnixMicro()), tc.at.String())
	}
}

// A file whose events straddle 1970-01-01 (UTC, and in merchant-local time on
// either side of midnight) profiles without a panic, with the right hours.
func TestProfileBefore1970(t *testing.T) {
	rows := genPayments(3000, 11)
	shift := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro() - time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC).UnixMicro()
	var hours, local, fraudHour [24]int64
	for i := range rows {
		r := &rows[i]
		r.EventTime += shift
		tm := time.UnixMicro(r.EventTime).UTC()
		hours[tm.Hour()]++
		c, ok := refdata.CountryByCode(r.MerchantCountry)
		require.True(t, ok)
		local[tm.Add(time.Duration(c.UTCOffsetMin)*time.Minute).Hour()]++
		if r.LabelFraud {
			fraudHour[tm.Hour()]++
		}
	}
	require.Less(t, rows[0].EventTime, int64(0))
	require.Greater(t, rows[len(rows)-1].EventTime, int64(0))

	path := filepath.Join(t.TempDir(), "payments_3k_19700116.parquet")
	require.NoError(t, writeParquet(path, rows, 1000))
	p, err := Run(path, testSpec(), Options{})
	require.NoError(t, err)
	ts := col(t, p, "event_time").Timestamp
	require.NotNil(t, ts)
	assert.Equal(t, hours[:], ts.HourUTC)
	assert.Equal(t, local[:], ts.HourLocal)
	minT := rows[0].EventTime
	for _, r := range rows {
		minT = min(minT, r.EventTime)
	}
	assert.Equal(t, time.UnixMicro(minT).UTC().Format("2006-01-02"), ts.Days[0].Day)
	assert.Less(t, ts.Days[0].Day, "1970")
	require.NotNil(t, p.Target)
	require.NotEmpty(t, p.Target.ByHour)
	for h, g := range p.Target.ByHour[0].Groups {
		assert.Equal(t, hours[h], g.Rows)
		assert.Equal(t, fraudHour[h], g.Fraud)
	}
}
