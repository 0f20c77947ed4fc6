package refdata

import (
	"cmp"
	"fmt"
	"slices"
)

// City is one populated place with its IANA time zone.
type City struct {
	Name       string  // GeoNames name (UTF-8), e.g. "München"
	Country    string  // ISO 3166-1 alpha-2 code
	Lat, Lon   float64 // degrees, 4 decimals
	Population int     // GeoNames population
	TZ         string  // IANA time zone name, e.g. "Europe/Berlin"
}

type cityTable struct {
	all       []City // sorted by Country, then Population descending
	byCountry map[string][]City
}

var cities = embedded(loadCities)

// cityOrder is the table's order: by Country, then Population descending, then Name.
func cityOrder(a, b City) int {
	return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(b.Population, a.Population), cmp.Compare(a.Name, b.Name))
}

func loadCities() (*cityTable, error) {
	t := &cityTable{all: make([]City, 0, csvRows("cities.csv"))}
	err := readCSV("cities.csv", 6, func(rec []string) error {
		f := fields{rec: rec}
		c := City{Name: f.str(), Country: f.str(), Lat: f.float(), Lon: f.float(), Population: f.int(), TZ: f.str()}
		if f.err != nil {
			return f.err
		}
		if _, ok := CountryByCode(c.Country); !ok {
			return fmt.Errorf("unknown country %q", c.Country)
		}
		if c.Name == "" || c.TZ == "" || c.Population <= 0 || c.Lat < -90 || c.Lat > 90 || c.Lon < -180 || c.Lon > 180 {
			return fmt.Errorf("city %q: empty name or zone, no population, or coordinates out of range", c.Name)
		}
		if n := len(t.all); n > 0 && cityOrder(t.all[n-1], c) >= 0 {
			return fmt.Errorf("city %q %s is out of order", c.Name, c.Country)
		}
		t.all = append(t.all, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.byCountry = groupBy(t.all, func(i int) string { return t.all[i].Country })
	return t, nil
}

// Cities returns all cities sorted by Country, then Population descending. The slice is a fresh copy.
func Cities() []City { return slices.Clone(cities().all) }

// CitiesOf returns the cities of country (ISO alpha-2) by Population descending; nil when the table has
// none. The slice is a fresh copy.
func CitiesOf(country string) []City { return slices.Clone(cities().byCountry[country]) }
