package ir

import (
	"math"
	"slices"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/world"
	"github.com/paygen/paygen/schemac/load"
)

// seasonality checks world.seasonality: every key is required.
func (c *checker) seasonality(s *load.Seasonality) world.SeasonalityConfig {
	sec := section{c, "world.seasonality", s.Pos}
	var out world.SeasonalityConfig
	out.WeekendCategories = sec.factors("weekend_categories", s.WeekendCategories)
	out.HolidayVolume = sec.optFloat("holidays", s.Holidays, 0.01, 10)
	if p := s.Paydays; p == nil {
		sec.missing("paydays")
	} else {
		ps := section{c, "world.seasonality.paydays", p.Pos}
		if !p.Days.Set {
			ps.missing("days")
		}
		for _, d := range p.Days.Items {
			if d.V != -1 && (d.V < 1 || d.V > 31) {
				c.errorf(d.Pos, "%s: day %d must be in 1..31, or -1 for the last day of the month", ps.name, d.V)
			}
			out.Paydays.Days = append(out.Paydays.Days, d.V)
		}
		out.Paydays.Volume = ps.float("volume", p.Volume, math.SmallestNonzeroFloat64, 10)
		out.Paydays.SpanDays = ps.intMin("span_days", p.SpanDays, 1)
	}
	if s.Spikes == nil {
		sec.missing("spikes")
	}
	seen := map[string]bool{}
	for i := range s.Spikes {
		sp := &s.Spikes[i]
		ss := section{c, "world.seasonality.spikes", sp.Pos}
		if !sp.Name.Set {
			ss.missing("name")
		} else {
			ss.name += " " + `"` + sp.Name.V + `"`
			if seen[sp.Name.V] {
				c.errorf(sp.Name.Pos, "world.seasonality.spikes: duplicate spike %q", sp.Name.V)
			}
			seen[sp.Name.V] = true
		}
		if !sp.From.Set {
			ss.missing("from")
		} else if _, err := world.ParseDayRule(sp.From.V); err != nil {
			c.errorf(sp.From.Pos, "%s: from %v", ss.name, err)
		}
		out.Spikes = append(out.Spikes, world.Spike{
			Name:      sp.Name.V,
			From:      sp.From.V,
			Days:      ss.intMin("days", sp.Days, 1),
			Volume:    ss.float("volume", sp.Volume, math.SmallestNonzeroFloat64, 10),
			Fraud:     ss.float("fraud", sp.Fraud, math.SmallestNonzeroFloat64, 10),
			Online:    ss.optFloat("online", sp.Online, 0, 1),
			Countries: c.countryList(ss, sp.Countries),
		})
	}
	return out
}

// categories are the merchant categories of the MCC reference data.
func categories() []string {
	var out []string
	for _, m := range refdata.MCCs() {
		if !slices.Contains(out, m.Category) {
			out = append(out, m.Category)
		}
	}
	slices.Sort(out)
	return out
}

// factors checks a mapping of merchant category to a positive factor.
func (s section) factors(key string, w load.Weights) []world.Weighted {
	if !w.Set {
		s.missing(key)
		return nil
	}
	known := categories()
	var out []world.Weighted
	for _, it := range w.Items {
		if !slices.Contains(known, it.Name) {
			s.c.errorf(it.NamePos, "%s: %s: unknown merchant category %q", s.name, key, it.Name)
		}
		if !it.Value.Set || !s.c.finite(s.name+": "+key+": "+it.Name, it.Value) {
			continue
		}
		if it.Value.V <= 0 || it.Value.V > 10 {
			s.c.errorf(it.Value.Pos, "%s: %s: factor of %q is %s, must be in (0,10]", s.name, key, it.Name, fmtNum(it.Value.V))
		}
		out = append(out, world.Weighted{Name: it.Name, Weight: it.Value.V})
	}
	return out
}

// floatRange checks a [min, max] pair with lo <= min <= max <= hi.
func (s section) floatRange(key string, r load.FloatRange, lo, hi float64) world.Range {
	if !r.Set {
		s.missing(key)
		return world.Range{}
	}
	if s.c.finite(s.name+": "+key, r.Min) && s.c.finite(s.name+": "+key, r.Max) &&
		(r.Min.V < lo || r.Max.V < r.Min.V || r.Max.V > hi) {
		s.c.errorf(r.Pos, "%s: %s [%s, %s] needs %s <= min <= max <= %s", s.name, key,
			fmtNum(r.Min.V), fmtNum(r.Max.V), fmtNum(lo), fmtNum(hi))
	}
	return world.Range{Min: r.Min.V, Max: r.Max.V}
}

// episode checks the keys every scenario has.
func (s section) episode(share load.Float, rows load.IntRange, minutes load.Float) world.Episode {
	var e world.Episode
	e.Share = s.float("share", share, math.SmallestNonzeroFloat64, 1)
	e.Rows.Min, e.Rows.Max = s.intRangeMax("rows", rows, world.MaxEpisodeRows)
	e.Minutes = s.float("minutes", minutes, math.SmallestNonzeroFloat64, 1440)
	return e
}

// scenarios checks fraud.scenarios: at least one scenario, shares summing to 1.
func (c *checker) scenarios(fc *world.FraudConfig, s *load.Scenarios) {
	name := func(n string) string { return "fraud.scenarios." + n }
	n := 0
	if x := s.CardTesting; x != nil {
		sec := section{c, name("card_testing"), x.Pos}
		fc.CardTesting = world.CardTestingConfig{
			Episode:        sec.episode(x.Share, x.Rows, x.Minutes),
			SmallUSD:       sec.floatRange("small_usd", x.SmallUSD, 0.01, 1e6),
			Declined:       sec.share("declined", x.Declined),
			PurchaseFactor: sec.floatRange("purchase_factor", x.PurchaseFactor, 0.01, 1000),
			ThreeDS:        sec.share("three_ds", x.ThreeDS),
		}
		fc.CardTesting.Merchants.Min, fc.CardTesting.Merchants.Max = sec.intRangeMax("merchants", x.Merchants, 4)
		n++
	}
	if x := s.AccountTakeover; x != nil {
		sec := section{c, name("account_takeover"), x.Pos}
		fc.AccountTakeover = world.AccountTakeoverConfig{
			Episode:      sec.episode(x.Share, x.Rows, x.Minutes),
			NightShare:   sec.share("night_share", x.NightShare),
			ForeignShare: sec.share("foreign_share", x.ForeignShare),
			AmountFactor: sec.floatRange("amount_factor", x.AmountFactor, 0.01, 1000),
			NewDevice:    sec.share("new_device", x.NewDevice),
			ThreeDS:      sec.share("three_ds", x.ThreeDS),
			Declined:     sec.share("declined", x.Declined),
		}
		n++
	}
	if x := s.StolenCard; x != nil {
		sec := section{c, name("stolen_card"), x.Pos}
		fc.StolenCard = world.StolenCardConfig{
			Episode:       sec.episode(x.Share, x.Rows, x.Minutes),
			Categories:    sec.categoryList("categories", x.Categories),
			HighRiskShare: sec.share("high_risk_share", x.HighRiskShare),
			ForeignShare:  sec.share("foreign_share", x.ForeignShare),
			AmountFactor:  sec.floatRange("amount_factor", x.AmountFactor, 0.01, 1000),
			Declined:      sec.share("declined", x.Declined),
		}
		n++
	}
	if x := s.CompromisedMerchant; x != nil {
		sec := section{c, name("compromised_merchant"), x.Pos}
		fc.CompromisedMerchant = world.CompromisedMerchantConfig{
			Episode:           sec.episode(x.Share, x.Rows, x.Minutes),
			Merchants:         sec.intMin("merchants", x.Merchants, 1),
			VictimsPerMillion: sec.intMin("victims_per_million", x.VictimsPerMillion, 1),
			DelayDays:         sec.floatRange("delay_days", x.DelayDays, 0.5, 365),
			AmountFactor:      sec.floatRange("amount_factor", x.AmountFactor, 0.01, 1000),
			NewDevice:         sec.share("new_device", x.NewDevice),
			ThreeDS:           sec.share("three_ds", x.ThreeDS),
			Declined:          sec.share("declined", x.Declined),
		}
		if x.VictimsPerMillion.Set && x.VictimsPerMillion.V > 10000 {
			c.errorf(x.VictimsPerMillion.Pos, "%s: victims_per_million %d must be at most 10000", sec.name, x.VictimsPerMillion.V)
		}
		if x.Merchants.Set && x.Merchants.V > 255 {
			c.errorf(x.Merchants.Pos, "%s: merchants %d must be at most 255", sec.name, x.Merchants.V)
		}
		fc.CompromisedMerchant.Days.Min, fc.CompromisedMerchant.Days.Max = sec.intRange("days", x.Days)
		n++
	}
	if x := s.DeviceFarm; x != nil {
		sec := section{c, name("device_farm"), x.Pos}
		fc.DeviceFarm = world.DeviceFarmConfig{
			Episode:      sec.episode(x.Share, x.Rows, x.Minutes),
			AmountFactor: sec.floatRange("amount_factor", x.AmountFactor, 0.01, 1000),
			ThreeDS:      sec.share("three_ds", x.ThreeDS),
			Declined:     sec.share("declined", x.Declined),
		}
		fc.DeviceFarm.Merchants.Min, fc.DeviceFarm.Merchants.Max = sec.intRangeMax("merchants", x.Merchants, 4)
		n++
	}
	if x := s.LostStolen; x != nil {
		sec := section{c, name("lost_stolen"), x.Pos}
		fc.LostStolen = world.LostStolenConfig{
			Episode:        sec.episode(x.Share, x.Rows, x.Minutes),
			ContactlessUSD: sec.float("contactless_usd", x.ContactlessUSD, 1, 10000),
			Declined:       sec.share("declined", x.Declined),
		}
		n++
	}
	if x := s.Counterfeit; x != nil {
		sec := section{c, name("counterfeit"), x.Pos}
		fc.Counterfeit = world.CounterfeitConfig{
			Episode:      sec.episode(x.Share, x.Rows, x.Minutes),
			ForeignShare: sec.share("foreign_share", x.ForeignShare),
			AmountFactor: sec.floatRange("amount_factor", x.AmountFactor, 0.01, 1000),
			Declined:     sec.share("declined", x.Declined),
		}
		n++
	}
	if n == 0 {
		c.errorf(s.Pos, "fraud.scenarios needs at least one scenario (%s)", joinNames())
		return
	}
	sum := fc.CardTesting.Share + fc.AccountTakeover.Share + fc.StolenCard.Share +
		fc.CompromisedMerchant.Share + fc.DeviceFarm.Share + fc.LostStolen.Share + fc.Counterfeit.Share
	if math.Abs(sum-1) > weightSumTolerance && !math.IsNaN(sum) {
		c.errorf(s.Pos, "fraud.scenarios: shares sum to %s, must sum to 1", fmtNum(math.Round(sum*1e9)/1e9))
	}
}

func joinNames() string {
	out := ""
	for i, n := range world.ScenarioNames {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}

// categoryList checks a non-empty list of known merchant categories.
func (s section) categoryList(key string, seq load.StrSeq) []string {
	if !seq.Set {
		s.missing(key)
		return nil
	}
	if len(seq.Items) == 0 {
		s.c.errorf(seq.Pos, "%s: %s needs at least one category", s.name, key)
	}
	known := categories()
	var out []string
	for _, it := range seq.Items {
		if !slices.Contains(known, it.V) {
			s.c.errorf(it.Pos, "%s: %s: unknown merchant category %q", s.name, key, it.V)
		}
		out = append(out, it.V)
	}
	return out
}
