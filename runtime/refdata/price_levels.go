package refdata

import (
	"fmt"
)

type priceLevel struct {
	year  int
	level float64
}

var priceLevels = embedded(loadPriceLevels)

func loadPriceLevels() (map[string]priceLevel, error) {
	t := map[string]priceLevel{}
	prev := ""
	err := readCSV("price_levels.csv", 3, func(rec []string) error {
		f := fields{rec: rec}
		country := f.str()
		p := priceLevel{year: f.int(), level: f.float()}
		if f.err != nil {
			return f.err
		}
		if _, ok := CountryByCode(country); !ok {
			return fmt.Errorf("unknown country %q", country)
		}
		if country <= prev {
			return fmt.Errorf("country %s not after %s", country, prev)
		}
		if p.level <= 0 || p.year < 2000 {
			return fmt.Errorf("%s: price level %v of %d", country, p.level, p.year)
		}
		prev = country
		t[country] = p
		return nil
	})
	return t, err
}

// PriceLevel returns country's price level relative to the United States (US = 1): the World Bank's
// price level ratio of the PPP conversion factor (GDP) to the market exchange rate, latest year.
// It returns false for a country without a recent value (TW, VE, ... see README).
func PriceLevel(country string) (float64, bool) {
	p, ok := priceLevels()[country]
	return p.level, ok
}
