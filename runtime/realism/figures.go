package realism

import (
	"math"
	"sort"
	"time"

	"github.com/paygen/paygen/runtime/refdata"
)

// spec is a figure's description and band (docs/realism.md gives each its
// reference).
type spec struct {
	name, property string
	lo, hi         float64
}

var specs = []spec{
	{"cn_unionpay", "CN customers' cards that are UnionPay", 0.8, 1},
	{"jp_jcb", "JP customers' cards that are JCB", 0.15, 0.45},
	{"amex_not_credit", "American Express cards that are debit or prepaid", 0, 0},
	{"bin_domestic", "cards whose BIN is of the holder's country (BINs in the embedded table)", 0.9, 1},
	{"distinct_bins", "distinct BINs in the file", 300, 5000},
	{"3ds_us", "US cards' online payments with 3-D Secure", 0, 0.06},
	{"3ds_gb", "GB cards' online payments with 3-D Secure", 0.46, 0.9},
	{"3ds_eea", "DE, FR, IT, ES, NL cards' online payments with 3-D Secure", 0.7, 0.95},
	{"tap_gb", "in-store payments at GB terminals that are contactless", 0.85, 1},
	{"tap_au", "in-store payments at AU terminals that are contactless", 0.8, 1},
	{"tap_eea", "in-store payments at DE, FR, IT, ES, NL terminals that are contactless", 0.5, 0.75},
	{"tap_us", "in-store payments at US terminals that are contactless", 0.2, 0.5},
	{"mag_eea", "in-store payments at DE, FR, IT, ES, NL terminals by magnetic stripe", 0, 0.01},
	{"tap_over_limit", "taps above the no-PIN limit (GBP 100, EUR 50)", 0, 0},
	{"online_gb_minus_eea", "online share of GB customers' payments minus DE, FR, IT, ES, NL customers'", 0.03, 0.3},
	{"ip_home", "legitimate online payments from an IP registered to the customer's country", 0.85, 0.99},
	{"teleports", "card-present payments in another country within 2 h of the card's previous one", 0, 0.001},
	{"xb_instore_minus_online", "cross-border share in store minus online", -1, 0},
	{"fuel_online", "automated fuel dispensers (5542) online", 0, 0.05},
	{"b2b", "wholesale/B2B MCCs 5000-5199", 0, 0.005},
	{"mcc_9405", "intra-government purchases (9405)", 0, 0},
	{"airline_chain_abroad", "airline chain codes (3000-3299) at merchants outside the airline's home country", 0, 0},
	{"atm_round", "ATM withdrawals (6011) in whole tens of local units", 0.95, 1},
	{"price_points", "retail tickets ending .99/.95/.49/.50/.00", 0.25, 1},
	{"ppp_grocery_in_vs_us", "median grocery ticket in USD, IN over US", 0.2, 0.55},
	{"holiday_us", "US volume on public holidays against the same weekday 1-2 weeks around", 0.6, 0.9},
	{"holiday_de", "DE volume on public holidays against the same weekday 1-2 weeks around", 0.6, 0.9},
	{"de_sunday_vs_weekday", "DE in-store volume at home on a Sunday against a weekday", 0, 0.7},
	{"black_friday_us", "US volume on Black Friday against the two Fridays before", 1.3, 2},
	{"black_friday_jp", "JP volume on Black Friday against the two Fridays before", 0.8, 1.15},
	{"cyber_monday_us_online_gain", "US online share on Cyber Monday minus a week before", 0.1, 0.4},
}

// figures turns the counts into the scorecard; the calendar figures need
// every row (complete) and the days they compare inside the window.
func (m *meter) figures(complete bool) []Figure {
	val := map[string]float64{}
	for name, c := range m.c {
		val[name] = c.share()
	}
	if len(m.bins) > 0 {
		val["distinct_bins"] = float64(len(m.bins))
	}
	val["teleports"] = m.tele.share()
	if gb, eea := m.c["online_gb"], m.c["online_eea"]; gb != nil && eea != nil {
		val["online_gb_minus_eea"] = gb.share() - eea.share()
	}
	if in, on := m.c["xb_instore"], m.c["xb_online"]; in != nil && on != nil {
		val["xb_instore_minus_online"] = in.share() - on.share()
	}
	if a, b := median(m.usd["IN"]), median(m.usd["US"]); b > 0 {
		val["ppp_grocery_in_vs_us"] = a / b
	}
	if complete {
		m.calendar(val)
	}
	var out []Figure
	for _, s := range specs {
		v, ok := val[s.name]
		if !ok || math.IsNaN(v) {
			continue
		}
		if s.name == "distinct_bins" && !complete {
			continue // a count, not a share: only on the whole file
		}
		out = append(out, Figure{Name: s.name, Property: s.property, Measured: v, Lo: s.lo, Hi: s.hi, Pass: v >= s.lo && v <= s.hi})
	}
	return out
}

// calendar measures the day-level figures whose days the window holds
// whole (its first and last local days are partial and skipped).
func (m *meter) calendar(val map[string]float64) {
	first, last := int64(math.MaxInt64), int64(math.MinInt64)
	for k := range m.day {
		first, last = min(first, k.day), max(last, k.day)
	}
	dayOf := func(t time.Time) int64 { return floorDiv(t.Unix(), 86400) }
	inside := func(d time.Time) bool { return dayOf(d) > first && dayOf(d) < last }
	rows := func(cty string, d time.Time) float64 { return float64(m.day[dayKey{cty, dayOf(d)}]) }
	weekAgo := func(d time.Time, w int) time.Time { return d.AddDate(0, 0, -7*w) }
	// public holidays against the same weekday one and two weeks before
	// and after (the days of those inside the window that are not holidays)
	for _, cty := range []string{"US", "DE"} {
		hol := map[int64]bool{}
		for _, h := range refdata.Holidays(cty) {
			hol[dayOf(h.Date)] = true
		}
		var sum float64
		n := 0
		for _, h := range refdata.Holidays(cty) {
			if !inside(h.Date) {
				continue
			}
			var base float64
			k := 0
			for _, w := range []int{-2, -1, 1, 2} {
				if d := weekAgo(h.Date, w); inside(d) && !hol[dayOf(d)] {
					base += rows(cty, d)
					k++
				}
			}
			if k > 0 && base > 0 {
				sum += rows(cty, h.Date) / (base / float64(k))
				n++
			}
		}
		if n > 0 {
			val["holiday_"+map[string]string{"US": "us", "DE": "de"}[cty]] = sum / float64(n)
		}
	}
	// DE Sundays against weekdays (in store, at home)
	var sun, wd float64
	var nSun, nWd int
	for d, n := range m.deInDays {
		t := time.Unix(d*86400, 0).UTC()
		if !inside(t) {
			continue
		}
		switch t.Weekday() {
		case time.Sunday:
			sun += float64(n)
			nSun++
		case time.Saturday:
		default:
			wd += float64(n)
			nWd++
		}
	}
	if nSun > 0 && nWd > 0 && wd > 0 {
		val["de_sunday_vs_weekday"] = (sun / float64(nSun)) / (wd / float64(nWd))
	}
	// Black Friday and Cyber Monday of the years the window touches
	for y := time.Unix(first*86400, 0).UTC().Year(); y <= time.Unix(last*86400, 0).UTC().Year(); y++ {
		bf := blackFriday(y)
		if !inside(bf) || !inside(weekAgo(bf, 2)) {
			continue
		}
		for _, cty := range []string{"US", "JP"} {
			if base := (rows(cty, weekAgo(bf, 1)) + rows(cty, weekAgo(bf, 2))) / 2; base > 0 {
				val["black_friday_"+map[string]string{"US": "us", "JP": "jp"}[cty]] = rows(cty, bf) / base
			}
		}
		cm := bf.AddDate(0, 0, 3)
		if inside(cm) {
			share := func(d time.Time) float64 {
				k := dayKey{"US", dayOf(d)}
				if m.day[k] == 0 {
					return math.NaN()
				}
				return float64(m.dayOn[k]) / float64(m.day[k])
			}
			val["cyber_monday_us_online_gain"] = share(cm) - share(weekAgo(cm, 1))
		}
	}
}

// blackFriday is the day after the fourth Thursday of November.
func blackFriday(y int) time.Time {
	d := time.Date(y, time.November, 1, 0, 0, 0, 0, time.UTC)
	d = d.AddDate(0, 0, (int(time.Thursday)-int(d.Weekday())+7)%7+21)
	return d.AddDate(0, 0, 1)
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return s[len(s)/2]
}
