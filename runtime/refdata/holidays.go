package refdata

import (
	"fmt"
	"slices"
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

var holidays = embedded(loadHolidays)

func loadHolidays() (*holidayTable, error) {
	t := &holidayTable{}
	n := csvRows("holidays.csv")
	all, ctys := make([]Holiday, 0, n), make([]string, 0, n) // a row's holiday and country
	err := readCSV("holidays.csv", 3, func(rec []string) error {
		country, date, name := rec[0], rec[1], rec[2]
		n := len(all)
		if n == 0 || country != ctys[n-1] {
			if _, ok := CountryByCode(country); !ok {
				return fmt.Errorf("unknown country %q", country)
			}
			if slices.Contains(t.countries, country) {
				return fmt.Errorf("%s: its holidays are not together", country)
			}
			t.countries = append(t.countries, country)
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
		if n > 0 && ctys[n-1] == country && !all[n-1].Date.Before(d) {
			return fmt.Errorf("%s %s is not after %s", country, date, all[n-1].Date.Format(time.DateOnly))
		}
		all, ctys = append(all, Holiday{Date: d, Name: name}), append(ctys, country)
		return nil
	})
	t.byCountry = groupBy(all, func(i int) string { return ctys[i] })
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

// HolidaysIn returns the holidays from from to to (days, UTC; to
// excluded) by country, as Holidays filtered to those days would, without
// parsing the rest of the table: the rows are found by comparing their
// YYYY-MM-DD text with the window's, and only those are parsed. A world
// needs its window's days only, and parsing the whole table (~8,500 rows)
// cost 8-10 ms at every start. Holidays checks the whole table.
func HolidaysIn(from, to time.Time) map[string][]Holiday {
	lo, hi := from.UTC().Format(time.DateOnly), to.UTC().Format(time.DateOnly)
	out := map[string][]Holiday{}
	readCSV("holidays.csv", 3, func(rec []string) error { // Holidays reports a bad row
		if date := rec[1]; date >= lo && date < hi {
			if d, err := parseDate(date); err == nil {
				out[rec[0]] = append(out[rec[0]], Holiday{Date: d, Name: rec[2]})
			}
		}
		return nil
	})
	return out
}
