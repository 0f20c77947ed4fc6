package world_test

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/world"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fraudRows = 300_000

var (
	fraudOnce  sync.Once
	fraudWorld *world.World
	fraudData  []row
)

// fraudSample is a 300k-row dataset of the test configuration with the
// schema's 65536-row blocks (a block's quota of each scenario then holds
// several whole episodes) and all five scenarios, generated once.
func fraudSample(t *testing.T) (*world.World, []row) {
	fraudOnce.Do(func() {
		cfg := testConfig()
		cfg.BlockRows = 65536
		w, err := world.New(cfg, 42, fraudRows, date)
		require.NoError(t, err)
		fraudWorld = w
		fraudData = collect(t, fraudWorld)
	})
	require.NotNil(t, fraudData)
	return fraudWorld, fraudData
}

func TestExactFraudPerScenario(t *testing.T) {
	t.Parallel()
	w, rows := fraudSample(t)
	counts := map[string]int64{}
	total := int64(0)
	for _, r := range rows {
		require.Equal(t, r.fraud, r.scenario != "", "fraud_scenario set exactly on fraud rows")
		if r.fraud {
			counts[r.scenario]++
			total++
		}
	}
	require.EqualValues(t, math.Round(0.003*fraudRows), total)
	require.Equal(t, w.ScenarioTotals(), counts, "every scenario has its exact apportioned total")
	shares := map[string]float64{}
	for _, s := range []struct {
		name  string
		share float64
	}{{"card_testing", 0.25}, {"account_takeover", 0.25}, {"stolen_card", 0.1}, {"compromised_merchant", 0.15}, {"device_farm", 0.15}, {"lost_stolen", 0.04}, {"counterfeit", 0.06}} {
		shares[s.name] = float64(counts[s.name]) / float64(total)
		assert.InDelta(t, s.share, shares[s.name], 1.0/float64(total), s.name)
	}
}

func TestFraudBlocksArePure(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 50000)
	a, b := w.NewBlock(), w.NewBlock()
	b.Fill(7)
	a.Fill(3)
	b.Fill(3)
	sa, oka := a.FraudScenario()
	sb, okb := b.FraudScenario()
	require.Equal(t, sa, sb)
	require.Equal(t, oka, okb)
	require.Equal(t, a.DeviceID(), b.DeviceID())
	require.Equal(t, a.MerchantID(), b.MerchantID())
	require.Equal(t, a.TxnAuthStatus(), b.TxnAuthStatus())
	require.Equal(t, a.CustomerID(), b.CustomerID())
}

// Shards and worker counts only change which blocks a process fills: the
// same block filled in a world built for the same dataset is identical.
func TestFraudIndependentOfFillOrder(t *testing.T) {
	t.Parallel()
	w1, w2 := newWorld(t, 60000), newWorld(t, 60000)
	b1, b2 := w1.NewBlock(), w2.NewBlock()
	for i := w2.Blocks() - 1; i >= 0; i-- {
		b2.Fill(i)
		s2, _ := b2.FraudScenario()
		s2 = slices.Clone(s2)
		d2 := slices.Clone(b2.DeviceID())
		b1.Fill(i)
		s1, _ := b1.FraudScenario()
		require.Equal(t, s1, s2, "block %d", i)
		require.Equal(t, b1.DeviceID(), d2, "block %d", i)
	}
}

// Fraud rows keep the foundation's entity invariants: a card keeps its
// owner, brand and masked PAN, a customer their country, a device its type
// (a terminal also its IP); device ids match the pattern and IPs are public.
func TestFraudRowsKeepEntityInvariants(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	devRE := regexp.MustCompile(`^(dev|pos)_[0-9a-f]{12}$`)
	card := map[string]string{}
	cust := map[string]string{}
	dev := map[string]string{}
	for _, r := range rows {
		k := r.cust + "|" + r.brand + "|" + r.pan
		if v, ok := card[r.card]; ok && v != k { // plain ifs: testify's per-call stack walk is most of this loop's time
			t.Fatalf("card %s (fraud=%v %s): %q then %q", r.card, r.fraud, r.scenario, v, k)
		}
		card[r.card] = k
		if v, ok := cust[r.cust]; ok && v != r.custCty {
			t.Fatalf("customer %s moved (fraud=%v): %s then %s", r.cust, r.fraud, v, r.custCty)
		}
		cust[r.cust] = r.custCty
		// a device keeps its type; a terminal also its merchant's address (a
		// personal device's address depends on the network it is on)
		k = r.devType
		if r.devType == "pos_terminal" {
			k += "|" + r.ip
		}
		if v, ok := dev[r.dev]; ok && v != k {
			t.Fatalf("device %s changed (fraud=%v): %q then %q", r.dev, r.fraud, v, k)
		}
		dev[r.dev] = k
		if r.fraud {
			require.Regexp(t, devRE, r.dev)
			require.True(t, refdata.IsPublicIPv4(parseIP(t, r.ip)), r.ip)
			require.Positive(t, r.amount)
		}
	}
}

func parseIP(t *testing.T, s string) uint32 {
	var ip uint32
	parts := strings.Split(s, ".")
	require.Len(t, parts, 4)
	for _, p := range parts {
		v := 0
		for _, c := range p {
			v = v*10 + int(c-'0')
		}
		ip = ip<<8 | uint32(v)
	}
	return ip
}

// bursts splits rows of one key (sorted by time) at gaps longer than gap µs.
func bursts(rows []row, gap int64) [][]row {
	var out [][]row
	for i, r := range rows {
		if i == 0 || r.time-rows[i-1].time > gap {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], r)
	}
	return out
}

func groupBy(rows []row, key func(row) string) map[string][]row {
	out := map[string][]row{}
	for _, r := range rows {
		out[key(r)] = append(out[key(r)], r)
	}
	for _, g := range out {
		sort.Slice(g, func(i, j int) bool { return g[i].idx < g[j].idx })
	}
	return out
}

// card_testing: many rows of one card within minutes, mostly small, many
// declined, online, ending with a larger purchase.
func TestCardTestingFootprint(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	ct := byScenario(rows, "card_testing")
	var sizes []int
	small, declined, spanOK, total, larger, long, approved := 0, 0, 0, 0, 0, 0, 0
	for _, g := range groupBy(ct, func(r row) string { return r.card }) {
		for _, b := range bursts(g, 30*60e6) {
			sizes = append(sizes, len(b))
			if b[len(b)-1].time-b[0].time <= 10*60e6 {
				spanOK++
			}
			for j, r := range b {
				require.Equal(t, "ecommerce", r.entry)
				if j < len(b)-1 || len(b) == 1 {
					total++
					if r.usd <= 6.01 { // 0.5-5 USD, priced (a shelf ending adds up to one unit)
						small++
					}
					if r.auth == "declined" {
						declined++
					}
				}
			}
			if len(b) >= 3 {
				last := b[len(b)-1]
				if last.usd > 5 {
					larger++
				}
				if last.auth == "approved" {
					approved++
				}
				long++
			}
		}
	}
	assert.GreaterOrEqual(t, float64(larger)/float64(long), 0.9, "bursts end with a larger purchase")
	// the issuer's model still applies (online, often abroad, 2-5x the usual
	// ticket: about a third declined); the sample holds only ~15 long bursts
	assert.GreaterOrEqual(t, float64(approved)/float64(long), 0.5, "the purchase is mostly approved (%d of %d)", approved, long)
	mean := float64(len(ct)) / float64(len(sizes))
	assert.GreaterOrEqual(t, mean, 6.0, "bursts of several rows on one card (sizes %v)", sizes)
	assert.GreaterOrEqual(t, float64(spanOK)/float64(len(sizes)), 0.9, "bursts last minutes")
	assert.Equal(t, total, small, "test authorisations are small")
	assert.InDelta(t, 0.6, float64(declined)/float64(total), 0.1, "many are declined")
}

// device_farm: one device across many customers within a short period.
func TestDeviceFarmFootprint(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	df := byScenario(rows, "device_farm")
	devices := groupBy(df, func(r row) string { return r.dev })
	custs, n := 0, 0
	for dev, g := range devices {
		seen := map[string]bool{}
		for _, r := range g {
			seen[r.cust] = true
			require.Equal(t, "ecommerce", r.entry)
		}
		assert.LessOrEqual(t, g[len(g)-1].time-g[0].time, int64(2*60*60e6), "device %s used within the farm's hour", dev)
		custs += len(seen)
		n += len(g)
	}
	// about 10 expected (rows 6-20, 30 % of farms split over two devices);
	// the 300k-row sample holds only ~17 farm devices
	assert.GreaterOrEqual(t, float64(n)/float64(len(devices)), 7.0, "many payments per farm device")
	assert.GreaterOrEqual(t, float64(custs)/float64(n), 0.9, "from different customers")
	// no farm device is ever used by a legitimate payment
	for _, r := range rows {
		if !r.fraud {
			_, farm := devices[r.dev]
			require.False(t, farm)
		}
	}
}

// stolen_card: card-present, mostly abroad (ForeignShare 0.75 in the test
// config), mostly at high-risk merchants, several in quick succession.
func TestStolenCardFootprint(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	sc := byScenario(rows, "stolen_card")
	risky, abroad := 0, 0
	for _, r := range sc {
		if r.custCty != r.merCty {
			abroad++
		}
		require.NotEqual(t, "ecommerce", r.entry, "card present")
		require.Equal(t, "pos_terminal", r.devType)
		if r.category == "electronics" || r.category == "jewelry" || r.category == "money_transfer" {
			risky++
		}
	}
	assert.InDelta(t, 0.7, float64(risky)/float64(len(sc)), 0.1, "high-risk categories")
	assert.InDelta(t, 0.75, float64(abroad)/float64(len(sc)), 0.12, "abroad")
	multi, n := 0, 0
	for _, g := range groupBy(sc, func(r row) string { return r.card }) {
		for _, b := range bursts(g, 3*60*60e6) {
			n++
			if len(b) >= 2 {
				multi++
				assert.LessOrEqual(t, b[len(b)-1].time-b[0].time, int64(3*60*60e6))
				countries := map[string]bool{}
				for _, r := range b {
					countries[r.merCty] = true
				}
				assert.Len(t, countries, 1, "one foreign country per episode")
			}
		}
	}
	assert.GreaterOrEqual(t, float64(multi)/float64(n), 0.8, "several payments in quick succession")
}

// account_takeover: online, mostly from a device the customer never used,
// for amounts well above the customer's usual.
func TestAccountTakeoverFootprint(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	usual := map[string][]float64{}
	devs := map[string]map[string]bool{}
	for _, r := range rows {
		if !r.fraud {
			usual[r.cust] = append(usual[r.cust], r.usd)
			if devs[r.cust] == nil {
				devs[r.cust] = map[string]bool{}
			}
			devs[r.cust][r.dev] = true
		}
	}
	ato := byScenario(rows, "account_takeover")
	var ratios []float64
	newDev := 0
	for _, r := range ato {
		require.Equal(t, "ecommerce", r.entry)
		if u := usual[r.cust]; len(u) >= 5 {
			ratios = append(ratios, r.usd/median(u))
		}
		if !devs[r.cust][r.dev] {
			newDev++
		}
	}
	assert.Greater(t, median(ratios), 2.5, "amounts well above the customer's median")
	assert.Greater(t, float64(newDev)/float64(len(ato)), 0.6, "mostly a device the customer never used")
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	return s[len(s)/2]
}

// compromised_merchant: the victims paid at the compromised merchant during
// the compromise (a legitimate row), and their cards see fraud elsewhere
// afterwards.
func TestCompromisedMerchantFootprint(t *testing.T) {
	t.Parallel()
	w, rows := fraudSample(t)
	comps := w.Compromises()
	require.NotEmpty(t, comps)
	victimOf := map[string][]world.Compromise{}
	for _, c := range comps {
		for j := 0; j < c.InData; j++ {
			card := "card_" + pad(c.VictimCards[j], 8)
			victimOf[card] = append(victimOf[card], c)
		}
	}
	// every in-data victim's visit is a legitimate row at the merchant within the compromise
	visits := 0
	for _, c := range comps {
		mer := "mer_" + pad(c.MerchantID, 6)
		for _, r := range rows {
			if r.mer == mer && r.time >= c.Start && r.time < c.End+3600e6 {
				for j := 0; j < c.InData; j++ {
					if r.card == "card_"+pad(c.VictimCards[j], 8) {
						require.False(t, r.fraud, "the visit is a legitimate payment")
						visits++
						break
					}
				}
			}
		}
	}
	inData := 0
	for _, c := range comps {
		inData += c.InData
	}
	assert.GreaterOrEqual(t, visits, inData, "every victim in the window pays at the merchant")
	cm := byScenario(rows, "compromised_merchant")
	checked := 0
	for _, r := range cm {
		require.Equal(t, "ecommerce", r.entry)
		paid := false
		candidates := 0
		for _, c := range victimOf[r.card] {
			if r.time < c.End {
				continue // a later compromise of the same card: not this fraud's source
			}
			candidates++
			mer := "mer_" + pad(c.MerchantID, 6)
			for _, p := range rows[:r.idx] {
				if p.card == r.card && p.mer == mer && p.time >= c.Start && p.time < c.End+3600e6 {
					paid = true
					break
				}
			}
		}
		if candidates == 0 {
			continue // a victim who paid there before the window began
		}
		checked++
		require.True(t, paid, "card %s paid at its compromised merchant during the compromise, before the fraud", r.card)
	}
	// the rest fall on victims of compromises that began before the window
	// (3 compromises in the sample: the share varies with their timing)
	assert.Greater(t, checked, len(cm)/4, "a good part of the aftermath fraud falls on victims seen paying in the data")
}

func pad(v uint32, width int) string {
	s := ""
	for x := v; x > 0; x /= 10 {
		s = string(rune('0'+x%10)) + s
	}
	return strings.Repeat("0", max(0, width-len(s))) + s
}

// Legitimate runs of small online purchases (in-app purchases, top-ups)
// look like card testing to a per-card velocity feature: at the test
// config's difficulty there are more legitimate cards with 3+ online
// payments under 10 USD within 20 minutes than card-testing bursts.
func TestMicroPurchaseLookAlikes(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	small := func(rs []row) (legit, fraud int) {
		for _, g := range groupBy(rs, func(r row) string { return r.card }) {
			var online []row
			for _, r := range g {
				if r.entry == "ecommerce" && r.usd < 10 {
					online = append(online, r)
				}
			}
			for _, b := range bursts(online, 20*60e6) {
				if len(b) < 3 {
					continue
				}
				if b[0].fraud {
					fraud++
				} else {
					legit++
				}
			}
		}
		return legit, fraud
	}
	legit, fraud := small(rows)
	t.Logf("bursts of 3+ small online payments within 20 minutes: %d legitimate, %d fraud", legit, fraud)
	require.Positive(t, fraud)
	assert.Greater(t, legit, fraud, "legitimate micro-purchase runs outnumber card-testing bursts")
}
