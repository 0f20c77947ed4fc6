package world_test

import (
	"testing"

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
