package world_test

import (
	"testing"
	"time"

	"github.com/paygen/paygen/runtime/world"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDayRule(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		rule string
		year int
		want string
	}{
		{"11-thu4+1", 2025, "2025-11-28"}, // Black Friday
		{"11-thu4+1", 2024, "2024-11-29"},
		{"11-fri4", 2024, "2024-11-22"},
		{"12-sun5+3", 2024, "2025-01-01"}, // an offset may cross into the next year
		{"12-18", 2025, "2025-12-18"},
		{"02-29", 2025, "2025-02-28"}, // no 29th: the month's last day
		{"02-29", 2024, "2024-02-29"},
		{"05-sun2", 2025, "2025-05-11"}, // Mother's Day (US)
		{"03-mon5", 2025, "2025-03-31"},
		{"06-mon5", 2025, "2025-06-30"},
		{"09-mon5", 2025, "2025-09-29"}, // no fifth Monday: the last one
	} {
		r, err := world.ParseDayRule(tc.rule)
		require.NoError(t, err, tc.rule)
		assert.Equal(t, tc.want, r.In(tc.year).Format("2006-01-02"), "%s in %d", tc.rule, tc.year)
	}
	for _, bad := range []string{"", "11", "1-28", "13-01", "00-10", "11-32", "02-30", "11-fri0", "11-fri6", "11-xyz1", "11-5", "11-fri44", "11-thu4+", "11-thu4+-1", "11-thu4+40", "11-28+1"} {
		_, err := world.ParseDayRule(bad)
		assert.Error(t, err, bad)
	}
}

// perDay counts rows and fraud rows per UTC day.
func perDay(rows []row) (map[int64]int, map[int64]int) {
	n, f := map[int64]int{}, map[int64]int{}
	for _, r := range rows {
		n[r.utcDay]++
		if r.fraud {
			f[r.utcDay]++
		}
	}
	return n, f
}

func dayOf(s string) int64 {
	d, _ := time.Parse("2006-01-02", s)
	return d.Unix() / 86400
}

// A spike raises volume by its volume factor and the share of fraud among
// its payments by its fraud factor; the fraud total stays exact.
func TestSpikeVolumeAndFraudPressure(t *testing.T) {
	t.Parallel()
	statistical(t, "200k")
	cfg := testConfig()
	cfg.WeekendFactor = 1
	cfg.Seasonality.Paydays = world.PaydayConfig{}
	cfg.Seasonality.WeekendCategories = nil
	cfg.Seasonality.Spikes = []world.Spike{{Name: "sale", From: "11-thu4+1", Days: 4, Volume: 2, Fraud: 2}}
	const rows = 200_000
	w, err := world.New(cfg, 42, rows, time.Date(2025, 12, 10, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	data := collect(t, w)
	n, f := perDay(data)
	in := func(d int64) bool { return d >= dayOf("2025-11-28") && d < dayOf("2025-12-02") }
	var nIn, nOut, fIn, fOut, daysIn, daysOut float64
	for d, c := range n {
		if d == dayOf("2025-11-10") || d == dayOf("2025-12-09") || d == dayOf("2025-11-27") || d == dayOf("2025-12-02") {
			continue // edge days share local time with their neighbours
		}
		if in(d) {
			nIn, fIn, daysIn = nIn+float64(c), fIn+float64(f[d]), daysIn+1
		} else {
			nOut, fOut, daysOut = nOut+float64(c), fOut+float64(f[d]), daysOut+1
		}
	}
	require.Equal(t, 4.0, daysIn)
	vol := (nIn / daysIn) / (nOut / daysOut)
	assert.InDelta(t, 2, vol, 0.25, "volume factor")
	press := (fIn / nIn) / (fOut / nOut)
	assert.InDelta(t, 2, press, 0.6, "fraud-pressure factor")
	total := 0
	for _, c := range f {
		total += c
	}
	assert.Equal(t, 600, total, "exact fraud count with a spike")
}

// Paydays raise volume on the payday and the day after.
func TestPaydayVolume(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.WeekendFactor = 1
	cfg.Seasonality.WeekendCategories = nil
	cfg.Seasonality.Spikes = nil
	cfg.Seasonality.Paydays = world.PaydayConfig{Days: []int{15}, Volume: 1.5, SpanDays: 2}
	w, err := world.New(cfg, 42, 150_000, time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	n, _ := perDay(collect(t, w))
	pay := float64(n[dayOf("2025-05-15")]+n[dayOf("2025-05-16")]) / 2
	other := float64(n[dayOf("2025-05-20")]+n[dayOf("2025-05-21")]+n[dayOf("2025-05-22")]) / 3
	assert.InDelta(t, 1.5, pay/other, 0.15)
}

// On weekends the category mix shifts towards restaurants and entertainment
// and away from utilities; weekend volume follows the weekend factor.
func TestWeekendMix(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	cat := func(weekend bool, c string) float64 {
		k, n := 0, 0
		for _, r := range rows {
			if r.weekendUTC == weekend {
				n++
				if r.category == c {
					k++
				}
			}
		}
		return float64(k) / float64(n)
	}
	assert.Greater(t, cat(true, "restaurants")/cat(false, "restaurants"), 1.15)
	assert.Greater(t, cat(true, "entertainment")/cat(false, "entertainment"), 1.2)
	assert.Less(t, cat(true, "utilities")/cat(false, "utilities"), 0.8)
	n, _ := perDay(rows)
	var we, wd, nwe, nwd float64
	for d, c := range n {
		if d == rows[0].utcDay || d == rows[len(rows)-1].utcDay {
			continue
		}
		if wdy := time.Unix(d*86400, 0).UTC().Weekday(); wdy == time.Saturday || wdy == time.Sunday {
			we, nwe = we+float64(c), nwe+1
		} else {
			wd, nwd = wd+float64(c), nwd+1
		}
	}
	assert.InDelta(t, 1.15, (we/nwe)/(wd/nwd), 0.08, "weekend volume")
}

// The difficulty moves fraud towards its victims' normal behaviour and
// legitimate payments towards fraud-like traits.
func TestDifficulty(t *testing.T) {
	t.Parallel()
	statistical(t, "2 x 120k")
	type stats struct{ legitForeign, legitDeclined, atoAmount, atoDeclined float64 }
	measure := func(d float64) stats {
		cfg := testConfig()
		cfg.Fraud.Difficulty = d
		cfg.Fraud.Rate = 0.01
		w, err := world.New(cfg, 42, 120_000, date)
		require.NoError(t, err)
		var s stats
		var legit, ato float64
		for _, r := range collect(t, w) {
			switch {
			case !r.fraud:
				legit++
				if r.merCty != r.custCty {
					s.legitForeign++
				}
				if r.auth == "declined" {
					s.legitDeclined++
				}
			case r.scenario == "account_takeover":
				ato++
				s.atoAmount += r.usd
				if r.auth == "declined" {
					s.atoDeclined++
				}
			}
		}
		return stats{s.legitForeign / legit, s.legitDeclined / legit, s.atoAmount / ato, s.atoDeclined / ato}
	}
	easy, hard := measure(0), measure(1)
	assert.Greater(t, hard.legitForeign, easy.legitForeign+0.02, "legitimate travel abroad")
	assert.Greater(t, hard.legitDeclined, easy.legitDeclined+0.01, "legitimate declines")
	assert.Greater(t, easy.atoAmount, 3*hard.atoAmount, "takeover amounts depart from the profile")
	assert.Greater(t, easy.atoDeclined, hard.atoDeclined+0.1, "the issuer's screening catches takeovers")
}

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.Fraud.Rate = 0.4
	cfg.Seasonality.Spikes = []world.Spike{{Name: "x", From: "05-01", Days: 20, Volume: 1, Fraud: 3}}
	_, err := world.New(cfg, 42, 100_000, date)
	assert.ErrorContains(t, err, "more than half")

	cfg = testConfig()
	cfg.Seasonality.Spikes = []world.Spike{{Name: "x", From: "5-1", Days: 2, Volume: 1, Fraud: 1}}
	_, err = world.New(cfg, 42, 1000, date)
	assert.ErrorContains(t, err, `spike "x"`)

	cfg = testConfig()
	cfg.Fraud.CardTesting.Share = 0
	cfg.Fraud.AccountTakeover.Share = 0
	cfg.Fraud.StolenCard.Share = 0
	cfg.Fraud.CompromisedMerchant.Share = 0
	cfg.Fraud.DeviceFarm.Share = 0
	cfg.Fraud.LostStolen.Share = 0
	cfg.Fraud.Counterfeit.Share = 0
	_, err = world.New(cfg, 42, 1000, date)
	assert.ErrorContains(t, err, "at least one scenario")
}

// Small and odd-sized datasets still get exactly round(rate x rows) fraud
// rows, including a tiny last block.
func TestExactFraudAtOddSizes(t *testing.T) {
	t.Parallel()
	for _, rows := range []int64{1, 999, 4097, 8193, 40961, 65535} {
		w := newWorld(t, rows)
		b := w.NewBlock()
		n := 0
		for i := 0; i < w.Blocks(); i++ {
			b.Fill(i)
			for _, f := range b.FraudLabel() {
				if f {
					n++
				}
			}
		}
		assert.EqualValues(t, w.FraudTotal(), n, "rows %d", rows)
	}
}
