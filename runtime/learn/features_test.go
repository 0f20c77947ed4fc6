package learn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sp(s string) *string { return &s }

var t0 = time.Date(2025, 5, 1, 10, 0, 0, 0, time.UTC)

// hand builds a row at t0+offset for customer c / card k paying amount (major units) at merchant m.
func hand(offset time.Duration, c, k, m string, amount float64, device *string) Row {
	return Row{
		EventTime: t0.Add(offset).UnixMicro(), CustomerID: c, CardID: k, MerchantID: m,
		Amount: int64(math.Round(amount * 100)), DeviceID: device,
		MerchantCountry: "US", CustomerCountry: "US", EntryMode: "chip",
		MerchantCategory: "grocery", AuthStatus: "approved",
	}
}

func feature(f []float32, name string) float64 {
	for i, n := range FeatureNames {
		if n == name {
			return float64(f[i])
		}
	}
	panic("no feature " + name)
}

func TestFeatureNamesMatchCount(t *testing.T) {
	for i, n := range FeatureNames {
		assert.NotEmpty(t, n, "feature %d has a name", i)
	}
}

func TestExtractorIsCausal(t *testing.T) {
	rows := []Row{
		hand(0, "c1", "k1", "m1", 10, sp("d1")),                          // 0: first ever
		hand(10*time.Minute, "c1", "k1", "m2", 20, sp("d1")),             // 1
		hand(50*time.Minute, "c1", "k1", "m1", 30, sp("d2")),             // 2: new device
		hand(70*time.Minute, "c1", "k1", "m3", 100, nil),                 // 3: row 1 exactly 1 h earlier
		hand(24*time.Hour+30*time.Minute, "c1", "k1", "m1", 5, sp("d1")), // 4: rows 0,1 beyond 24 h
		hand(24*time.Hour+30*time.Minute, "c2", "k2", "m1", 7, sp("d1")), // 5: other customer, same device
	}
	ext := NewExtractor()
	got := make([][]float32, len(rows))
	for i := range rows {
		got[i] = make([]float32, NumFeatures)
		ext.Next(&rows[i], got[i])
	}
	type want struct {
		txn1h, txn24h, merch24h int
		newDev, devMissing      float64
		noHist                  float64
		median                  float64 // 0 = no history
	}
	wants := []want{
		{0, 0, 0, 1, 0, 1, 0},
		{1, 1, 1, 0, 0, 0, 10},
		{2, 2, 2, 1, 0, 0, 15}, // median of 10, 20
		{1, 3, 2, 0, 1, 0, 20}, // 1 h window (10m, 70m]: row 1 sits on the edge, so row 2 only
		{0, 2, 2, 0, 0, 0, 25}, // rows 2, 3 are within 24 h: m1, m3; median of 10,20,30,100
		{0, 0, 0, 1, 0, 1, 0},  // device d1 is new for c2
	}
	for i, w := range wants {
		f := got[i]
		assert.InDelta(t, math.Log1p(float64(w.txn1h)), feature(f, "card_txn_1h"), 1e-6, "row %d 1h", i)
		assert.InDelta(t, math.Log1p(float64(w.txn24h)), feature(f, "card_txn_24h"), 1e-6, "row %d 24h", i)
		assert.InDelta(t, math.Log1p(float64(w.merch24h)), feature(f, "card_merchants_24h"), 1e-6, "row %d merchants", i)
		assert.Equal(t, w.newDev, feature(f, "new_device"), "row %d new device", i)
		assert.Equal(t, w.devMissing, feature(f, "device_missing"), "row %d device missing", i)
		assert.Equal(t, w.noHist, feature(f, "cust_no_history"), "row %d no history", i)
		amount := float64(rows[i].Amount) / 100
		assert.InDelta(t, math.Log(amount), feature(f, "log_amount"), 1e-6)
		if w.median == 0 {
			assert.Zero(t, feature(f, "amount_vs_cust_median"), "row %d", i)
		} else {
			assert.InDelta(t, math.Log(amount/w.median), feature(f, "amount_vs_cust_median"), 1e-5, "row %d median", i)
			assert.InDelta(t, math.Abs(math.Log(amount/w.median)), feature(f, "abs_amount_vs_cust_median"), 1e-5, "row %d", i)
		}
	}
}

func TestExtractorRowFlags(t *testing.T) {
	r := hand(0, "c", "k", "m", 12.5, sp("d"))
	r.MerchantCountry = "FR"
	r.EntryMode = "ecommerce"
	r.ThreeDS = true
	r.MerchantCategory = "jewelry"
	r.AuthStatus = "review"
	r.EventTime = time.Date(2025, 5, 1, 6, 0, 0, 0, time.UTC).UnixMicro()
	f := make([]float32, NumFeatures)
	NewExtractor().Next(&r, f)
	for _, n := range []string{"foreign", "card_not_present", "three_ds", "high_risk_category", "declined"} {
		assert.Equal(t, 1.0, feature(f, n), n)
	}
	assert.InDelta(t, 1, feature(f, "hour_sin"), 1e-6) // 06:00 is a quarter of the day
	assert.InDelta(t, 0, feature(f, "hour_cos"), 1e-6)

	r2 := hand(0, "c", "k", "m", 12.5, sp("d"))
	r2.EventTime = time.Date(2025, 5, 1, 18, 0, 0, 0, time.UTC).UnixMicro()
	NewExtractor().Next(&r2, f)
	for _, n := range []string{"foreign", "card_not_present", "three_ds", "high_risk_category", "declined"} {
		assert.Equal(t, 0.0, feature(f, n), n)
	}
	assert.InDelta(t, -1, feature(f, "hour_sin"), 1e-6)
}

func TestExtractorMedianUsesRecentHistory(t *testing.T) {
	ext := NewExtractor()
	f := make([]float32, NumFeatures)
	// AmountHistory payments of 1000, then AmountHistory of 10: the median forgets the old ones
	for i := range 2 * AmountHistory {
		amount := 1000.0
		if i >= AmountHistory {
			amount = 10
		}
		r := hand(time.Duration(i)*time.Hour, "c", "k", "m", amount, nil)
		ext.Next(&r, f)
	}
	r := hand(100*time.Hour, "c", "k", "m", 10, nil)
	ext.Next(&r, f)
	require.InDelta(t, 0, feature(f, "amount_vs_cust_median"), 1e-6)
}

func TestRunningMedianMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var c customerState
	var all []float32
	for i := range 500 {
		v := float32(rng.IntN(50)) // many repeated values
		if i > 0 {
			last := all[max(0, len(all)-AmountHistory):]
			s := slices.Clone(last)
			slices.Sort(s)
			k := len(s)
			want := float64(s[k/2])
			if k%2 == 0 {
				want = (float64(s[k/2-1]) + float64(s[k/2])) / 2
			}
			require.Equal(t, want, c.median(), "after %d amounts", i)
		}
		c.addAmount(v)
		all = append(all, v)
	}
}
