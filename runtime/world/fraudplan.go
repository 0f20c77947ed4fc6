package world

import (
	"fmt"
	"math"

	"github.com/paygen/paygen/runtime/rng"
)

// The fraud plan is everything about fraud that is shared by all blocks:
// the enabled scenarios with their exact totals and intensity curves, the
// compromised-merchant events and the difficulty-derived rates.

// Scenario kinds, in the fixed order scenarios are enabled and indexed.
const (
	kindCardTesting = iota
	kindAccountTakeover
	kindStolenCard
	kindCompromisedMerchant
	kindDeviceFarm
	kindLostStolen
	kindCounterfeit
	numKinds
)

// ScenarioNames are the fraud_scenario values, in kind order.
var ScenarioNames = [numKinds]string{"card_testing", "account_takeover", "stolen_card", "compromised_merchant", "device_farm", "lost_stolen", "counterfeit"}

// MaxEpisodeRows bounds the rows of one episode.
const MaxEpisodeRows = 64

// scenario is one enabled scenario.
type scenario struct {
	kind    int
	name    string
	share   float64
	rows    IntRange
	minutes float64
	total   int64     // exact fraud rows of this scenario in the dataset
	key     uint64    // root of the scenario's episode cuts and attributes
	curve   []float64 // cumulative fraud intensity per minute (shared or own)
}

// compromise is one compromised-merchant event. Its victims are not stored:
// victim j is a hash of (event key, j), and the victims that pay at the
// merchant inside the window, j < inData, do so at stratified quantiles of
// the window's part of the compromise, so a block finds its visits by
// arithmetic and memory does not grow with the victims.
type compromise struct {
	merchant   uint32
	country    int
	start, end int64    // compromise window, µs (may begin before the data window)
	tail       [2]int64 // fraud on the victims' cards falls in [tail[0], tail[1]), µs
	density    float64  // aftermath weight per µs: 1 / the unclipped aftermath length
	key        uint64
	victims    int     // victims of the event
	inData     int     // victims 0..inData-1 pay at the merchant inside the data window
	qa, qb     float64 // volume quantiles of the compromise's part inside the data window
}

// victim returns victim j's customer and the slot of the card they pay
// with (cardAt gives the card at a time).
func (w *World) victim(c *compromise, j int) (uint32, int) {
	r := rng.New(rng.Key(c.key, uint64(j)))
	v := w.customers.draw(c.country, r.Next())
	cp := w.customer(v)
	return v, r.IntN(int(cp.cards))
}

// visitRow returns the global row where victim j < inData pays at the merchant.
func (w *World) visitRow(c *compromise, j int) int64 {
	u := rng.Unit(rng.At(c.key, uint64(j)))
	q := c.qa + (float64(j)+u)/float64(c.inData)*(c.qb-c.qa)
	return max(0, min(int64(q*float64(w.rows)), w.rows-1))
}

// tuning holds the difficulty-derived rates (docs/scenarios.md). With
// m = 2d, legitimate look-alike traits scale with m (as configured at the
// default d = 0.5, absent at d = 0, doubled at d = 1), and fraud tells move
// from the legitimate rate L towards their configured rate p by 2(1-d):
// tell(p, L) = L + (p-L)*2(1-d), clamped to [0,1].
type tuning struct {
	depart     float64 // exponent on fraud amount factors: 2(1-d)
	tellScale  float64 // 2(1-d)
	tripWeek   float64 // legit: probability a customer starts a trip abroad in a given week: 0.05m
	tripAbroad float64 // legit: share of a traveller's payments made abroad: 0.85
	guestDev   float64 // legit: share of card-not-present payments from a one-off device: 0.05m
	large      float64 // legit: share of payments 3-10x the usual ticket: 0.012m
	decline    float64 // legit: extra share of declines: 0.012m
	retry      float64 // legit: share of rows in decline-then-retry episodes: 0.006m
	session    float64 // legit: share of rows in shopping sessions (one card, 2-5 payments within 45 minutes): 0.03m
	micro      float64 // legit: share of rows in runs of small online purchases (2-8 within 20 minutes): 0.004m
	legit3DS   float64 // legit 3-D Secure share of card-not-present payments
	// guestDev, large and decline as thresholds on 16 random bits
	guest16, large16, decline16 uint64
}

func newTuning(d float64) tuning {
	m := 2 * d
	t := tuning{
		depart:     2 * (1 - d),
		tellScale:  2 * (1 - d),
		tripWeek:   min(0.5, 0.07*m),
		tripAbroad: 0.85,
		guestDev:   0.05 * m,
		large:      0.015 * m,
		decline:    0.006 * m,
		retry:      0.003 * m,
		session:    0.06 * m,
		micro:      0.004 * m,
	}
	t.guest16 = uint64(t.guestDev * 65536)
	t.large16 = uint64(t.large * 65536)
	t.decline16 = uint64(t.decline * 65536)
	return t
}

// tell3DS is the 3-D Secure share of a fraud scenario configured at p
// (against the global legitimate share) on a card of active country k: the
// scenario's ratio to the legitimate share, moved by the difficulty like a
// tell, applied to the country's own legitimate share.
func (w *World) tell3DS(p float64, k int) float64 {
	g, l := w.tune.legit3DS, w.regionAt(k).threeDS
	if g <= 0 {
		return w.tell(p, l)
	}
	return max(0, min(1, l*(1+(p/g-1)*w.tune.tellScale)))
}

// tell is the probability of a fraud trait configured at p (at the default
// difficulty) whose legitimate rate is legit.
func (w *World) tell(p, legit float64) float64 {
	return max(0, min(1, legit+(p-legit)*w.tune.tellScale))
}

// buildFraud sets up scenarios, compromises and their curves.
func (w *World) buildFraud() error {
	fc := &w.cfg.Fraud
	if fc.Rate < 0 || fc.Rate > 0.5 {
		return fmt.Errorf("world config: fraud rate %g is outside [0, 0.5]", fc.Rate)
	}
	if fc.Difficulty < 0 || fc.Difficulty > 1 {
		return fmt.Errorf("world config: fraud difficulty %g is outside [0, 1]", fc.Difficulty)
	}
	w.tune = newTuning(fc.Difficulty)
	w.tune.legit3DS = w.cfg.Payment.ThreeDSShare
	w.fraudTotal = int64(math.Round(fc.Rate * float64(w.rows)))
	eps := [numKinds]Episode{fc.CardTesting.Episode, fc.AccountTakeover.Episode, fc.StolenCard.Episode,
		fc.CompromisedMerchant.Episode, fc.DeviceFarm.Episode, fc.LostStolen.Episode, fc.Counterfeit.Episode}
	var cmCurve []float64
	if fc.CompromisedMerchant.Share > 0 {
		cmCurve = w.buildCompromises()
	}
	for k, ep := range eps {
		if ep.Share <= 0 {
			continue
		}
		if ep.Rows.Min < 1 || ep.Rows.Max < ep.Rows.Min || ep.Rows.Max > MaxEpisodeRows || ep.Minutes <= 0 {
			return fmt.Errorf("world config: scenario %s needs 1 <= rows <= %d and minutes > 0", ScenarioNames[k], MaxEpisodeRows)
		}
		curve := w.tl.pressure
		if k == kindCompromisedMerchant {
			if cmCurve == nil {
				continue // the window is too short for a compromise and its aftermath
			}
			curve = cmCurve
		}
		w.scen = append(w.scen, scenario{kind: k, name: ScenarioNames[k], share: ep.Share, rows: ep.Rows, minutes: ep.Minutes, curve: curve})
		w.scenarios = append(w.scenarios, ScenarioNames[k])
	}
	for k := range w.kindIdx {
		w.kindIdx[k] = -1
	}
	for i, sc := range w.scen {
		w.kindIdx[sc.kind] = i
	}
	if len(w.scen) == 0 {
		if w.fraudTotal > 0 {
			return fmt.Errorf("world config: fraud rate %g needs at least one scenario", fc.Rate)
		}
		return nil
	}
	w.apportion()
	for i := range w.scen {
		w.scen[i].key = rng.Key(rng.Key(w.seed, uint64(w.date.Unix())), rng.StrKey(w.scen[i].name))
	}
	if err := w.checkDensity(); err != nil {
		return err
	}
	if fc.StolenCard.Share > 0 {
		w.highRisk = make([]bool, len(w.mccs))
		for i, m := range w.mccs {
			for _, c := range fc.StolenCard.Categories {
				if m.Category == c {
					w.highRisk[i] = true
				}
			}
		}
		// countries where merchantIn can find a high-risk merchant
		w.riskyCountry = make([]bool, len(w.countries))
		for k := range w.countries {
			start, count := w.merchants.start[k], w.merchants.count[k]
			for j := uint32(0); j < min(count, 4096) && !w.riskyCountry[k]; j++ {
				w.riskyCountry[k] = w.highRisk[w.merchant(start+j).mcc]
			}
		}
	}
	w.buildPlan()
	w.life.finish()
	return nil
}

// apportion splits the exact fraud total over the scenarios by largest
// remainder, so the totals sum to F and each is within one row of its share.
func (w *World) apportion() {
	sum := 0.0
	for _, sc := range w.scen {
		sum += sc.share
	}
	F := w.fraudTotal
	var given int64
	rem := make([]float64, len(w.scen))
	for i := range w.scen {
		x := float64(F) * w.scen[i].share / sum
		w.scen[i].total = int64(x)
		rem[i] = x - math.Floor(x)
		given += w.scen[i].total
	}
	for ; given < F; given++ {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		w.scen[best].total++
		rem[best] = -1
	}
}

// checkDensity makes sure the fraud density nowhere exceeds half the
// payments, so the plan's rows stay near their times.
func (w *World) checkDensity() error {
	tl := w.tl
	R := float64(w.rows)
	total := tl.cum[tl.minutes-1]
	for m := 0; m < tl.minutes; m++ {
		rows := R * tl.rate[m] / total
		if rows <= 0 {
			continue
		}
		f := 0.0
		for _, sc := range w.scen {
			c := sc.curve
			prev := 0.0
			if m > 0 {
				prev = c[m-1]
			}
			f += float64(sc.total) * (c[m] - prev) / c[tl.minutes-1]
		}
		if f > 0.5*rows+1e-9 && f > 1 {
			return fmt.Errorf("world config: fraud rate %g with its calendar pressure makes more than half of some minute's payments fraud", w.cfg.Fraud.Rate)
		}
	}
	return nil
}

// buildCompromises draws the compromised-merchant events from the seed and
// returns the cumulative intensity of their aftermath fraud, or nil when no
// aftermath falls in the window. Compromises may begin before the window (as
// in a steady state), so their aftermath is spread over the whole window;
// only the victims who pay inside the window leave that payment in the data.
func (w *World) buildCompromises() []float64 {
	cc := w.cfg.Fraud.CompromisedMerchant
	tl := w.tl
	day := 86400e6
	winStart, winEnd := tl.startMicros, tl.startMicros+int64(tl.minutes)*60e6
	key := rng.Key(rng.Key(w.seed, uint64(w.date.Unix())), rng.StrKey("compromise"))
	victims := min(1<<24-1, max(1, int(math.Round(float64(cc.VictimsPerMillion)*float64(w.rows)/1e6))))
	for e := 0; e < min(cc.Merchants, 255); e++ {
		r := rng.New(rng.Key(key, uint64(e)))
		length := int64(float64(cc.Days.Min+r.IntN(cc.Days.Max-cc.Days.Min+1)) * day)
		first := winStart - length - int64((cc.DelayDays.Min+cc.DelayDays.Max)/2*day)
		last := winEnd - length - int64(cc.DelayDays.Min*day) - int64(day/2)
		if last <= first {
			continue
		}
		start := first + int64(r.Float64()*float64(last-first))
		k := w.byVolume.Pick(r.Next())
		top := min(int(w.merchants.count[k]), 30)
		c := compromise{
			merchant: w.merchants.start[k] + uint32(r.IntN(top)),
			country:  k,
			start:    start,
			end:      start + length,
			key:      r.Next(),
			victims:  victims,
		}
		c.tail[0] = max(winStart, c.end+int64(cc.DelayDays.Min*day))
		c.tail[1] = min(c.end+int64(cc.DelayDays.Max*day), winEnd)
		if c.tail[1] <= c.tail[0] {
			continue
		}
		c.density = 1 / math.Max((cc.DelayDays.Max-cc.DelayDays.Min)*day, 3600e6)
		if c.end > winStart {
			from := max(c.start, winStart)
			c.inData = int(math.Round(float64(victims) * float64(c.end-from) / float64(length)))
			c.qa, c.qb = tl.quantile(from), tl.quantile(c.end)
		}
		w.compromises = append(w.compromises, c)
	}
	if len(w.compromises) == 0 {
		return nil
	}
	curve := make([]float64, tl.minutes)
	prev := 0.0
	for m := range curve {
		p := tl.pressure[m] - prev
		prev = tl.pressure[m]
		t := winStart + int64(m)*60e6
		g := 0.0
		for i := range w.compromises {
			c := &w.compromises[i]
			if t >= c.tail[0] && t < c.tail[1] {
				g += c.density
			}
		}
		curve[m] = p * g
	}
	accumulate(curve)
	if curve[len(curve)-1] <= 0 {
		w.compromises = nil
		return nil
	}
	return curve
}

// Compromise describes a compromised-merchant event (for tests and docs).
type Compromise struct {
	MerchantID uint32
	Start, End int64 // compromise window, µs since the epoch
	TailStart  int64 // aftermath fraud on the victims' cards starts here, µs
	// Victims' cards and customers; the first InData of them pay at the
	// merchant inside the data window, the others before it.
	VictimCards, VictimCustomers []uint32
	InData                       int
}

// Compromises lists the dataset's compromised-merchant events.
func (w *World) Compromises() []Compromise {
	out := make([]Compromise, len(w.compromises))
	for i := range w.compromises {
		c := &w.compromises[i]
		o := Compromise{MerchantID: c.merchant, Start: c.start, End: c.end, TailStart: c.tail[0], InData: c.inData}
		for j := 0; j < c.victims; j++ {
			cust, slot := w.victim(c, j)
			o.VictimCustomers = append(o.VictimCustomers, cust)
			o.VictimCards = append(o.VictimCards, w.cardAt(cust, slot, c.start))
		}
		out[i] = o
	}
	return out
}

// ScenarioTotals returns the exact fraud rows of each enabled scenario.
func (w *World) ScenarioTotals() map[string]int64 {
	out := map[string]int64{}
	for _, sc := range w.scen {
		out[sc.name] = sc.total
	}
	return out
}
