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
	err := readCSV("holidays.csv", 3, func(rec []string) error {
		country, date, name := rec[0], rec[1], rec[2]
		if _, ok := CountryByCode(country); !ok {
			return fmt.Errorf("unknown country %q", country)
		}
		d, err := time.Parse(time.DateOnly, date)
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

// Holidays returns the public holidays of country (ISO alpha-2) from HolidayFirstYear to HolidayLastYear,
// sorted by date, one entry per day; nil for a country the table does not cover. The slice is a fresh copy.
func Holidays(country string) []Holiday { return slices.Clone(holidays().byCountry[country]) }

// HolidayCountries returns the countries the holiday table covers, sorted. The slice is a fresh copy.
func HolidayCountries() []string { return slices.Clone(holidays().countries) }
