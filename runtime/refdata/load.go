package refdata

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// fields parses CSV cells in order, remembering the first error.
type fields struct {
	rec []string
	i   int
	err error
}

func (f *fields) str() string {
	s := f.rec[f.i]
	f.i++
	return s
}

func (f *fields) float() float64 {
	s := f.str()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && f.err == nil {
		f.err = fmt.Errorf("column %d: %w", f.i, err)
	}
	return v
}

func (f *fields) int() int {
	s := f.str()
	v, err := strconv.Atoi(s)
	if err != nil && f.err == nil {
		f.err = fmt.Errorf("column %d: %w", f.i, err)
	}
	return v
}

func (f *fields) uint() uint64 {
	s := f.str()
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil && f.err == nil {
		f.err = fmt.Errorf("column %d: %w", f.i, err)
	}
	return v
}

func load() (*tables, error) {
	t := &tables{}
	err := readCSV("countries.csv", 7, func(rec []string) error {
		f := fields{rec: rec}
		c := Country{Code: f.str(), Name: f.str(), Currency: f.str(), Lat: f.float(), Lon: f.float(),
			UTCOffsetMin: f.int(), Volume: f.float()}
		t.countries = append(t.countries, c)
		return f.err
	})
	if err != nil {
		return nil, err
	}
	err = readCSV("currencies.csv", 5, func(rec []string) error {
		f := fields{rec: rec}
		c := Currency{Code: f.str(), Numeric: f.int(), MinorUnits: f.int(), Name: f.str(), PerUSD: f.float()}
		t.currencies = append(t.currencies, c)
		return f.err
	})
	if err != nil {
		return nil, err
	}
	err = readCSV("mccs.csv", 9, func(rec []string) error {
		f := fields{rec: rec}
		m := MCC{Code: f.str(), Description: f.str(), Category: f.str(), Risk: f.str(), MedianUSD: f.float(),
			Sigma: f.float(), Weight: f.float(), CardPresent: f.float(), Home: f.str()}
		t.mccs = append(t.mccs, m)
		return f.err
	})
	if err != nil {
		return nil, err
	}
	err = readCSV("bin_ranges.csv", 5, func(rec []string) error {
		f := fields{rec: rec}
		b := BINRange{Brand: f.str(), Low: f.uint(), High: f.uint(), Digits: f.int(), PANLength: f.int()}
		t.bins = append(t.bins, b)
		return f.err
	})
	if err != nil {
		return nil, err
	}

	slices.SortFunc(t.countries, func(a, b Country) int { return cmp.Compare(a.Code, b.Code) })
	slices.SortFunc(t.currencies, func(a, b Currency) int { return cmp.Compare(a.Code, b.Code) })
	slices.SortFunc(t.mccs, func(a, b MCC) int { return cmp.Compare(a.Code, b.Code) })
	slices.SortFunc(t.bins, func(a, b BINRange) int {
		return cmp.Or(cmp.Compare(a.Brand, b.Brand), cmp.Compare(a.Low, b.Low))
	})

	t.countryIdx = make(map[string]int, len(t.countries))
	for i, c := range t.countries {
		t.countryIdx[c.Code] = i
	}
	t.currIdx = make(map[string]int, len(t.currencies))
	for i, c := range t.currencies {
		t.currIdx[c.Code] = i
	}
	t.mccIdx = make(map[string]int, len(t.mccs))
	seen := map[string]bool{}
	for i, m := range t.mccs {
		t.mccIdx[m.Code] = i
		if !seen[m.Category] {
			seen[m.Category] = true
			t.categories = append(t.categories, m.Category)
		}
	}
	slices.Sort(t.categories)
	return t, nil
}
