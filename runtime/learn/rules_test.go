package learn

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paygen/paygen/runtime/learn/learntest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mineRows(rows []Row, minSupport int64, maxPrecision float64) RulesReport {
	m := newRuleMiner(nil, nil)
	for i := range rows {
		scen := int32(-1)
		if rows[i].LabelFraud {
			scen = 0
		}
		m.add(&rows[i], scen)
	}
	return m.mine(minSupport, maxPrecision, []string{"planted"})
}

func ruleText(r Rule) string { return strings.Join(r.Conditions, " AND ") }

// A pair leak: card_type = debit and device_type = desktop are each common among
// legitimate rows, but only fraud rows have both.
func TestRulesFindAPlantedPair(t *testing.T) {
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 20_000, FraudRate: 0.01, Seed: 3})
	rng := rand.New(rand.NewPCG(1, 2))
	fraud := 0
	for i := range rows {
		r := &rows[i]
		if r.LabelFraud {
			r.CardType, r.DeviceType = "debit", "desktop"
			fraud++
			continue
		}
		switch rng.IntN(3) {
		case 0:
			r.CardType, r.DeviceType = "credit", "mobile"
		case 1:
			r.CardType, r.DeviceType = "debit", "mobile"
		default:
			r.CardType, r.DeviceType = "credit", "desktop"
		}
	}
	require.Greater(t, fraud, 100)
	rep := mineRows(rows, 50, 0.9)
	require.NotEmpty(t, rep.Top)
	top := rep.Top[0]
	assert.Equal(t, "card_type = debit AND device_type = desktop", ruleText(top))
	assert.Equal(t, 1.0, top.Precision)
	assert.EqualValues(t, fraud, top.Support)
	assert.EqualValues(t, fraud, top.Fraud)
	assert.True(t, top.Fails)
	assert.Equal(t, map[string]int64{"planted": int64(fraud)}, top.Scenarios)
	assert.GreaterOrEqual(t, rep.Failing, int64(1))
	for _, r := range rep.Top {
		if len(r.Conditions) == 1 {
			assert.Less(t, r.Precision, 0.9, "no single condition gives it away: %s", ruleText(r))
		}
	}

	rep = mineRows(rows, int64(fraud)+1, 0.9)
	assert.Zero(t, rep.Failing, "below the minimum support the rule does not count")
}

// A history leak: fraud rows come from a handful of IPs shared by many customers, which
// no legitimate row does; only the causal history feature shows it.
func TestRulesFindSharedIPs(t *testing.T) {
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 20_000, FraudRate: 0.01, Seed: 4})
	n := 0
	for i := range rows {
		if rows[i].LabelFraud {
			rows[i].IPAddress = fmt.Sprintf("203.0.113.%d", n%5)
			rows[i].CustomerID = fmt.Sprintf("cus_f%05d", n) // every fraud row a different customer
			n++
		}
	}
	rep := mineRows(rows, 50, 0.9)
	require.NotEmpty(t, rep.Top)
	assert.Equal(t, "ip_other_customers = 2+ others", ruleText(rep.Top[0]))
	assert.Equal(t, 1.0, rep.Top[0].Precision)
	assert.EqualValues(t, n-10, rep.Top[0].Support, "all but the first two rows of each of the 5 IPs")
	var total int64
	for _, h := range rep.History {
		if strings.HasPrefix(h.Conditions[0], "ip_other_customers = ") {
			total += h.Support
		}
		if h.Conditions[0] == "ip_other_customers = 2+ others" {
			assert.EqualValues(t, n-10, h.Fraud)
		}
	}
	assert.EqualValues(t, len(rows), total, "every row has one value of each history condition")
}

func TestRulesCleanDataPasses(t *testing.T) {
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 50_000, FraudRate: 0.003, Seed: 5})
	rep := mineRows(rows, 50, 0.9)
	assert.Zero(t, rep.Failing)
	assert.Greater(t, rep.Conditions, 50)
	assert.Greater(t, rep.RulesChecked, int64(rep.Conditions))
	for _, r := range rep.Top {
		assert.Less(t, r.Precision, 0.9, ruleText(r))
		assert.GreaterOrEqual(t, r.Support, int64(50))
	}
	assert.Contains(t, rep.Families, "card_nth_payment_1h")
	assert.NotContains(t, rep.Families, "transaction_id")
	assert.NotContains(t, rep.Families, "fraud_scenario")
}

func TestAmountBinsAreQuantiles(t *testing.T) {
	m := newRuleMiner(nil, nil)
	for i := range 1000 {
		r := hand(0, "c", fmt.Sprint(i), "m", 0, nil)
		r.Amount = int64(i + 1)
		m.add(&r, -1)
	}
	m.binAmounts()
	f := m.fams[m.amountSlot]
	require.Len(t, f.values, AmountBins)
	assert.Equal(t, "[0.01, 1.01)", f.values[0])
	assert.Equal(t, ">= 9.01", f.values[AmountBins-1])
	n := len(m.fams)
	counts := make([]int, AmountBins)
	for i := range 1000 {
		counts[m.slots[i*n+m.amountSlot]]++
	}
	for _, c := range counts {
		assert.Equal(t, 100, c)
	}
}

func TestRowConditions(t *testing.T) {
	r := hand(0, "c", "k", "m", 12, nil) // Thursday 2025-05-01 10:00 UTC
	r.MerchantCountry = "FR"
	want := map[string]string{"utc_weekday": "Thursday", "utc_hour": "10", "cross_border": "yes",
		"device_id": "null", "three_ds": "false", "amount_whole_units": "yes"}
	for _, d := range rowFamilyDefs {
		for day := range 7 {
			r := r
			r.EventTime += int64(day) * microsPerDay
			v := d.values[d.value(&r)]
			if d.name == "utc_weekday" {
				assert.Equal(t, rowTime(&r).Weekday().String(), v)
			} else {
				assert.Equal(t, want[d.name], v, d.name)
			}
		}
	}
}
