package refdata

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
)

// The tables, embedded as strings: read in place, never copied.
var (
	//go:embed data/bin_ranges.csv
	binRangesCSV string
	//go:embed data/bins.csv
	binsCSV string
	//go:embed data/cities.csv
	citiesCSV string
	//go:embed data/countries.csv
	countriesCSV string
	//go:embed data/country_rir.csv
	countryRIRCSV string
	//go:embed data/currencies.csv
	currenciesCSV string
	//go:embed data/holidays.csv
	holidaysCSV string
	//go:embed data/ipv4_blocks.csv
	ipv4BlocksCSV string
	//go:embed data/mccs.csv
	mccsCSV string
	//go:embed data/price_levels.csv
	priceLevelsCSV string
)

// tableText maps a table's file name (in data/) to its text.
var tableText = map[string]string{
	"bin_ranges.csv": binRangesCSV, "bins.csv": binsCSV, "cities.csv": citiesCSV,
	"countries.csv": countriesCSV, "country_rir.csv": countryRIRCSV, "currencies.csv": currenciesCSV,
	"holidays.csv": holidaysCSV, "ipv4_blocks.csv": ipv4BlocksCSV, "mccs.csv": mccsCSV,
	"price_levels.csv": priceLevelsCSV,
}

// embedded returns the getter of an embedded table: load runs once, on first
// use, and a table that does not load is a defect of the build (a panic;
// the package's tests load every table).
func embedded[T any](load func() (T, error)) func() T {
	return sync.OnceValue(func() T {
		t, err := load()
		if err != nil {
			panic("refdata: embedded data is invalid: " + err.Error())
		}
		return t
	})
}

// readCSV calls row for each record of the embedded table name after its
// header; every record must have cols fields. row must not keep rec (its
// strings it may: they are slices of the embedded file).
//
// The tables are plain comma-separated lines, a few quoted: a line without
// a quote is split at its commas, a line with one is parsed by
// encoding/csv (RFC 4180), so the records are those encoding/csv reads,
// at a fraction of its cost (the tables are parsed at every start).
func readCSV(name string, cols int, row func(rec []string) error) error {
	text, ok := tableText[name]
	if !ok {
		return fmt.Errorf("%s: no such table", name)
	}
	rec := make([]string, cols)
	for line, header := 0, true; text != ""; {
		var l string
		l, text, _ = strings.Cut(text, "\n")
		line++
		l = strings.TrimSuffix(l, "\r")
		if l == "" {
			continue
		}
		if err := split(l, rec); err != nil {
			return fmt.Errorf("%s line %d: %w", name, line, err)
		}
		if header {
			header = false
			continue
		}
		if err := row(rec); err != nil {
			return fmt.Errorf("%s line %d: %w", name, line, err)
		}
	}
	return nil
}

// split fills rec with the fields of line, which must be len(rec).
func split(line string, rec []string) error {
	if strings.IndexByte(line, '"') >= 0 {
		r := csv.NewReader(strings.NewReader(line))
		r.FieldsPerRecord = len(rec)
		got, err := r.Read()
		if err != nil {
			return err
		}
		copy(rec, got)
		return nil
	}
	for i := range rec {
		if i == len(rec)-1 {
			if strings.IndexByte(line, ',') >= 0 {
				return csv.ErrFieldCount
			}
			rec[i] = line
			return nil
		}
		f, rest, ok := strings.Cut(line, ",")
		if !ok {
			return csv.ErrFieldCount
		}
		rec[i], line = f, rest
	}
	return nil
}

// csvRows is the number of records of the embedded table name (its lines
// after the header), to size the slices a loader appends them to.
func csvRows(name string) int {
	return max(0, strings.Count(tableText[name], "\n")-1)
}

// groupBy groups all by the key of each index, each group in all's order,
// in one backing array: a map of full slices (appending to one copies it).
func groupBy[T any](all []T, key func(i int) string) map[string][]T {
	type group struct{ start, n int }
	groups := map[string]*group{}
	var order []string
	for i := range all {
		k := key(i)
		g := groups[k]
		if g == nil {
			g = &group{}
			groups[k] = g
			order = append(order, k)
		}
		g.n++
	}
	next := 0
	for _, k := range order {
		g := groups[k]
		g.start, next, g.n = next, next+g.n, 0
	}
	back := make([]T, len(all))
	for i := range all {
		g := groups[key(i)]
		back[g.start+g.n] = all[i]
		g.n++
	}
	out := make(map[string][]T, len(groups))
	for k, g := range groups {
		out[k] = back[g.start : g.start+g.n : g.start+g.n]
	}
	return out
}
