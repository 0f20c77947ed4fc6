package refdata

import (
	"math"
	"testing"
	"time"
	_ "time/tzdata" // the zones must load from Go's embedded copy, as on a machine without /usr/share/zoneinfo

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCities(t *testing.T) {
	cs := Cities()
	require.GreaterOrEqual(t, len(cs), 2000)
	zones := map[string]*time.Location{}
	for i, c := range cs {
		if i > 0 {
			assert.Negative(t, cityOrder(cs[i-1], c), "%s after %s", c.Name, cs[i-1].Name)
		}
		if _, ok := zones[c.TZ]; !ok {
			loc, err := time.LoadLocation(c.TZ)
			require.NoError(t, err, "%s %s", c.Name, c.TZ)
			zones[c.TZ] = loc
		}
		// 4 decimals in the file.
		assert.InDelta(t, c.Lat, math.Round(c.Lat*1e4)/1e4, 1e-9, c.Name)
		assert.InDelta(t, c.Lon, math.Round(c.Lon*1e4)/1e4, 1e-9, c.Name)
		if country, _ := CountryByCode(c.Country); country.Volume > 0 {
			// cities15000 lists places of 15,000 people and more, and capitals of any size.
			assert.GreaterOrEqual(t, c.Population, 15000, c.Name)
		}
		// A city's zone is within a few hours of its longitude, across the date line too (catches
		// swapped lat/lon or a wrong zone).
		_, off := time.Date(2025, 1, 15, 12, 0, 0, 0, zones[c.TZ]).Zone()
		diff := math.Mod(c.Lon/15-float64(off)/3600+36, 24) - 12
		assert.InDelta(t, 0, diff, 4.5, "%s %s lon %f", c.Name, c.TZ, c.Lon)
	}
	for _, c := range Countries() {
		n := len(CitiesOf(c.Code))
		if c.Volume > 0 {
			// Up to 50 per market; fewer only where GeoNames has fewer places of 15,000 people (SG, HK, ...).
			assert.True(t, n >= 3 && n <= 50, "%s has %d cities", c.Code, n)
		} else {
			assert.LessOrEqual(t, n, 3, c.Code)
		}
	}
}

func TestCitiesOf(t *testing.T) {
	facts := []struct{ country, largest, tz string }{
		{"US", "New York City", "America/New_York"}, {"GB", "London", "Europe/London"}, {"DE", "Berlin", "Europe/Berlin"},
		{"FR", "Paris", "Europe/Paris"}, {"JP", "Tokyo", "Asia/Tokyo"}, {"CN", "Shanghai", "Asia/Shanghai"},
		{"AU", "Sydney", "Australia/Sydney"}, {"MX", "Mexico City", "America/Mexico_City"},
	}
	for _, f := range facts {
		cs := CitiesOf(f.country)
		require.NotEmpty(t, cs, f.country)
		assert.Equal(t, f.largest, cs[0].Name, f.country)
		assert.Equal(t, f.tz, cs[0].TZ, f.country)
	}
	// Several zones in the large multi-zone countries (issue 12, item 6).
	for _, c := range []string{"US", "GB", "DE", "FR", "BR", "IN", "CA", "AU", "JP", "ES", "IT", "MX", "CN", "KR"} {
		assert.Len(t, CitiesOf(c), 50, c)
	}
	for c, min := range map[string]int{"US": 4, "CA": 4, "AU": 4, "BR": 3, "MX": 3, "ID": 2} {
		zs := map[string]bool{}
		for _, city := range CitiesOf(c) {
			zs[city.TZ] = true
		}
		assert.GreaterOrEqual(t, len(zs), min, c)
	}
	assert.Nil(t, CitiesOf("XX"))
	a := CitiesOf("US")
	a[0].Name = "changed"
	assert.Equal(t, "New York City", CitiesOf("US")[0].Name, "CitiesOf returns a copy")
}
