package world_test

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/world"
)

// circularHour is the circular mean hour of day of times (µs).
func circularHour(ts []int64) float64 {
	var s, c float64
	for _, t := range ts {
		a := 2 * math.Pi * float64(t%86400e6) / 86400e6
		s, c = s+math.Sin(a), c+math.Cos(a)
	}
	h := math.Atan2(s, c) * 24 / (2 * math.Pi)
	if h < 0 {
		h += 24
	}
	return h
}

// US merchants live in several IANA zones and follow daylight saving: the
// evening peak moves an hour later in UTC when New York leaves summer time
// (2025-11-02), and sits about three hours later in Los Angeles than in
// New York. With locations: cities a merchant's coordinates are its city's.
func TestTimeZonesAndDST(t *testing.T) {
	t.Parallel()
	statistical(t, "400k")
	cfg := testConfig()
	cfg.Merchant.Locations, cfg.Merchant.JitterDegrees = "cities", 0.05
	w, err := world.New(cfg, 3, 400_000, time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	dst := time.Date(2025, 11, 2, 6, 0, 0, 0, time.UTC).UnixMicro()
	zones := map[string]int{}
	byZone := map[string][]int64{}
	us := 0
	for _, r := range collect(t, w) {
		if r.merCty != "US" || r.entry == "ecommerce" || r.custCty != "US" {
			continue
		}
		id, err := strconv.Atoi(strings.TrimPrefix(r.mer, "mer_"))
		require.NoError(t, err)
		z := w.ZoneOfMerchant(uint32(id))
		zones[z]++
		us++
		key := z + "/after"
		if r.time < dst {
			key = z + "/before"
		}
		byZone[key] = append(byZone[key], r.time)
	}
	t.Logf("US in-store rows by merchant zone: %v", zones)
	big := 0
	for _, n := range zones {
		if float64(n) > 0.05*float64(us) {
			big++
		}
	}
	assert.GreaterOrEqual(t, big, 3, "the US spans several zones")
	nyBefore, nyAfter := circularHour(byZone["America/New_York/before"]), circularHour(byZone["America/New_York/after"])
	la := circularHour(byZone["America/Los_Angeles/after"])
	t.Logf("New York mean UTC hour %.2f (summer time) -> %.2f (standard time); Los Angeles %.2f", nyBefore, nyAfter, la)
	assert.InDelta(t, 1, nyAfter-nyBefore, 0.35, "daylight saving ends")
	assert.InDelta(t, 3, math.Mod(la-nyAfter+24, 24), 0.5, "Pacific time is three hours behind Eastern")
}

// With locations: cities merchants sit within the jitter of one of their
// country's cities.
func TestMerchantsInCities(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.Merchant.Locations, cfg.Merchant.JitterDegrees = "cities", 0.05
	w, err := world.New(cfg, 3, 50_000, date)
	require.NoError(t, err)
	b := w.NewBlock()
	b.Fill(0)
	lat := b.MerchantLatitude()
	lon := b.MerchantLongitude()
	cty := b.MerchantCountry()
	for i := range lat {
		near := false
		for _, c := range refdata.CitiesOf(cty[i]) {
			if math.Abs(c.Lat-lat[i]) <= 0.05+1e-6 && math.Abs(c.Lon-lon[i]) <= 0.05+1e-6 {
				near = true
				break
			}
		}
		require.True(t, near, "merchant at %f,%f is near a city of %s", lat[i], lon[i], cty[i])
	}
}
