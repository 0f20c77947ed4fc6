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
	nz := len(zones)
	// a country by the sum of its zones, then a zone within it: two small
	// tables per hour instead of one over every zone
	csize, zsize := make([]int, hours), make([]int, hours*nc)
	for h := range hours {
		csize[h] = nc
		for k := range nc {
			if n := tl.zonesOf(k, nz); n > 1 {
				zsize[h*nc+k] = n
			}
		}
	}
	tl.byHour, tl.zoneByHour = dist.NewAliasSet(csize), dist.NewAliasSet(zsize)
	// Zones at the same UTC offset share their local clock: the same minute
	// of the local day and the same local date (which may change within the
	// hour, at local midnight). Each hour, each zone adds its volume to its
	// offset's one or two stretches of the hour, and each offset then adds
	// the daily curve times that volume to every minute: the work is minutes
	// by offsets, not minutes by zones. Daylight saving moves a zone from
	// one offset to another hour by hour. The two halves of the window are
	// built concurrently.
	fill := func(h0, h1 int) {
		type stretch struct {
			off    int64
			lm, n  int     // local minute of day at the hour's start; minutes to local midnight (60: none)
			d0, d1 int     // local day before and after local midnight
			v0, v1 float64 // volume before and after local midnight
			f0, f1 float64 // fraud pressure before and after
			s0, s1 float64 // sums of the daily curve over both parts
		}
		var offs []stretch
		cw, row := make([]float64, nc), make([]float64, nz) // an hour's volume by country, by zone
		var scratch dist.AliasScratch
		for h := h0; h < h1; h++ {
			offs = offs[:0]
			for z := range zones {
				zn := &zones[z]
				off := int64(zn.off[h+zoneMargin])
				o := 0
				for o < len(offs) && offs[o].off != off {
					o++
				}
				if o == len(offs) {
					local := startMin + off + int64(h*60)
					lm := int(mod(local, 1440))
					n := min(60, 1440-lm)
					st := stretch{off: off, lm: lm, n: n, d0: cal.day(local)}
					for _, dv := range daily[lm : lm+n] {
						st.s0 += dv
					}
					if n < 60 {
						st.d1 = cal.day(local + int64(n))
						for _, dv := range daily[:60-n] {
							st.s1 += dv
						}
					}
					offs = append(offs, st)
				}
				st := &offs[o]
				k := zn.country
				vz := countries[k].volume * zn.share
				v0 := vz * cal.volume[k*cal.n+st.d0]
				st.v0 += v0
				st.f0 += v0 * cal.fraud[k*cal.n+st.d0]
				sum := v0 * st.s0
				if st.n < 60 {
					v1 := vz * cal.volume[k*cal.n+st.d1]
					st.v1 += v1
					st.f1 += v1 * cal.fraud[k*cal.n+st.d1]
					sum += v1 * st.s1
				}
				row[z] = sum
			}
			rate, press := tl.rate[h*60:h*60+60], tl.pressure[h*60:h*60+60]
			for i := range offs {
				st := &offs[i]
				r, p := rate[:st.n], press[:st.n]
				for j, dv := range daily[st.lm : st.lm+st.n] {
					r[j] += st.v0 * dv
					p[j] += st.f0 * dv
				}
				if st.n < 60 {
					r, p := rate[st.n:], press[st.n:]
					for j, dv := range daily[:60-st.n] {
						r[j] += st.v1 * dv
						p[j] += st.f1 * dv
					}
				}
			}
			clear(cw)
			for z, v := range row {
				cw[zones[z].country] += v
			}
			tl.byHour.Fill(h, cw, &scratch)
			for k := range nc {
				if i := h*nc + k; tl.zoneByHour.Len(i) > 0 {
					first := tl.zone1[k]
					tl.zoneByHour.Fill(i, row[first:first+tl.zoneByHour.Len(i)], &scratch)
				}
			}
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { fill(0, hours/2) })
	fill(hours/2, hours)
	wg.Wait()
	tl.countries = nc
	s := 0.0
	for m, r := range tl.rate {
		s += r
		tl.cum[m] = s
	}
	accumulate(tl.pressure)
	return tl
}

// zonesOf is the number of zones of active country k (nz zones in all).
func (tl *timeline) zonesOf(k, nz int) int {
	if k+1 < len(tl.zone1) {
		return tl.zone1[k+1] - tl.zone1[k]
	}
	return nz - tl.zone1[k]
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
