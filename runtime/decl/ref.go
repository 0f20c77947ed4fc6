package decl

import (
	"math"

	"github.com/paygen/paygen/runtime/refdata"
)

// Reference data is indexed by the letters of its ISO code (26³ currency
// slots, 26² country slots), built once: a row's lookup is arithmetic on
// two or three bytes and one slice read — no map, no hashing.
var (
	perUSD    = make([]float64, 26*26*26) // units per USD; NaN when unknown
	utcOffset = make([]int64, 26*26)      // standard UTC offset, microseconds
	knownCty  = make([]bool, 26*26)
)

func init() {
	for i := range perUSD {
		perUSD[i] = math.NaN()
	}
	for _, c := range refdata.Currencies() {
		if i, ok := code3(c.Code); ok && c.PerUSD > 0 {
			perUSD[i] = c.PerUSD
		}
	}
	for _, c := range refdata.Countries() {
		if i, ok := code2(c.Code); ok {
			utcOffset[i] = int64(c.UTCOffsetMin) * 60e6
			knownCty[i] = true
		}
	}
}

func letter(b byte) (int, bool) { return int(b) - 'A', b >= 'A' && b <= 'Z' }

func code3(s string) (int, bool) {
	if len(s) != 3 {
		return 0, false
	}
	a, ok1 := letter(s[0])
	b, ok2 := letter(s[1])
	c, ok3 := letter(s[2])
	return (a*26+b)*26 + c, ok1 && ok2 && ok3
}

func code2(s string) (int, bool) {
	if len(s) != 2 {
		return 0, false
	}
	a, ok1 := letter(s[0])
	b, ok2 := letter(s[1])
	return a*26 + b, ok1 && ok2
}

// USD converts amount, in units of the ISO 4217 currency, to US dollars at
// the reference rate (runtime/refdata, 2025); NaN for an unknown currency.
func USD(amount float64, currency string) float64 {
	i, ok := code3(currency)
	if !ok {
		return math.NaN()
	}
	return amount / perUSD[i]
}

// UTCOffset is the standard UTC offset of an ISO 3166 country in
// microseconds (0 for an unknown code).
func UTCOffset(country string) int64 {
	i, ok := code2(country)
	if !ok {
		return 0
	}
	return utcOffset[i]
}

// KnownCurrency reports whether code is a currency of the reference data.
func KnownCurrency(code string) bool {
	i, ok := code3(code)
	return ok && !math.IsNaN(perUSD[i])
}

// KnownCountry reports whether code is a country of the reference data.
func KnownCountry(code string) bool {
	i, ok := code2(code)
	return ok && knownCty[i]
}
