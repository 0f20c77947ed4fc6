package world

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/paygen/paygen/runtime/refdata"
)

// The calendar turns the seasonality configuration into one volume factor and
// one fraud-pressure factor per local day: weekend, paydays and spikes
// (Black Friday, Christmas week). The time line multiplies each country's
// daily curve by the factors of its local day.

// DayRule is the first day of a recurring spike: a fixed month and day, or
// the nth weekday of a month plus an offset in days.
type DayRule struct {
	Month   time.Month
	Day     int          // 1..31, or 0 when Weekday and Nth are used
	Weekday time.Weekday // with Nth
	Nth     int          // 1..5
	Offset  int          // days added to the nth weekday, 0..31
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseDayRule reads "MM-DD" (12-18) or "MM-<weekday><n>[+days]" (11-thu4+1,
// the day after the fourth Thursday of November: Black Friday).
func ParseDayRule(s string) (DayRule, error) {
	bad := fmt.Errorf("%q is not MM-DD or MM-<weekday><n>[+days] (e.g. 12-18, 11-thu4+1)", s)
	ms, rest, ok := strings.Cut(s, "-")
	if !ok || len(ms) != 2 {
		return DayRule{}, bad
	}
	m, err := strconv.Atoi(ms)
	if err != nil || m < 1 || m > 12 {
		return DayRule{}, bad
	}
	r := DayRule{Month: time.Month(m)}
	if base, off, ok := strings.Cut(rest, "+"); ok && len(base) == 4 {
		d, err := strconv.Atoi(off)
		if err != nil || off == "" || off[0] < '0' || off[0] > '9' || d > 31 {
			return DayRule{}, bad
		}
		rest, r.Offset = base, d
	}
	if len(rest) == 4 {
		wd, ok := weekdays[rest[:3]]
		n := int(rest[3] - '0')
		if !ok || n < 1 || n > 5 {
			return DayRule{}, bad
		}
		r.Weekday, r.Nth = wd, n
		return r, nil
	}
	d, err := strconv.Atoi(rest)
	if err != nil || len(rest) != 2 || d < 1 || d > daysIn(r.Month, 2024) {
		return DayRule{}, bad
	}
	r.Day = d
	return r, nil
}

// In returns the rule's day in year (UTC midnight). An nth weekday that
// does not exist (a fifth Friday) falls back to the last one.
func (r DayRule) In(year int) time.Time {
	if r.Nth == 0 {
		d := min(r.Day, daysIn(r.Month, year))
		return time.Date(year, r.Month, d, 0, 0, 0, 0, time.UTC)
	}
	first := time.Date(year, r.Month, 1, 0, 0, 0, 0, time.UTC)
	off := (int(r.Weekday) - int(first.Weekday()) + 7) % 7
	d := 1 + off + 7*(r.Nth-1)
	for d > daysIn(r.Month, year) {
		d -= 7
	}
	return time.Date(year, r.Month, d+r.Offset, 0, 0, 0, 0, time.UTC)
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// calendar holds per-country, per-day factors for the local days that the
// window can touch in any time zone: day index 0 is firstDay (days since
// the epoch); country k's days start at k*n.
type calendar struct {
	firstDay  int64
	n         int       // days per country
	volume    []float64 // weekend x payday x spike x holiday volume factors
	fraud     []float64 // spike fraud-pressure factors
	online    []float64 // share of in-store payments at home made online instead
	anyOnline []bool    // per country: some day moves payments online
}

type spikeRule struct {
	rule                DayRule
	days                int
	volume, fraudFactor float64
	online              float64
	where               map[string]bool // nil: everywhere
}

func newCalendar(cfg *Config, startUnix int64, windowDays int, countries []activeCountry) (*calendar, error) {
	var spikes []spikeRule
	for _, s := range cfg.Seasonality.Spikes {
		r, err := ParseDayRule(s.From)
		if err != nil {
			return nil, fmt.Errorf("world config: spike %q: from %v", s.Name, err)
		}
		if s.Days < 1 || s.Volume <= 0 || s.Fraud <= 0 || s.Online < 0 || s.Online > 1 {
			return nil, fmt.Errorf("world config: spike %q needs days >= 1 and positive volume and fraud factors", s.Name)
		}
		sr := spikeRule{rule: r, days: s.Days, volume: s.Volume, fraudFactor: s.Fraud, online: s.Online}
		if len(s.Countries) > 0 {
			sr.where = map[string]bool{}
			for _, c := range s.Countries {
				sr.where[c] = true
			}
		}
		spikes = append(spikes, sr)
	}
	sunday := map[string]float64{}
	shift := map[string]float64{}
	for _, rc := range cfg.Regions {
		for _, c := range rc.Countries {
			shift[c] = rc.OnlineShift
		}
		if rc.HasSunday {
			for _, c := range rc.Countries {
				sunday[c] = rc.SundayFactor
			}
		}
	}
	pd := cfg.Seasonality.Paydays
	n := windowDays + 3
	c := &calendar{firstDay: floorDiv(startUnix, 86400) - 1, n: n}
	c.volume = make([]float64, n*len(countries))
	c.fraud = make([]float64, n*len(countries))
	c.online = make([]float64, n*len(countries))
	c.anyOnline = make([]bool, len(countries))
	var holidays map[string][]refdata.Holiday // the window's only
	if cfg.Seasonality.HolidayVolume > 0 {
		holidays = refdata.HolidaysIn(time.Unix(c.firstDay*86400, 0), time.Unix((c.firstDay+int64(n))*86400, 0))
	}
	for k, ct := range countries {
		sun, hasSun := sunday[ct.code]
		holiday := make([]bool, n)
		for _, h := range holidays[ct.code] {
			if i := h.Date.Unix()/86400 - c.firstDay; i >= 0 && i < int64(n) {
				holiday[i] = true
			}
		}
		for i := range n {
			day := c.firstDay + int64(i)
			t := time.Unix(day*86400, 0).UTC()
			v, f, stay := 1.0, 1.0, 1-shift[ct.code]
			switch wd := t.Weekday(); {
			case wd == time.Sunday && hasSun:
				v *= sun
			case wd == time.Saturday || wd == time.Sunday:
				v *= cfg.WeekendFactor
			}
			if pd.SpanDays > 0 && pd.Volume > 0 && isPayday(t, pd) {
				v *= pd.Volume
			}
			if holiday[i] {
				v *= cfg.Seasonality.HolidayVolume
			}
			for _, s := range spikes {
				if s.where != nil && !s.where[ct.code] {
					continue
				}
				for y := t.Year() - 1; y <= t.Year(); y++ {
					first := s.rule.In(y)
					if !t.Before(first) && t.Before(first.AddDate(0, 0, s.days)) {
						v *= s.volume
						f *= s.fraudFactor
						stay *= 1 - s.online
						break
					}
				}
			}
			c.volume[k*n+i], c.fraud[k*n+i], c.online[k*n+i] = v, f, 1-stay
			c.anyOnline[k] = c.anyOnline[k] || stay < 1
		}
	}
	return c, nil
}

// isPayday reports whether day t is a payday or within SpanDays-1 days after one.
func isPayday(t time.Time, pd PaydayConfig) bool {
	for k := range pd.SpanDays {
		d := t.AddDate(0, 0, -k)
		last := daysIn(d.Month(), d.Year())
		for _, p := range pd.Days {
			if d.Day() == p || (p == -1 && d.Day() == last) || (p > last && d.Day() == last) {
				return true
			}
		}
	}
	return false
}

// day returns the calendar index of a local minute since the epoch.
func (c *calendar) day(localMin int64) int {
	i := int(floorDiv(localMin, 1440) - c.firstDay)
	return max(0, min(i, c.n-1))
}

func floorDiv(a, n int64) int64 {
	q := a / n
	if a%n != 0 && (a < 0) != (n < 0) {
		q--
	}
	return q
}

// isWeekend reports whether a local minute since the epoch falls on a
// Saturday or Sunday (1970-01-01 was a Thursday).
func isWeekend(localMin int64) bool {
	d := mod(floorDiv(localMin, 1440)+4, 7) // 0 = Sunday
	return d == 0 || d == 6
}
