// Package refdata provides embedded reference data: countries, currencies, MCCs, card BINs, IPv4 blocks, cities, public holidays and price levels.
package refdata

import (
	"slices"
)

// Country is one ISO 3166-1 country with the attributes the generator needs.
type Country struct {
	Code         string  // ISO 3166-1 alpha-2, e.g. "US"
	Name         string  // English short name
	Currency     string  // ISO 4217 code of its main currency
	Lat, Lon     float64 // representative centroid, degrees
	UTCOffsetMin int     // representative standard UTC offset in minutes
	Volume       float64 // relative share of card-payment volume; 0 for most countries
}

// Currency is one active ISO 4217 currency.
type Currency struct {
	Code       string  // ISO 4217 alpha code
	Numeric    int     // ISO 4217 numeric code
	MinorUnits int     // digits after the decimal point
	Name       string  // English name
	PerUSD     float64 // approximate units per 1 USD (2025)
}

// MCC is one ISO 18245 merchant category code with ticket-size and mix parameters.
type MCC struct {
	Code        string  // 4-digit code with leading zeros, e.g. "0742"
	Description string  // e.g. "Veterinary Services"
	Category    string  // snake_case merchant category, e.g. "grocery"
	Risk        string  // "low", "medium" or "high"
	MedianUSD   float64 // typical ticket in USD
	Sigma       float64 // lognormal sigma of the ticket
	Weight      float64 // relative share of transactions
	CardPresent float64 // share of card-present payments (0..1)
	Home        string  // an airline chain code's home country (ISO alpha-2); "" for codes used anywhere
}

// BINRange is an inclusive range of IIN prefixes of one card brand.
type BINRange struct {
	Brand     string // "visa", "mastercard", "amex", "discover", "jcb", "unionpay"
	Low, High uint64 // inclusive range of IIN prefixes with Digits digits each
	Digits    int    // number of digits in Low and High
	PANLength int    // card number length
}

var brands = []string{"visa", "mastercard", "amex", "discover", "jcb", "unionpay"}

type tables struct {
	countries  []Country
	currencies []Currency
	mccs       []MCC
	bins       []BINRange
	categories []string
	countryIdx map[string]int
	currIdx    map[string]int
	mccIdx     map[string]int
}

var data = embedded(load)

// Countries returns all 249 ISO 3166-1 countries sorted by Code. The slice is a fresh copy.
func Countries() []Country { return slices.Clone(data().countries) }

// Currencies returns the active ISO 4217 currencies sorted by Code. The slice is a fresh copy.
func Currencies() []Currency { return slices.Clone(data().currencies) }

// MCCs returns the merchant category codes sorted by Code. The slice is a fresh copy.
func MCCs() []MCC { return slices.Clone(data().mccs) }

// BINRanges returns the card IIN ranges sorted by Brand then Low. The slice is a fresh copy.
func BINRanges() []BINRange { return slices.Clone(data().bins) }

// Brands returns the card brands in a fixed order.
func Brands() []string { return slices.Clone(brands) }

// Categories returns the distinct MCC categories, sorted. The slice is a fresh copy.
func Categories() []string { return slices.Clone(data().categories) }

// CountryByCode looks up a country by its ISO 3166-1 alpha-2 code.
func CountryByCode(code string) (Country, bool) {
	t := data()
	i, ok := t.countryIdx[code]
	if !ok {
		return Country{}, false
	}
	return t.countries[i], true
}

// CurrencyByCode looks up a currency by its ISO 4217 alpha code.
func CurrencyByCode(code string) (Currency, bool) {
	t := data()
	i, ok := t.currIdx[code]
	if !ok {
		return Currency{}, false
	}
	return t.currencies[i], true
}

// MCCByCode looks up a merchant category code such as "5411".
func MCCByCode(code string) (MCC, bool) {
	t := data()
	i, ok := t.mccIdx[code]
	if !ok {
		return MCC{}, false
	}
	return t.mccs[i], true
}

// Preload parses the embedded tables a world needs after its calendar
// (cities, BINs, IP blocks, price levels), in that order. Tables load on
// first use anyway; a world builder calls Preload in the background while
// it parses the holidays and builds its calendar.
func Preload() {
	data()
	cities()
	bins()
	ips()
	priceLevels()
}
