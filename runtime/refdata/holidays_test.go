package refdata

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// easter returns Easter Sunday of year (Gregorian), by the anonymous Gregorian algorithm
// (Meeus/Jones/Butcher), independent of the table's source.
func easter(year int) time.Time {
	a, b, c := year%19, year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func holidaySet(country string) map[time.Time]string {
	m := map[time.Time]string{}
	for _, h := range Holidays(country) {
		m[h.Date] = h.Name
	}
	return m
}

func TestHolidays(t *testing.T) {
	want := []string{"US", "GB", "DE", "FR", "BR", "IN", "CA", "AU", "JP", "ES", "IT", "MX", "CN", "NL", "PL", "KR"}
	countries := HolidayCountries()
	for _, c := range want {
		assert.Contains(t, countries, c)
	}
	for _, c := range countries {
		hs := Holidays(c)
		perYear := map[int]int{}
		for i, h := range hs {
			assert.Equal(t, time.UTC, h.Date.Location())
			assert.Zero(t, h.Date.Hour()+h.Date.Minute()+h.Date.Second()+h.Date.Nanosecond())
			if i > 0 {
				assert.True(t, hs[i-1].Date.Before(h.Date), "%s sorted, one entry a day", c)
			}
			assert.NotEmpty(t, h.Name)
			assert.NotContains(t, strings.ToLower(h.Name), "black friday")
			assert.NotContains(t, strings.ToLower(h.Name), "cyber monday")
			perYear[h.Date.Year()]++
		}
		for y := HolidayFirstYear; y <= HolidayLastYear; y++ {
			// Switzerland has 4 nationwide days (the rest are cantonal); the large markets have 7 or more.
			assert.GreaterOrEqual(t, perYear[y], 4, "%s %d", c, y)
			assert.LessOrEqual(t, perYear[y], 30, "%s %d", c, y)
		}
	}
	for _, c := range []string{"US", "GB", "DE", "FR", "BR", "IN", "CA", "JP", "ES", "IT", "CN", "NL", "PL", "KR"} {
		for y := HolidayFirstYear; y <= HolidayLastYear; y++ {
			n := 0
			for _, h := range Holidays(c) {
				if h.Date.Year() == y {
					n++
				}
			}
			assert.GreaterOrEqual(t, n, 8, "%s %d", c, y)
		}
	}
	assert.Nil(t, Holidays("XX"))
}

func TestHolidayFacts(t *testing.T) {
	us, de, gb, fr, cn, jp, br := holidaySet("US"), holidaySet("DE"), holidaySet("GB"), holidaySet("FR"),
		holidaySet("CN"), holidaySet("JP"), holidaySet("BR")
	for y := HolidayFirstYear; y <= HolidayLastYear; y++ {
		// US Thanksgiving: the fourth Thursday of November; the day after (Black Friday) is no holiday.
		nov1 := date(y, time.November, 1)
		thanks := nov1.AddDate(0, 0, (int(time.Thursday)-int(nov1.Weekday())+7)%7+21)
		assert.Equal(t, "Thanksgiving Day", us[thanks], y)
		assert.NotContains(t, us, thanks.AddDate(0, 0, 1), "Black Friday %d", y)
		assert.Contains(t, us, date(y, time.July, 4))
		assert.Contains(t, us, date(y, time.December, 25))
		// Movable feasts agree with an independent Easter computation.
		e := easter(y)
		assert.Contains(t, de, e.AddDate(0, 0, -2), "DE Good Friday %d", y)
		assert.Contains(t, de, e.AddDate(0, 0, 1), "DE Easter Monday %d", y)
		assert.Contains(t, de, e.AddDate(0, 0, 39), "DE Ascension %d", y)
		assert.Contains(t, gb, e.AddDate(0, 0, 1), "GB Easter Monday %d", y)
		assert.Contains(t, fr, e.AddDate(0, 0, 50), "FR Whit Monday %d", y)
		assert.Contains(t, br, e.AddDate(0, 0, 60), "BR Corpus Christi %d", y)
		assert.NotContains(t, us, e.AddDate(0, 0, -2), "US Good Friday is not a federal holiday %d", y)
		assert.Contains(t, de, date(y, time.October, 3))
		assert.Contains(t, fr, date(y, time.July, 14))
		assert.Contains(t, gb, date(y, time.December, 25))
		assert.Contains(t, cn, date(y, time.October, 1))
		assert.Contains(t, jp, date(y, time.January, 1))
	}
	a := Holidays("US")
	a[0].Name = "changed"
	assert.NotEqual(t, "changed", Holidays("US")[0].Name, "Holidays returns a copy")
	require.NotEmpty(t, HolidayCountries())
}

// HolidaysIn holds exactly the holidays Holidays lists in the window, for
// windows across the table's years and its edges.
func TestHolidaysInIsHolidaysInTheWindow(t *testing.T) {
	starts := []time.Time{
		time.Date(HolidayFirstYear-1, 12, 20, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 4, 28, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2030, 12, 15, 0, 0, 0, 0, time.UTC),
		time.Date(HolidayLastYear, 12, 10, 0, 0, 0, 0, time.UTC),
	}
	for _, from := range starts {
		to := from.AddDate(0, 0, 33)
		got := HolidaysIn(from, to)
		n := 0
		for _, c := range HolidayCountries() {
			var want []Holiday
			for _, h := range Holidays(c) {
				if !h.Date.Before(from) && h.Date.Before(to) {
					want = append(want, h)
				}
			}
			require.Equal(t, want, got[c], "%s from %s", c, from.Format(time.DateOnly))
			n += len(want)
		}
		require.Len(t, got, countNonEmpty(got))
		if from.Year() == 2025 {
			require.Positive(t, n, "a 2025 window has holidays")
		}
		if from.Equal(starts[1]) { // a quoted name (a comma in it) is in this window
			require.Contains(t, got["TR"], Holiday{Date: time.Date(2025, 5, 19, 0, 0, 0, 0, time.UTC),
				Name: "Commemoration of Atatürk, Youth and Sports Day"})
		}
	}
}

func countNonEmpty(m map[string][]Holiday) int {
	n := 0
	for _, v := range m {
		if len(v) > 0 {
			n++
		}
	}
	return n
}
