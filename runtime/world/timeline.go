package world

import (
	"math"

	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/rng"
)

// timeline is the cumulative event intensity over the window, in minute
// buckets, and the per-hour distribution of the paying customer's country.
//
// The intensity of minute m is the sum over countries of
// volume_c * daily(local minute of day) * weekly(local weekday): each
// country's local evening peak moves the global curve as the day goes round.
type timeline struct {
	startMicros int64
	minutes     int
	rate        []float64  // intensity of each minute
	cum         []float64  // cum[m] = sum of rate[0..m]
	byHour      []dist.Cum // country index given the hour of the window
}

func newTimeline(cfg *Config, startUnix int64, countries []activeCountry) *timeline {
	minutes := cfg.WindowDays * 1440
	daily := dailyCurve(cfg)
	tl := &timeline{
		startMicros: startUnix * 1e6,
		minutes:     minutes,
		rate:        make([]float64, minutes),
		cum:         make([]float64, minutes),
	}
	startMin := startUnix / 60
	hours := minutes / 60
	tl.byHour = make([]dist.Cum, hours)
	weights := make([]float64, len(countries))
	for h := 0; h < hours; h++ {
		for k := range weights {
			weights[k] = 0
		}
		for mm := 0; mm < 60; mm++ {
			m := h*60 + mm
			abs := startMin + int64(m)
			total := 0.0
			for k, c := range countries {
				local := abs + int64(c.offsetMin)
				w := c.volume * daily[mod(local, 1440)] * weekly(cfg, local)
				weights[k] += w
				total += w
			}
			tl.rate[m] = total
		}
		tl.byHour[h] = dist.NewCum(weights)
	}
	s := 0.0
	for m, r := range tl.rate {
		s += r
		tl.cum[m] = s
	}
	return tl
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

// weekly returns the weekend factor for a local minute since the epoch
// (1970-01-01 was a Thursday).
func weekly(cfg *Config, localMin int64) float64 {
	day := mod(localMin/1440+4, 7) // 0 = Sunday
	if day == 0 || day == 6 {
		return cfg.WeekendFactor
	}
	return 1
}

func mod(a, n int64) int64 {
	r := a % n
	if r < 0 {
		r += n
	}
	return r
}

// fill writes n time-ordered event times (µs) for the quantile slice
// [lo, hi) of the window's total intensity, using the block's stream.
// Sorted uniforms come from normalised exponential spacings, so no sort is
// needed; spac is scratch space of at least len(dst).
func (tl *timeline) fill(dst []int64, spac []float64, lo, hi float64, key uint64) {
	n := len(dst)
	r := rng.New(key)
	total := tl.cum[len(tl.cum)-1]
	s := 0.0
	spac = spac[:n]
	for i := range spac {
		s += r.Exp()
		spac[i] = s
	}
	s += r.Exp()
	scale := (hi - lo) * total / s
	base := lo * total
	m := 0
	for i := range dst {
		target := base + spac[i]*scale
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

// country picks the paying customer's country for an event time.
func (tl *timeline) country(micros int64, u float64) int {
	h := int((micros - tl.startMicros) / 3600e6)
	if h >= len(tl.byHour) {
		h = len(tl.byHour) - 1
	}
	return tl.byHour[h].Pick(u)
}
