package world_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/world"
)

// A region changes its countries' habits and no one else's: the terminal
// mix and tap limit follow the merchant's country, 3-D Secure and the card
// mix the cardholder's; cards carry BINs of the embedded table, mostly of
// the holder's country; American Express cards are credit cards.
func TestRegionalHabits(t *testing.T) {
	t.Parallel()
	statistical(t, "200k")
	cfg := testConfig()
	cfg.Regions = []world.RegionConfig{{
		Name: "gb", Countries: []string{"GB"},
		CardPresentModes: []world.Weighted{{Name: "chip", Weight: 0.03}, {Name: "contactless", Weight: 0.97}},
		ThreeDSShare:     0.2, HasThreeDS: true,
		ContactlessLimit: 100, LimitCurrency: "GBP",
		Brands: []world.Weighted{{Name: "visa", Weight: 0.7}, {Name: "amex", Weight: 0.3}},
	}}
	w, err := world.New(cfg, 42, 200_000, date)
	require.NoError(t, err)
	rows := collect(t, w)
	gbp, _ := refdata.CurrencyByCode("GBP")
	binCty := map[string]string{}
	for _, b := range refdata.BINs() {
		binCty[b.Prefix] = b.Country
	}
	type counts struct{ instore, tap, overLimitTap, online, threeDS, cards, domesticBIN, knownBIN int }
	by := map[bool]*counts{true: {}, false: {}}
	brands := map[string]int{}
	seen := map[string]bool{}
	bins := map[string]bool{}
	for _, r := range rows {
		if r.fraud {
			continue
		}
		if r.entry != "ecommerce" {
			c := by[r.merCty == "GB"]
			c.instore++
			if r.entry == "contactless" {
				c.tap++
				if r.merCty == "GB" && r.usd*gbp.PerUSD > 100.005 {
					c.overLimitTap++
				}
			}
		} else {
			c := by[r.custCty == "GB"]
			c.online++
			if r.threeDS {
				c.threeDS++
			}
		}
		if seen[r.card] {
			continue
		}
		seen[r.card] = true
		bin := r.pan[:6]
		bins[bin] = true
		c := by[r.custCty == "GB"]
		c.cards++
		if cty, ok := binCty[bin]; ok {
			c.knownBIN++
			if cty == r.custCty {
				c.domesticBIN++
			}
		}
		if r.custCty == "GB" {
			brands[r.brand]++
		}
		if r.brand == "amex" {
			require.Equal(t, "credit", r.ctype, "American Express issues credit cards")
		}
	}
	gb, rest := by[true], by[false]
	share := func(a, b int) float64 { return float64(a) / float64(max(1, b)) }
	t.Logf("GB taps %.3f (rest %.3f), GB 3DS %.3f (rest %.3f), GB amex %.3f, distinct BINs %d",
		share(gb.tap, gb.instore), share(rest.tap, rest.instore), share(gb.threeDS, gb.online), share(rest.threeDS, rest.online),
		share(brands["amex"], gb.cards), len(bins))
	assert.Greater(t, share(gb.tap, gb.instore), 0.8, "GB terminals: mostly taps")
	assert.Less(t, share(rest.tap, rest.instore), 0.45, "other terminals keep the global 40 %")
	assert.Zero(t, gb.overLimitTap, "no tap above 100 GBP in GB")
	assert.InDelta(t, 0.2, share(gb.threeDS, gb.online), 0.05, "GB cards' 3-D Secure")
	assert.Greater(t, share(rest.threeDS, rest.online), 0.6, "other cards keep the global share")
	assert.InDelta(t, 0.3, share(brands["amex"], gb.cards), 0.05, "GB card mix")
	assert.Zero(t, brands["mastercard"], "a brand the region leaves out")
	assert.InDelta(t, 0.97, share(gb.domesticBIN+rest.domesticBIN, gb.knownBIN+rest.knownBIN), 0.02, "cards issued at home")
	assert.Less(t, len(bins), 3000, "a bounded number of issuers")
}

// Calendars differ by country: Sundays with shops shut where a region says
// so, spikes only in their countries, and a spike that moves shopping online.
func TestCountryCalendars(t *testing.T) {
	t.Parallel()
	statistical(t, "300k")
	cfg := testConfig()
	cfg.Regions = []world.RegionConfig{{Name: "de", Countries: []string{"DE"}, SundayFactor: 0.4, HasSunday: true}}
	cfg.Seasonality.Spikes = []world.Spike{{Name: "cyber", From: "12-01", Days: 1, Volume: 1.5, Fraud: 1, Online: 0.5, Countries: []string{"US"}}}
	end := time.Date(2025, 12, 5, 0, 0, 0, 0, time.UTC)
	w, err := world.New(cfg, 7, 300_000, end)
	require.NoError(t, err)
	offset := map[string]int{}
	for _, c := range refdata.Countries() {
		offset[c.Code] = c.UTCOffsetMin
	}
	type day struct {
		cty  string
		date string
	}
	rows, online := map[day]int{}, map[day]int{}
	var deByWeekday [7]int
	for _, r := range collect(t, w) {
		lt := time.UnixMicro(r.time).UTC().Add(time.Duration(offset[r.custCty]) * time.Minute)
		d := day{r.custCty, lt.Format("01-02")}
		rows[d]++
		if r.entry == "ecommerce" {
			online[d]++
		}
		if r.custCty == "DE" && r.merCty == "DE" && r.entry != "ecommerce" && lt.Month() == time.November {
			deByWeekday[lt.Weekday()]++
		}
	}
	weekdays := float64(deByWeekday[1]+deByWeekday[2]+deByWeekday[3]+deByWeekday[4]+deByWeekday[5]) / 5
	t.Logf("DE in store by weekday (Sun..Sat): %v", deByWeekday)
	assert.Less(t, float64(deByWeekday[0]), 0.6*weekdays, "DE Sundays are quiet")
	assert.Greater(t, float64(deByWeekday[6]), weekdays, "DE Saturdays keep the weekend factor")
	share := func(d day) float64 { return float64(online[d]) / float64(rows[d]) }
	us, usBefore, jp, jpBefore := day{"US", "12-01"}, day{"US", "11-24"}, day{"JP", "12-01"}, day{"JP", "11-24"}
	t.Logf("US 12-01 %d rows, %.3f online; 11-24 %d rows, %.3f online; JP 12-01 %d, 11-24 %d", rows[us], share(us), rows[usBefore], share(usBefore), rows[jp], rows[jpBefore])
	assert.Greater(t, float64(rows[us]), 1.3*float64(rows[usBefore]), "the spike in the US")
	assert.Less(t, float64(rows[jp]), 1.2*float64(rows[jpBefore]), "no spike in JP")
	assert.Greater(t, share(us), share(usBefore)+0.2, "the spike moves shopping online")
}

// IP addresses come from the blocks registered to the country the network
// is in: terminals in their merchant's country, and most legitimate online
// payments in the customer's own country (the rest: VPN exits, and
// travellers on local Wi-Fi).
func TestIPGeography(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	parse := func(s string) uint32 {
		var a, b, c, d uint32
		_, err := fmt.Sscanf(s, "%d.%d.%d.%d", &a, &b, &c, &d)
		require.NoError(t, err)
		return a<<24 | b<<16 | c<<8 | d
	}
	online, home, rir := 0, 0, 0
	for _, r := range rows {
		cty, ok := refdata.CountryOfIPv4(parse(r.ip))
		require.True(t, ok, "address %s is in a registered block", r.ip)
		if r.entry != "ecommerce" {
			require.Equal(t, r.merCty, cty, "a terminal's address is in its merchant's country")
			continue
		}
		if r.fraud {
			continue
		}
		online++
		if cty == r.custCty {
			home++
		}
		if refdata.RIROf(cty) == refdata.RIROf(r.custCty) {
			rir++
		}
	}
	t.Logf("legitimate online payments: %.3f from the customer's country, %.3f from its registry's region", float64(home)/float64(online), float64(rir)/float64(online))
	assert.Greater(t, float64(home)/float64(online), 0.85)
	assert.Less(t, float64(home)/float64(online), 0.99, "VPN exits and travellers' Wi-Fi are abroad")
	assert.Greater(t, float64(rir)/float64(online), 0.9)
}
