package ir

import (
	"strconv"
	"strings"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/world"
	"github.com/paygen/paygen/schemac/load"
)

// regions checks world.regions against the global mixes in cfg: a unique
// name, known countries each in at most one region, weights over the global
// outcomes only, and a contactless limit written "AMOUNT CURRENCY".
func (c *checker) regions(rs []load.Region, cfg *world.Config) []world.RegionConfig {
	out := make([]world.RegionConfig, 0, len(rs))
	names := map[string]bool{}
	owner := map[string]string{}
	for i := range rs {
		r := &rs[i]
		sec := section{c, "world.regions", r.Pos}
		var rc world.RegionConfig
		if !r.Name.Set {
			sec.missing("name")
		} else {
			rc.Name = r.Name.V
			sec.name += ` "` + r.Name.V + `"`
			if names[r.Name.V] {
				c.errorf(r.Name.Pos, "world.regions: duplicate region %q", r.Name.V)
			}
			names[r.Name.V] = true
		}
		if !r.Countries.Set || len(r.Countries.Items) == 0 {
			sec.missing("countries")
		}
		for _, cc := range r.Countries.Items {
			if _, ok := refdata.CountryByCode(cc.V); !ok {
				c.errorf(cc.Pos, "%s: countries: unknown ISO 3166-1 alpha-2 code %q", sec.name, cc.V)
				continue
			}
			if prev, ok := owner[cc.V]; ok {
				c.errorf(cc.Pos, "%s: country %s is already in region %q", sec.name, cc.V, prev)
				continue
			}
			owner[cc.V] = rc.Name
			rc.Countries = append(rc.Countries, cc.V)
		}
		if r.CardPresentModes.Set {
			rc.CardPresentModes = sec.subMix("card_present_modes", r.CardPresentModes, cfg.Payment.CardPresentModes)
		}
		if r.ThreeDSShare.Set {
			rc.ThreeDSShare, rc.HasThreeDS = sec.share("three_ds_share", r.ThreeDSShare), true
		}
		if r.ContactlessLimit.Set {
			rc.ContactlessLimit, rc.LimitCurrency = sec.money("contactless_limit", r.ContactlessLimit)
		}
		rc.OnlineShift = sec.optFloat("online_shift", r.OnlineShift, 0, 1)
		if r.SundayFactor.Set {
			rc.SundayFactor, rc.HasSunday = sec.float("sunday_factor", r.SundayFactor, 0.01, 10), true
		}
		if r.Brands.Set {
			rc.Brands = sec.subMix("brands", r.Brands, cfg.Card.Brands)
		}
		if r.Types.Set {
			rc.Types = sec.subMix("types", r.Types, cfg.Card.Types)
		}
		out = append(out, rc)
	}
	return out
}

// countryList checks an optional list of ISO 3166-1 alpha-2 codes.
func (c *checker) countryList(sec section, seq load.StrSeq) []string {
	var out []string
	for _, cc := range seq.Items {
		if _, ok := refdata.CountryByCode(cc.V); !ok {
			c.errorf(cc.Pos, "%s: countries: unknown ISO 3166-1 alpha-2 code %q", sec.name, cc.V)
			continue
		}
		out = append(out, cc.V)
	}
	if seq.Set && len(seq.Items) == 0 {
		c.errorf(seq.Pos, "%s: countries is empty (leave it out for everywhere)", sec.name)
	}
	return out
}

// optFloat is an optional number in [lo, hi]; 0 when unset.
func (s section) optFloat(key string, v load.Float, lo, hi float64) float64 {
	if !v.Set {
		return 0
	}
	return s.float(key, v, lo, hi)
}

// subMix checks a regional mix whose outcomes must be among the global
// mix's (a region can drop an outcome, not invent one).
func (s section) subMix(key string, w load.Weights, global []world.Weighted) []world.Weighted {
	out := s.weights(key, w)
	for _, it := range w.Items {
		known := false
		for _, g := range global {
			known = known || g.Name == it.Name
		}
		if !known {
			s.c.errorf(it.NamePos, "%s: %s: %q is not an outcome of the global mix", s.name, key, it.Name)
		}
	}
	return out
}

// money parses "AMOUNT CURRENCY" (e.g. "100 GBP") with a positive amount
// and a known ISO 4217 code.
func (s section) money(key string, v load.Str) (float64, string) {
	f := strings.Fields(v.V)
	if len(f) != 2 {
		s.c.errorf(v.Pos, "%s: %s %q is not AMOUNT CURRENCY (e.g. 100 GBP)", s.name, key, v.V)
		return 0, ""
	}
	amt, err := strconv.ParseFloat(f[0], 64)
	if err != nil || !(amt > 0) || amt > 1e9 {
		s.c.errorf(v.Pos, "%s: %s amount %q must be a number in (0, 1e9]", s.name, key, f[0])
		return 0, ""
	}
	if _, ok := refdata.CurrencyByCode(f[1]); !ok {
		s.c.errorf(v.Pos, "%s: %s: unknown ISO 4217 currency %q", s.name, key, f[1])
		return 0, ""
	}
	return amt, f[1]
}
