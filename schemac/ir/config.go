package ir

import (
	"math"

	"github.com/paygen/paygen/runtime/world"
	"github.com/paygen/paygen/schemac/load"
)

// config builds world.Config from the world, entities, payment and fraud
// sections. Each section is optional; within a present section every key is
// required.
func (c *checker) config(f *load.File) world.Config {
	var cfg world.Config
	if w := f.World; w != nil {
		sec := section{c, "world", w.Pos}
		cfg.WindowDays = sec.intMin("window_days", w.WindowDays, 1)
		cfg.BlockRows = sec.intMin("block_rows", w.BlockRows, 1)
		cfg.DailyPeakHour = sec.float("daily_peak_hour", w.DailyPeakHour, 0, 24)
		cfg.DailyPeakSigma = sec.float("daily_peak_sigma", w.DailyPeakSigma, math.SmallestNonzeroFloat64, 24)
		cfg.DailyFloor = sec.share("daily_floor", w.DailyFloor)
		cfg.WeekendFactor = sec.float("weekend_factor", w.WeekendFactor, 0, math.MaxFloat64)
		if w.Seasonality != nil {
			cfg.Seasonality = c.seasonality(w.Seasonality)
		}
	}
	if e := f.Entities; e != nil {
		if cu := e.Customer; cu != nil {
			sec := section{c, "entities.customer", cu.Pos}
			cfg.Customer.RowsPerEntity = sec.intMin("rows_per_entity", cu.RowsPerEntity, 1)
			cfg.Customer.Zipf = sec.float("zipf", cu.Zipf, 0, math.MaxFloat64)
			cfg.Customer.CardsMin, cfg.Customer.CardsMax = sec.intRange("cards", cu.Cards)
			cfg.Customer.DevicesMin, cfg.Customer.DevicesMax = sec.intRange("devices", cu.Devices)
			cfg.Customer.DomesticShare = sec.share("domestic_share", cu.DomesticShare)
			cfg.Customer.SpendSigma = sec.float("spend_sigma", cu.SpendSigma, 0, math.MaxFloat64)
		}
		if ca := e.Card; ca != nil {
			sec := section{c, "entities.card", ca.Pos}
			cfg.Card.Brands = sec.weights("brands", ca.Brands)
			cfg.Card.Types = sec.weights("types", ca.Types)
		}
		if m := e.Merchant; m != nil {
			sec := section{c, "entities.merchant", m.Pos}
			cfg.Merchant.RowsPerEntity = sec.intMin("rows_per_entity", m.RowsPerEntity, 1)
			cfg.Merchant.Zipf = sec.float("zipf", m.Zipf, 0, math.MaxFloat64)
			cfg.Merchant.JitterDegrees = sec.float("jitter_degrees", m.JitterDegrees, 0, 90)
			if l := m.Locations; l.Set {
				if l.V != "centroid" && l.V != "cities" {
					c.errorf(l.Pos, "%s: locations %q must be centroid or cities", sec.name, l.V)
				}
				cfg.Merchant.Locations = l.V
			}
		}
		if d := e.Device; d != nil {
			sec := section{c, "entities.device", d.Pos}
			cfg.Device.Types = sec.weights("types", d.Types)
		}
	}
	if p := f.Payment; p != nil {
		sec := section{c, "payment", p.Pos}
		cfg.Payment.CardPresentModes = sec.weights("card_present_modes", p.CardPresentModes)
		cfg.Payment.ThreeDSShare = sec.share("three_ds_share", p.ThreeDSShare)
		cfg.Payment.AuthStatus = sec.weights("auth_status", p.AuthStatus)
	}
	if w := f.World; w != nil && w.Regions != nil {
		cfg.Regions = c.regions(w.Regions, &cfg)
	}
	if fr := f.Fraud; fr != nil {
		sec := section{c, "fraud", fr.Pos}
		cfg.Fraud.Rate = sec.share("rate", fr.Rate)
		cfg.Fraud.Difficulty = sec.share("difficulty", fr.Difficulty)
		if fr.Scenarios == nil {
			sec.missing("scenarios")
		} else {
			c.scenarios(&cfg.Fraud, fr.Scenarios)
		}
	}
	return cfg
}

// section checks the keys of one configuration section.
type section struct {
	c    *checker
	name string
	pos  load.Pos
}

func (s section) missing(key string) {
	s.c.errorf(s.pos, "%s: %s is required", s.name, key)
}

func (s section) intMin(key string, v load.Int, lo int) int {
	if !v.Set {
		s.missing(key)
		return 0
	}
	if v.V < lo {
		s.c.errorf(v.Pos, "%s: %s %d must be at least %d", s.name, key, v.V, lo)
	}
	return v.V
}

func (s section) float(key string, v load.Float, lo, hi float64) float64 {
	if !v.Set {
		s.missing(key)
		return 0
	}
	if s.c.finite(s.name+": "+key, v) && (v.V < lo || v.V > hi) {
		switch {
		case hi == math.MaxFloat64 && lo == 0:
			s.c.errorf(v.Pos, "%s: %s %s must not be negative", s.name, key, fmtNum(v.V))
		case hi == math.MaxFloat64:
			s.c.errorf(v.Pos, "%s: %s %s must be at least %s", s.name, key, fmtNum(v.V), fmtNum(lo))
		case lo == math.SmallestNonzeroFloat64:
			s.c.errorf(v.Pos, "%s: %s %s is outside (0,%s]", s.name, key, fmtNum(v.V), fmtNum(hi))
		default:
			s.c.errorf(v.Pos, "%s: %s %s is outside [%s,%s]", s.name, key, fmtNum(v.V), fmtNum(lo), fmtNum(hi))
		}
	}
	return v.V
}

func (s section) share(key string, v load.Float) float64 {
	if !v.Set {
		s.missing(key)
		return 0
	}
	s.c.unit(s.name+": "+key, v)
	return v.V
}

func (s section) intRange(key string, r load.IntRange) (int, int) {
	return s.intRangeMax(key, r, math.MaxInt)
}

// intRangeMax checks an integer range with 1 <= min <= max <= hi.
func (s section) intRangeMax(key string, r load.IntRange, hi int) (int, int) {
	if !r.Set {
		s.missing(key)
		return 0, 0
	}
	switch {
	case r.Min.V < 1 || r.Min.V > r.Max.V:
		s.c.errorf(r.Pos, "%s: %s [%d, %d] needs 1 <= min <= max", s.name, key, r.Min.V, r.Max.V)
	case r.Max.V > hi:
		s.c.errorf(r.Pos, "%s: %s [%d, %d]: max must be at most %d", s.name, key, r.Min.V, r.Max.V, hi)
	}
	return r.Min.V, r.Max.V
}

// weightSumTolerance is how far from 1 the weights of a mix may sum.
const weightSumTolerance = 1e-6

// weights checks a mix: at least one outcome, every weight in (0,1], and a
// sum of 1.
func (s section) weights(key string, w load.Weights) []world.Weighted {
	if !w.Set {
		s.missing(key)
		return nil
	}
	if len(w.Items) == 0 {
		s.c.errorf(w.Pos, "%s: %s needs at least one outcome", s.name, key)
		return nil
	}
	out := make([]world.Weighted, 0, len(w.Items))
	sum, good := 0.0, true
	for _, it := range w.Items {
		if !it.Value.Set {
			good = false
			continue
		}
		if !s.c.finite(s.name+": "+key+": "+it.Name, it.Value) {
			good = false
			continue
		}
		if it.Value.V <= 0 || it.Value.V > 1 {
			s.c.errorf(it.Value.Pos, "%s: %s: weight of %q is %s, must be in (0,1]", s.name, key, it.Name, fmtNum(it.Value.V))
			good = false
		}
		sum += it.Value.V
		out = append(out, world.Weighted{Name: it.Name, Weight: it.Value.V})
	}
	if good && math.Abs(sum-1) > weightSumTolerance {
		s.c.errorf(w.Pos, "%s: %s weights sum to %s, must sum to 1", s.name, key, fmtNum(math.Round(sum*1e9)/1e9))
	}
	return out
}
