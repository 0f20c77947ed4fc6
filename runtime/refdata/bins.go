package refdata

import (
	"fmt"
	"slices"
)

// BIN is one issuer BIN (the first six digits of a card number) with its brand, type and issuing country.
type BIN struct {
	Prefix    string // six digits, e.g. "411111"
	Brand     string // one of Brands()
	Type      string // "credit", "debit" or "prepaid"
	Country   string // ISO 3166-1 alpha-2 code of the issuing country
	PANLength int    // card number length
}

var cardTypes = []string{"credit", "debit", "prepaid"}

type binTable struct {
	all       []BIN            // sorted by Prefix
	byCountry map[string][]BIN // sorted by Prefix
}

var bins = embedded(loadBINs)

func loadBINs() (*binTable, error) {
	t := &binTable{all: make([]BIN, 0, csvRows("bins.csv"))}
	err := readCSV("bins.csv", 5, func(rec []string) error {
		f := fields{rec: rec}
		b := BIN{Prefix: f.str(), Brand: f.str(), Type: f.str(), Country: f.str(), PANLength: f.int()}
		if f.err != nil {
			return f.err
		}
		if err := checkBIN(b); err != nil {
			return err
		}
		if n := len(t.all); n > 0 && t.all[n-1].Prefix >= b.Prefix {
			return fmt.Errorf("prefix %s not after %s", b.Prefix, t.all[n-1].Prefix)
		}
		t.all = append(t.all, b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.byCountry = groupBy(t.all, func(i int) string { return t.all[i].Country })
	return t, nil
}

func checkBIN(b BIN) error {
	if len(b.Prefix) != 6 {
		return fmt.Errorf("prefix %q is not 6 digits", b.Prefix)
	}
	for _, c := range []byte(b.Prefix) {
		if c < '0' || c > '9' {
			return fmt.Errorf("prefix %q is not 6 digits", b.Prefix)
		}
	}
	if !slices.Contains(brands, b.Brand) {
		return fmt.Errorf("unknown brand %q", b.Brand)
	}
	if !slices.Contains(cardTypes, b.Type) {
		return fmt.Errorf("unknown card type %q", b.Type)
	}
	if _, ok := CountryByCode(b.Country); !ok {
		return fmt.Errorf("unknown country %q", b.Country)
	}
	if b.PANLength < 12 || b.PANLength > 19 {
		return fmt.Errorf("PAN length %d outside 12..19", b.PANLength)
	}
	return nil
}

// BINs returns all issuer BINs sorted by Prefix (no prefix repeats). The slice is a fresh copy.
func BINs() []BIN { return slices.Clone(bins().all) }

// BINsOf returns the BINs issued in country (ISO alpha-2), sorted by Prefix; nil when the table has none.
// The slice is a fresh copy.
func BINsOf(country string) []BIN { return slices.Clone(bins().byCountry[country]) }
