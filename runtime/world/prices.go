package world

import (
	"math"

	"github.com/paygen/paygen/runtime/refdata"
)

// Prices: a payment's amount is a price, not a uniform number of cents.
// Shops price goods at .99, .95, .49 or whole units; cash machines pay out
// round notes; restaurants (tips), fuel (per litre), groceries (baskets),
// travel and bills keep arbitrary cents. The same rules apply to fraud, so
// an ending says nothing about the label. Contactless payments stay under a
// limit (contactlessLimitUSD); a larger tap becomes a chip payment.

// cardPresentOnly is the card-present share from which an MCC takes no
// card-not-present payments (fuel dispensers, bars, supermarkets), for
// legitimate customers and fraudsters alike.
const cardPresentOnly = 0.95

// Price styles of an MCC.
const (
	priceAny   = iota // arbitrary cents
	priceShelf        // shelf prices: .99, .95, .49 or whole units
	priceCash         // round amounts: cash withdrawals
)

// contactlessLimitUSD is the no-PIN contactless limit in USD: most
// countries set theirs between 50 and 150 USD-equivalent (UK 100 GBP, EEA
// 50 EUR per tap); a single global figure until the limit is per country.
const contactlessLimitUSD = 100

// priceStyle returns the price style of an MCC category and code.
func priceStyle(category, code string) uint8 {
	switch {
	case code == "6010" || code == "6011":
		return priceCash
	case category == "retail", category == "apparel", category == "electronics", category == "jewelry",
		category == "digital_goods", category == "entertainment", category == "health", category == "automotive":
		return priceShelf
	}
	return priceAny
}

// price converts a USD amount into country's currency, in hundredths,
// shaped by the MCC's price style; u is a uniform draw.
func (w *World) price(usd float64, country int, mcc uint16, u float64) int64 {
	c := &w.countries[country]
	v := usd * c.level * c.perUSD // local units, at local prices
	switch w.priceStyle[mcc] {
	case priceCash:
		step := cashStep(v)
		return max(1, int64(math.Round(v/step))) * int64(step*100)
	case priceShelf:
		if c.minor == 0 || v >= 1000 {
			return max(1, int64(math.Round(v))) * 100
		}
		units := math.Floor(v)
		switch {
		case u < 0.55:
			return max(99, int64(units)*100+99)
		case u < 0.7:
			return max(95, int64(units)*100+95)
		case u < 0.8:
			return max(49, int64(units)*100+49)
		default:
			return max(1, int64(math.Round(v))) * 100
		}
	}
	if c.minor == 0 {
		return max(int64(math.Round(v)), 1) * 100
	}
	return max(int64(math.Round(v*100)), 1)
}

// cashStep is the note a cash amount of v local units rounds to: 10 or 20
// below 200 units, then the smallest of the 1-2-5 series at or above a tenth
// of the amount (1 000 yen for a 7 000-yen withdrawal).
func cashStep(v float64) float64 {
	if v < 200 {
		if v < 60 {
			return 10
		}
		return 20
	}
	p := math.Pow(10, math.Floor(math.Log10(v/10)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v/10 {
			return m * p
		}
	}
	return 10 * p
}

// tapLimit makes row i a chip payment when it is a contactless one above
// the limit: above it the terminal asks for the card to be inserted.
func (b *Block) tapLimit(i int, usd float64) {
	k := int(b.merCty[i])
	if w := b.w; int(b.entry[i]) == w.modeContactless && usd*w.countries[k].level > w.regionAt(k).tapUSD && w.modeChip >= 0 {
		b.entry[i] = uint8(w.modeChip)
	}
}

// priceElasticity is how much of a country's price level reaches its card
// tickets: the World Bank's price level ratio (PPP conversion factor over
// the exchange rate, US = 1) covers the whole consumption basket, while
// card tickets mix local services with goods priced more globally. An
// assumption (docs/realism.md): a 0.24 price level (India) gives tickets
// 0.34x a US ticket for the same purchase, converted at market rates.
const priceElasticity = 0.75

// ticketLevel is the factor on tickets at merchants of country code; 1
// where the World Bank has no price level.
func ticketLevel(code string) float64 {
	if p, ok := refdata.PriceLevel(code); ok && p > 0 {
		return math.Pow(p, priceElasticity)
	}
	return 1
}
