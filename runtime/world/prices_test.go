package world_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Amounts are prices: shelf endings in shops, round cash withdrawals, taps
// under the contactless limit; endings are the same for fraud and
// legitimate payments at the same kind of merchant.
func TestPricePoints(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	var shelf99, anyCents, cash rate
	var bigTap int
	for _, r := range rows {
		c := r.amount % 100
		switch r.category {
		case "apparel", "electronics", "retail":
			if r.currency != "JPY" && r.usd < 500 {
				shelf99.add(c == 99 || c == 95 || c == 49 || c == 0)
			}
		case "grocery", "restaurants", "fuel":
			if r.currency == "USD" || r.currency == "EUR" {
				anyCents.add(c == 99)
			}
		}
		if r.category == "money_transfer" && r.entry != "ecommerce" && r.currency == "USD" {
			cash.add(r.amount%1000 == 0)
		}
		if r.entry == "contactless" && r.usd > 101 {
			bigTap++
		}
	}
	t.Logf("shop prices with shelf endings %.3f, .99 among basket/tip/fuel amounts %.4f, round cash %.3f (%d rows), taps above the limit %d",
		shelf99.v(), anyCents.v(), cash.v(), cash.n, bigTap)
	assert.Greater(t, shelf99.v(), 0.9)
	assert.Less(t, anyCents.v(), 0.03)
	assert.Zero(t, bigTap)
}

// Cash machines pay out notes; shops end prices in .99, .95, .49 or .00.
func TestPriceStyles(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 10_000)
	for _, usd := range []float64{13, 47, 88, 151, 420, 999} {
		atm := w.PriceAt(usd, "US", "6011", 0.3)
		assert.Zero(t, atm%1000, "ATM %v USD -> %d", usd, atm)
		shop := w.PriceAt(usd, "US", "5651", 0.3) % 100
		assert.Contains(t, []int64{99, 95, 49, 0}, shop)
	}
	assert.Zero(t, w.PriceAt(47, "JP", "6011", 0.5)%100000, "yen withdrawals in thousands")
}
