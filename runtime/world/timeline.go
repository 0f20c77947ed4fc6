package world

import (
	"math"
	"sync"

	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/rng"
)

// timeline is the cumulative event intensity over the window, in minute
// buckets, the per-hour distribution of the paying customer's country, and
// the cumulative fraud intensities that set each block's fraud quota.
//
// The intensity of minute m is the sum over countries of
// volume_c * daily(local minute of day) * calendar volume(local day): each
// country's local evening peak moves the global curve as the day goes round,
// and weekends, paydays and spikes follow each country's local date. The
// fraud-pressure intensity multiplies each term by the calendar's fraud
// factor of that local day.
type timeline struct {
	startMicros int64
	minutes     int
	rate        []float64     // intensity of each minute
	cum         []float64     // cum[m] = sum of rate[0..m]
	pressure    []float64     // cumulative fraud-pressure intensity
	byHour      dist.AliasSet // table h: active country given hour h of the window
	zoneByHour  dist.AliasSet // table h*countries+k: zone (offset from country k's first) at hour h; empty for one zone
	countries   int
	zone1       []int // first zone (world.zones) of each active country
	cal         *calendar
}

func newTimeline(cfg *Config, startUnix int64, countries []activeCountry, zones []zone, cal *calendar) *timeline {
	minutes := cfg.WindowDays * 1440
	daily := dailyCurve(cfg)
	tl := &timeline{
		startMicros: startUnix * 1e6,
		minutes:     minutes,
		rate:        make([]float64, minutes),
		cum:         make([]float64, minutes),
		pressure:    make([]float64, minutes),
		cal:         cal,
	}
	for i, z := range zones {
		if i == 0 || zones[i-1].country != z.country {
			tl.zone1 = append(tl.zone1, i)
		}
	}
	nc := len(countries)
	startMin := startUnix / 60
	hours := minutes / 60
	// Every zone adds to every minute in zone order (so the result is the
	// same as summing minute by minute), following each zone's local clock
	// (its offset hour by hour: daylight saving) and calendar day; the two
	// halves of the window concurrently.
	nz := len(zones)
	byHour := make([]float64, hours*nz) // [hour][zone]
	countryAt := make([]*dist.Alias, hours)
	zoneAt := make([]*dist.Alias, hours*nc)
	fill := func(h0, h1 int) {
		// hour by hour, then zone by zone: an hour's minutes stay in the
		// core's cache while every zone adds to them, in the same order
		for h := h0; h < h1; h++ {
			for z := range zones {
				zn := &zones[z]
				k := zn.country
				vz := countries[k].volume * zn.share
				off := int64(zn.off[h+zoneMargin])
				local := startMin + off + int64(h*60)
				lm := int(mod(local, 1440))
				d := cal.day(local)
				vol, fraud := cal.volume[k*cal.n+d], cal.fraud[k*cal.n+d]
				sum := 0.0
				rate, press := tl.rate[h*60:h*60+60], tl.pressure[h*60:h*60+60]
				for i := 0; i < 60; {
					n := min(60-i, 1440-lm) // minutes to local midnight
					r, p := rate[i:i+n], press[i:i+n]
					for j, dv := range daily[lm : lm+n] {
						w := vz * dv * vol
						sum += w
						r[j] += w
						p[j] += w * fraud
					}
					if i, lm = i+n, lm+n; lm == 1440 {
						lm = 0
						d = cal.day(startMin + off + int64(h*60+i))
						vol, fraud = cal.volume[k*cal.n+d], cal.fraud[k*cal.n+d]
					}
				}
				byHour[h*nz+z] = sum
			}
		}
		// a country by the sum of its zones, then a zone within it: two
		// small tables instead of one over every zone
		cw := make([]float64, nc)
		for h := h0; h < h1; h++ {
			row := byHour[h*nz : (h+1)*nz]
			clear(cw)
			for z, v := range row {
				cw[zones[z].country] += v
			}
			countryAt[h] = dist.NewAlias(cw)
			for k := range nc {
				first, end := tl.zone1[k], nz
				if k+1 < nc {
					end = tl.zone1[k+1]
				}
				if end-first > 1 {
					zoneAt[h*nc+k] = dist.NewAlias(row[first:end])
				}
			}
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { fill(0, hours/2) })
	fill(hours/2, hours)
	wg.Wait()
	for _, a := range countryAt {
		tl.byHour.Add(a)
	}
	for _, a := range zoneAt {
		tl.zoneByHour.Add(a)
	}
	tl.countries = nc
	s := 0.0
	for m, r := range tl.rate {
		s += r
		tl.cum[m] = s
	}
	accumulate(tl.pressure)
	return tl
}

// accumulate turns per-minute intensities into cumulative sums, in place.
func accumulate(x []float64) {
	s := 0.0
	for i, v := range x {
		s += v
		x[i] = s
	}
}

// minuteOf returns the minute bucket holding the quantile q of the volume
// intensity and the fraction of that minute's intensity below it.
func (tl *timeline) minuteOf(q float64) (int, float64) {
	target := q * tl.cum[tl.minutes-1]
	lo, hi := 0, tl.minutes-1
	for lo < hi { // first m with cum[m] > target
		m := (lo + hi) >> 1
		if tl.cum[m] > target {
			hi = m
		} else {
			lo = m + 1
		}
	}
	prev := 0.0
	if lo > 0 {
		prev = tl.cum[lo-1]
	}
	frac := (target - prev) / tl.rate[lo]
	return lo, max(0, min(frac, 1))
}

// atShare inverts share: the volume quantile where the cumulative curve c
// reaches the share y of its mass.
func (tl *timeline) atShare(c []float64, y float64) float64 {
	last := tl.minutes - 1
	target := max(0, min(y, 1)) * c[last]
	lo, hi := 0, last
	for lo < hi { // first m with c[m] > target
		m := (lo + hi) >> 1
		if c[m] > target {
			hi = m
		} else {
			lo = m + 1
		}
	}
	prevC, prev := 0.0, 0.0
	if lo > 0 {
		prevC, prev = c[lo-1], tl.cum[lo-1]
	}
	frac := 0.0
	if d := c[lo] - prevC; d > 0 {
		frac = max(0, min((target-prevC)/d, 1))
	}
	return (prev + frac*tl.rate[lo]) / tl.cum[last]
}

// timeAt returns the time (µs) at the volume quantile q.
func (tl *timeline) timeAt(q float64) int64 {
	m, frac := tl.minuteOf(q)
	return tl.startMicros + int64(m)*60e6 + int64(frac*60e6)
}

// quantile returns the share of the volume intensity before time micros.
func (tl *timeline) quantile(micros int64) float64 {
	off := float64(micros-tl.startMicros) / 60e6
	if off <= 0 {
		return 0
	}
	m := int(off)
	if m >= tl.minutes {
		return 1
	}
	prev := 0.0
	if m > 0 {
		prev = tl.cum[m-1]
	}
	return (prev + (off-float64(m))*tl.rate[m]) / tl.cum[tl.minutes-1]
}

// dailyCurve is the relative activity of each local minute of the day: a flat
// floor plus a normal component centred on the peak hour (wrapped round 24 h).
func dailyCurve(cfg *Config) []float64 {
	d := make([]float64, 1440)
	for m := range d {
		h := float64(m) / 60
		dist := math.Abs(h - cfg.DailyPeakHour)
		if dist > 12 {
			dist = 24 - dist
		}
		z := dist / cfg.DailyPeakSigma
		d[m] = cfg.DailyFloor + (1-cfg.DailyFloor)*math.Exp(-0.5*z*z)
	}
	return d
}

func mod(a, n int64) int64 {
	r := a % n
	if r < 0 {
		r += n
	}
	return r
}

// fill writes n time-ordered event times (µs) for the quantile slice
// [lo, hi) of the window's total intensity, using the block's stream. The
// slice is cut into n equal strata and row i takes a uniform draw in
// stratum i (jittered stratified sampling): rows come out time-ordered with
// no sort, and global row p always lies at the volume quantile
// [p/R, (p+1)/R), so the fraud plan can map a time to the row that holds it
// (plan.go).
func (tl *timeline) fill(dst []int64, lo, hi float64, key uint64) {
	n := len(dst)
	r := rng.New(key)
	total := tl.cum[len(tl.cum)-1]
	step := (hi - lo) * total / float64(n)
	base := lo * total
	m, _ := tl.minuteOf(lo)
	for i := range dst {
		target := base + (float64(i)+r.Float64())*step
		for m < tl.minutes-1 && tl.cum[m] <= target {
			m++
		}
		prev := 0.0
		if m > 0 {
			prev = tl.cum[m-1]
		}
		frac := (target - prev) / tl.rate[m]
		if frac < 0 {
			frac = 0
		} else if frac >= 1 {
			frac = 0.999999
		}
		dst[i] = tl.startMicros + int64(m)*60e6 + int64(frac*60e6)
	}
}

// zone picks the paying customer's time zone (an index into world.zones)
// for an event time with 64 random bits.
func (tl *timeline) zone(micros int64, x uint64) int {
	h := int((micros - tl.startMicros) / 3600e6)
	if n := tl.byHour.Tables(); h >= n {
		h = n - 1
	}
	k := tl.byHour.Pick(h, x)
	if i := h*tl.countries + k; tl.zoneByHour.Len(i) > 0 {
		return tl.zone1[k] + tl.zoneByHour.Pick(i, rng.Mix(x))
	}
	return tl.zone1[k]
}

// country picks the paying customer's country for an event time with 64
// random bits.
func (tl *timeline) country(micros int64, x uint64) int {
	h := int((micros - tl.startMicros) / 3600e6)
	if n := tl.byHour.Tables(); h >= n {
		h = n - 1
	}
	return tl.byHour.Pick(h, x)
}
