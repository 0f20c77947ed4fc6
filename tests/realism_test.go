package tests

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/paygen/paygen/runtime/refdata"
)

// figure is one row of the realism scorecard (docs/realism.md): a property
// measured on generated data against the band its reference allows.
type figure struct {
	name     string
	measured float64
	lo, hi   float64
}

// realismRows are the columns the scorecard reads, row by row.
type realismRows struct {
	ts                                         []int64
	card, brand, ctype, pan, entry, mc, cc, ip []string
	mcc, cat, cur                              []string
	amount                                     []int64
	fraud, threeDS                             []bool
}

func readRealism(t *testing.T, path string) *realismRows {
	tb := readArrow(t, path, "event_time", "card_id", "card_brand", "card_type", "card_number_masked", "entry_mode",
		"merchant_country", "customer_country", "ip_address", "mcc_code", "merchant_category", "currency", "amount",
		"label_fraud", "three_ds")
	get := func(c string) []string { v, _ := tb.strings(t, c); return v }
	return &realismRows{
		ts: tb.int64s(t, "event_time"), card: get("card_id"), brand: get("card_brand"), ctype: get("card_type"),
		pan: get("card_number_masked"), entry: get("entry_mode"), mc: get("merchant_country"), cc: get("customer_country"),
		ip: get("ip_address"), mcc: get("mcc_code"), cat: get("merchant_category"), cur: get("currency"),
		amount: tb.int64s(t, "amount"), fraud: tb.bools(t, "label_fraud"), threeDS: tb.bools(t, "three_ds"),
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

var eea5 = map[string]bool{"DE": true, "FR": true, "IT": true, "ES": true, "NL": true}

// scorecard measures the local-habit figures of docs/realism.md on the
// default 1M-row file (legitimate rows; cards counted once).
func scorecard(t *testing.T, d *realismRows) []figure {
	perUSD, binCty := map[string]float64{}, map[string]string{}
	for _, c := range refdata.Currencies() {
		perUSD[c.Code] = c.PerUSD
	}
	for _, b := range refdata.BINs() {
		binCty[b.Prefix] = b.Country
	}
	type cnt struct{ n, k int }
	c := map[string]*cnt{}
	add := func(key string, hit bool) {
		if c[key] == nil {
			c[key] = &cnt{}
		}
		c[key].n++
		if hit {
			c[key].k++
		}
	}
	seen, bins := map[string]bool{}, map[string]bool{}
	lastCty, lastT := map[string]string{}, map[string]int64{}
	teleports, cpPairs := 0, 0
	usdIn, usdUS := []float64{}, []float64{}
	off := map[string]int64{}
	for _, c := range refdata.Countries() {
		off[c.Code] = int64(c.UTCOffsetMin)
	}
	perDay := map[string]int{}
	for i := range d.ts {
		if d.fraud[i] {
			continue
		}
		online := d.entry[i] == "ecommerce"
		lt := time.UnixMicro(d.ts[i]).UTC().Add(time.Duration(off[d.cc[i]]) * time.Minute)
		perDay[d.cc[i]+" "+lt.Format("01-02")]++
		if !online && d.mc[i] == d.cc[i] && d.cat[i] == "grocery" {
			usd := float64(d.amount[i]) / 100 / perUSD[d.cur[i]]
			switch d.cc[i] {
			case "IN":
				usdIn = append(usdIn, usd)
			case "US":
				usdUS = append(usdUS, usd)
			}
		}
		if !seen[d.card[i]] {
			seen[d.card[i]] = true
			bin := d.pan[i][:6]
			bins[bin] = true
			switch d.cc[i] {
			case "CN":
				add("cn_unionpay", d.brand[i] == "unionpay")
			case "JP":
				add("jp_jcb", d.brand[i] == "jcb")
			}
			if d.brand[i] == "amex" {
				add("amex_not_credit", d.ctype[i] != "credit")
			}
			if cty, ok := binCty[bin]; ok {
				add("bin_domestic", cty == d.cc[i])
			}
		}
		if online {
			switch {
			case d.cc[i] == "US":
				add("3ds_us", d.threeDS[i])
			case d.cc[i] == "GB":
				add("3ds_gb", d.threeDS[i])
			case eea5[d.cc[i]]:
				add("3ds_eea", d.threeDS[i])
			}
			ip := parseIPv4(t, d.ip[i])
			cty, _ := refdata.CountryOfIPv4(ip)
			add("ip_home", cty == d.cc[i])
			add("xb_online", d.mc[i] != d.cc[i])
			if d.mcc[i] == "5542" {
				add("fuel_online", true)
			}
		} else {
			tap := d.entry[i] == "contactless"
			switch {
			case d.mc[i] == "GB":
				add("tap_gb", tap)
				if tap {
					add("tap_over_limit", float64(d.amount[i])/100 > 100+0.005)
				}
			case d.mc[i] == "AU":
				add("tap_au", tap)
			case d.mc[i] == "US":
				add("tap_us", tap)
			case eea5[d.mc[i]]:
				add("tap_eea", tap)
				add("mag_eea", d.entry[i] == "magstripe")
				if tap && d.cur[i] == "EUR" {
					add("tap_over_limit", float64(d.amount[i])/100 > 50+0.005)
				}
			}
			add("xb_instore", d.mc[i] != d.cc[i])
			if d.mcc[i] == "5542" {
				add("fuel_online", false)
			}
			// legitimate teleports: the same card in two countries within 2 h
			if prev, ok := lastCty[d.card[i]]; ok {
				cpPairs++
				if prev != d.mc[i] && d.ts[i]-lastT[d.card[i]] < 2*3600e6 {
					teleports++
				}
			}
			lastCty[d.card[i]], lastT[d.card[i]] = d.mc[i], d.ts[i]
		}
		if m := d.mcc[i]; m >= "5000" && m <= "5199" {
			add("b2b", true)
		} else {
			add("b2b", false)
		}
		add("mcc_9405", d.mcc[i] == "9405")
		if d.mcc[i] == "6011" {
			major := d.amount[i] / 100
			add("atm_round", d.amount[i]%100 == 0 && major%10 == 0)
		}
		if d.cat[i] == "grocery" || d.cat[i] == "apparel" || d.cat[i] == "electronics" || d.cat[i] == "retail" {
			cents := d.amount[i] % 100
			add("price_points", cents == 99 || cents == 0 || cents == 50 || cents == 95 || cents == 49)
		}
	}
	f := func(name string, lo, hi float64) figure {
		x := c[name]
		if x == nil {
			return figure{name, math.NaN(), lo, hi}
		}
		return figure{name, ratio(x.k, x.n), lo, hi}
	}
	median := func(x []float64) float64 {
		if len(x) == 0 {
			return math.NaN()
		}
		sort.Float64s(x)
		return x[len(x)/2]
	}
	// a public holiday against the same weekday one and two weeks before
	holiday := func(cty, day, w1, w2 string) float64 {
		return float64(perDay[cty+" "+day]) / (float64(perDay[cty+" "+w1]+perDay[cty+" "+w2]) / 2)
	}
	return []figure{
		{"ppp_grocery_in_vs_us", median(usdIn) / median(usdUS), 0.2, 0.55},
		{"holiday_us_memorial_day", holiday("US", "05-26", "05-19", "05-12"), 0.6, 0.9},
		{"holiday_de_may_1", holiday("DE", "05-01", "05-08", "05-15"), 0.6, 0.9},
		f("cn_unionpay", 0.8, 1),
		f("jp_jcb", 0.15, 0.45),
		f("amex_not_credit", 0, 0),
		f("bin_domestic", 0.9, 1),
		{"distinct_bins", float64(len(bins)), 300, 5000},
		f("3ds_us", 0, 0.06),
		f("3ds_gb", 0.46, 0.9),
		f("3ds_eea", 0.7, 0.95),
		f("tap_gb", 0.85, 1),
		f("tap_au", 0.8, 1),
		f("tap_eea", 0.5, 0.75),
		f("tap_us", 0.2, 0.5),
		f("mag_eea", 0, 0.01),
		f("tap_over_limit", 0, 0),
		f("ip_home", 0.85, 0.99),
		{"teleports", ratio(teleports, cpPairs), 0, 0.001},
		{"xb_instore_minus_online", f("xb_instore", 0, 1).measured - f("xb_online", 0, 1).measured, -1, 0},
		f("fuel_online", 0, 0.05),
		f("b2b", 0, 0.005),
		f("mcc_9405", 0, 0),
		f("atm_round", 0.95, 1),
		f("price_points", 0.25, 1),
	}
}

// calendarFigures measures the calendar on a file dated 2025-12-05: local
// Sundays in DE, Black Friday in the US against JP, Cyber Monday online.
func calendarFigures(t *testing.T, d *realismRows) []figure {
	off := map[string]int64{}
	for _, c := range refdata.Countries() {
		off[c.Code] = int64(c.UTCOffsetMin)
	}
	days := map[string]int{}
	online := map[string]int{}
	var deWeekday [7]int
	for i := range d.ts {
		if d.fraud[i] {
			continue
		}
		lt := time.UnixMicro(d.ts[i]).UTC().Add(time.Duration(off[d.cc[i]]) * time.Minute)
		k := d.cc[i] + " " + lt.Format("01-02")
		days[k]++
		if d.entry[i] == "ecommerce" {
			online[k]++
		}
		if d.cc[i] == "DE" && d.mc[i] == "DE" && d.entry[i] != "ecommerce" && lt.Month() == time.November {
			deWeekday[lt.Weekday()]++
		}
	}
	weekdays := float64(deWeekday[1]+deWeekday[2]+deWeekday[3]+deWeekday[4]+deWeekday[5]) / 5
	uplift := func(cty string) float64 { // Black Friday 2025-11-28 against the two Fridays before
		return float64(days[cty+" 11-28"]) / (float64(days[cty+" 11-14"]+days[cty+" 11-21"]) / 2)
	}
	share := func(k string) float64 { return ratio(online[k], days[k]) }
	return []figure{
		{"de_sunday_vs_weekday", float64(deWeekday[0]) / weekdays, 0, 0.7},
		{"black_friday_us", uplift("US"), 1.3, 2},
		{"black_friday_jp", uplift("JP"), 0.8, 1.15},
		{"cyber_monday_us_online_gain", share("US 12-01") - share("US 11-24"), 0.1, 0.4},
	}
}

// The scorecard of docs/realism.md: every figure inside its band on the
// default 1M-row file (2025-05-29) and, for the calendar, a 1M-row file
// dated 2025-12-05. The figures are logged as a markdown table.
func TestRealismScorecard(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end tier")
	}
	// PAYGEN_REALISM_FILE and PAYGEN_REALISM_DECEMBER score other files
	// (e.g. an older version's output) and only report: the "before" column
	main, december := os.Getenv("PAYGEN_REALISM_FILE"), os.Getenv("PAYGEN_REALISM_DECEMBER")
	report := main != ""
	if !report {
		main = big(t)
		dir := t.TempDir()
		r := paygen(t, "generate", "--rows", "1M", "--out", dir, "--date", "2025-12-05", "--quiet")
		if r.code != 0 {
			t.Fatalf("generate: %s", r.stderr)
		}
		december = filepath.Join(dir, "payments_1M_20251205.parquet")
	}
	figs := scorecard(t, readRealism(t, main))
	if december != "" {
		figs = append(figs, calendarFigures(t, readRealism(t, december))...)
	}
	var b strings.Builder
	fmt.Fprintln(&b, "| figure | measured | band |")
	fmt.Fprintln(&b, "|---|---|---|")
	for _, f := range figs {
		fmt.Fprintf(&b, "| %s | %.4g | [%g, %g] |\n", f.name, f.measured, f.lo, f.hi)
	}
	t.Log("\n" + b.String())
	if p := os.Getenv("PAYGEN_REALISM_OUT"); p != "" {
		_ = os.WriteFile(p, []byte(b.String()), 0o644)
	}
	if report {
		return
	}
	for _, f := range figs {
		assert.False(t, math.IsNaN(f.measured), "%s measured", f.name)
		assert.GreaterOrEqual(t, f.measured, f.lo, f.name)
		assert.LessOrEqual(t, f.measured, f.hi, f.name)
	}
}
