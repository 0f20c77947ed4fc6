package refdata

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// Holiday is one public holiday of a country.
type Holiday struct {
	Date time.Time // midnight UTC of the day
	Name string    // English name; names of holidays on the same day joined by "; "
}

// First and last year of the holiday table.
const (
	HolidayFirstYear = 2015
	HolidayLastYear  = 2035
)

type holidayTable struct {
	byCountry map[string][]Holiday // sorted by Date
	countries []string             // sorted
}

var (
	holidayOnce sync.Once
	holidayTbl  *holidayTable
)

func holidays() *holidayTable {
	holidayOnce.Do(func() {
		t, err := loadHolidays()
		if err != nil {
			panic("refdata: embedded data is invalid: " + err.Error())
		}
		holidayTbl = t
	})
	return holidayTbl
}

func loadHolidays() (*holidayTable, error) {
	t := &holidayTable{byCountry: map[string][]Holiday{}}
	last := ""
	err := readCSV("holidays.csv", 3, func(rec []string) error {
		country, date, name := rec[0], rec[1], rec[2]
		if country != last {
			if _, ok := CountryByCode(country); !ok {
				return fmt.Errorf("unknown country %q", country)
			}
			last = country
		}
		d, err := parseDate(date)
		if err != nil {
			return fmt.Errorf("date %q: %w", date, err)
		}
		if d.Year() < HolidayFirstYear || d.Year() > HolidayLastYear {
			return fmt.Errorf("date %s outside %d-%d", date, HolidayFirstYear, HolidayLastYear)
		}
		if name == "" {
			return fmt.Errorf("%s %s has no name", country, date)
		}
		hs := t.byCountry[country]
		if n := len(hs); n > 0 && !hs[n-1].Date.Before(d) {
			return fmt.Errorf("%s %s is not after %s", country, date, hs[n-1].Date.Format(time.DateOnly))
		}
		if len(hs) == 0 {
			t.countries = append(t.countries, country)
		}
		t.byCountry[country] = append(hs, Holiday{Date: d, Name: name})
		return nil
	})
	slices.Sort(t.countries)
	return t, err
}

// parseDate reads YYYY-MM-DD as midnight UTC, as time.Parse(time.DateOnly)
// does, without its general layout machinery (the table has ~9,000 dates).
func parseDate(s string) (time.Time, error) {
	var v [8]int
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, fmt.Errorf("not of the form YYYY-MM-DD")
	}
	for i, j := 0, 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return time.Time{}, fmt.Errorf("not of the form YYYY-MM-DD")
		}
		v[j] = int(s[i] - '0')
		j++
	}
	y, m, d := v[0]*1000+v[1]*100+v[2]*10+v[3], v[4]*10+v[5], v[6]*10+v[7]
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("no such day")
	}
	return t, nil
}

// Holidays returns the public holidays of country (ISO alpha-2) from HolidayFirstYear to HolidayLastYear,
// sorted by date, one entry per day; nil for a country the table does not cover. The slice is a fresh copy.
func Holidays(country string) []Holiday { return slices.Clone(holidays().byCountry[country]) }

// HolidayCountries returns the countries the holiday table covers, sorted. The slice is a fresh copy.
func HolidayCountries() []string { return slices.Clone(holidays().countries) }
