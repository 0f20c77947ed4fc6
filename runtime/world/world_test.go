package world_test

import (
	"strings"
	"testing"
	"time"

	"github.com/paygen/paygen/runtime/world"
	"github.com/stretchr/testify/require"
)

func testConfig() world.Config {
	return world.Config{
		WindowDays: 30, BlockRows: 4096, DailyPeakHour: 18, DailyPeakSigma: 3, DailyFloor: 0.1, WeekendFactor: 1.15,
		Customer: world.CustomerConfig{RowsPerEntity: 50, Zipf: 0.9, CardsMin: 1, CardsMax: 3, DevicesMin: 1, DevicesMax: 2, DomesticShare: 0.92, SpendSigma: 0.45},
		Card: world.CardConfig{
			Brands: []world.Weighted{{Name: "visa", Weight: 0.6}, {Name: "mastercard", Weight: 0.3}, {Name: "amex", Weight: 0.1}},
			Types:  []world.Weighted{{Name: "credit", Weight: 0.42}, {Name: "debit", Weight: 0.53}, {Name: "prepaid", Weight: 0.05}},
		},
		Merchant: world.MerchantConfig{RowsPerEntity: 200, Zipf: 1, JitterDegrees: 0.5},
		Device:   world.DeviceConfig{Types: []world.Weighted{{Name: "mobile", Weight: 0.7}, {Name: "desktop", Weight: 0.3}}},
		Payment: world.PaymentConfig{
			CardPresentModes: []world.Weighted{{Name: "chip", Weight: 0.55}, {Name: "contactless", Weight: 0.4}, {Name: "magstripe", Weight: 0.05}},
			ThreeDSShare:     0.8,
			AuthStatus:       []world.Weighted{{Name: "approved", Weight: 0.975}, {Name: "declined", Weight: 0.018}, {Name: "review", Weight: 0.007}},
		},
		Seasonality: world.SeasonalityConfig{
			WeekendCategories: []world.Weighted{{Name: "restaurants", Weight: 1.4}, {Name: "entertainment", Weight: 1.6}, {Name: "utilities", Weight: 0.4}},
			Paydays:           world.PaydayConfig{Days: []int{1, 15, -1}, Volume: 1.1, SpanDays: 2},
			Spikes: []world.Spike{
				{Name: "black_friday", From: "11-thu4+1", Days: 4, Volume: 1.6, Fraud: 1.8},
				{Name: "christmas_week", From: "12-18", Days: 7, Volume: 1.35, Fraud: 1.5},
			},
		},
		Fraud: testFraud(),
	}
}

func testFraud() world.FraudConfig {
	return world.FraudConfig{
		Rate: 0.003, Difficulty: 0.5,
		CardTesting: world.CardTestingConfig{
			Episode:   world.Episode{Share: 0.25, Rows: world.IntRange{Min: 6, Max: 16}, Minutes: 10},
			Merchants: world.IntRange{Min: 1, Max: 3}, SmallUSD: world.Range{Min: 0.5, Max: 5}, Declined: 0.6,
			PurchaseFactor: world.Range{Min: 2, Max: 5}, ThreeDS: 0.2,
		},
		AccountTakeover: world.AccountTakeoverConfig{
			Episode:    world.Episode{Share: 0.25, Rows: world.IntRange{Min: 1, Max: 4}, Minutes: 45},
			NightShare: 0.5, ForeignShare: 0.4, AmountFactor: world.Range{Min: 3, Max: 8}, NewDevice: 0.8, ThreeDS: 0.35, Declined: 0.15,
		},
		StolenCard: world.StolenCardConfig{
			Episode:    world.Episode{Share: 0.1, Rows: world.IntRange{Min: 2, Max: 6}, Minutes: 90},
			Categories: []string{"electronics", "jewelry", "money_transfer"}, HighRiskShare: 0.7, ForeignShare: 0.75,
			AmountFactor: world.Range{Min: 2, Max: 5}, Declined: 0.2,
		},
		CompromisedMerchant: world.CompromisedMerchantConfig{
			Episode:   world.Episode{Share: 0.15, Rows: world.IntRange{Min: 1, Max: 3}, Minutes: 60},
			Merchants: 3, Days: world.IntRange{Min: 2, Max: 5}, VictimsPerMillion: 60, DelayDays: world.Range{Min: 1, Max: 10},
			AmountFactor: world.Range{Min: 2, Max: 6}, NewDevice: 0.8, ThreeDS: 0.35, Declined: 0.12,
		},
		DeviceFarm: world.DeviceFarmConfig{
			Episode:   world.Episode{Share: 0.15, Rows: world.IntRange{Min: 6, Max: 20}, Minutes: 60},
			Merchants: world.IntRange{Min: 1, Max: 3}, AmountFactor: world.Range{Min: 1.5, Max: 3}, ThreeDS: 0.3, Declined: 0.25,
		},
		LostStolen: world.LostStolenConfig{
			Episode:        world.Episode{Share: 0.04, Rows: world.IntRange{Min: 2, Max: 6}, Minutes: 120},
			ContactlessUSD: 50, Declined: 0.1,
		},
		Counterfeit: world.CounterfeitConfig{
			Episode:      world.Episode{Share: 0.06, Rows: world.IntRange{Min: 2, Max: 8}, Minutes: 240},
			ForeignShare: 0.6, AmountFactor: world.Range{Min: 1.5, Max: 4}, Declined: 0.35,
		},
	}
}

var date = time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)

// statistical skips, under -short, a statistical check that builds its own
// world of the given size: those run in the full tier (make test), and the
// realism scorecard measures the same properties on a 1M-row file.
func statistical(t *testing.T, rows string) {
	if testing.Short() {
		t.Skipf("a statistical check on its own %s-row world: full tier", rows)
	}
}

func newWorld(t testing.TB, rows int64) *world.World {
	w, err := world.New(testConfig(), 42, rows, date)
	require.NoError(t, err)
	return w
}

func TestBlocksArePureFunctions(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 20000)
	a, b := w.NewBlock(), w.NewBlock()
	b.Fill(3) // fill a different block first: state must not leak between fills
	a.Fill(2)
	b.Fill(2)
	require.Equal(t, a.TxnTime(), b.TxnTime())
	require.Equal(t, a.CardID(), b.CardID())
	require.Equal(t, a.TxnAmount(), b.TxnAmount())
	require.Equal(t, a.DeviceIP(), b.DeviceIP())
	require.Equal(t, a.Valid("x", 0.1), b.Valid("x", 0.1))
}

func TestTimeOrderWindowAndExactFraud(t *testing.T) {
	t.Parallel()
	const rows = 50000
	w := newWorld(t, rows)
	start, end := w.Window()
	b := w.NewBlock()
	prev := int64(0)
	fraud, total := 0, 0
	for i := 0; i < w.Blocks(); i++ {
		b.Fill(i)
		for _, ts := range b.TxnTime() {
			require.GreaterOrEqual(t, ts, prev, "event_time must never decrease")
			prev = ts
			require.GreaterOrEqual(t, ts, start.UnixMicro())
			require.Less(t, ts, end.UnixMicro())
		}
		for _, f := range b.FraudLabel() {
			if f {
				fraud++
			}
		}
		total += b.Len()
	}
	require.Equal(t, rows, total)
	require.Equal(t, 150, fraud) // round(0.003 * 50000)
	require.EqualValues(t, 150, w.FraudTotal())
}

func TestEntitiesAreConsistent(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 40000)
	b := w.NewBlock()
	brand := map[string]string{}
	country := map[string]string{}
	merchantCountry := map[string]string{}
	for i := 0; i < w.Blocks(); i++ {
		b.Fill(i)
		cards, brands, custs, cc := b.CardID(), b.CardBrand(), b.CustomerID(), b.CustomerCountry()
		mers, mc, cur := b.MerchantID(), b.MerchantCountry(), b.MerchantCurrency()
		for j := range cards {
			if v, ok := brand[cards[j]]; ok {
				require.Equal(t, v, brands[j], "card %s changed brand", cards[j])
			}
			brand[strings.Clone(cards[j])] = brands[j]
			if v, ok := country[custs[j]]; ok {
				require.Equal(t, v, cc[j], "customer %s changed country", custs[j])
			}
			country[strings.Clone(custs[j])] = cc[j]
			if v, ok := merchantCountry[mers[j]]; ok {
				require.Equal(t, v, mc[j]+cur[j])
			}
			merchantCountry[strings.Clone(mers[j])] = mc[j] + cur[j]
		}
	}
	require.Greater(t, len(brand), 500)
}

func TestMostPaymentsAreDomestic(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 20000)
	b := w.NewBlock()
	dom, n := 0, 0
	for i := 0; i < w.Blocks(); i++ {
		b.Fill(i)
		mc, cc := b.MerchantCountry(), b.CustomerCountry()
		for j := range mc {
			if mc[j] == cc[j] {
				dom++
			}
			n++
		}
	}
	require.InDelta(t, 0.92, float64(dom)/float64(n), 0.03)
}

func BenchmarkFill(b *testing.B) {
	w := newWorld(b, 1<<20)
	blk := w.NewBlock()
	blk.Fill(0) // grow the block's scratch once
	b.ReportAllocs()
	b.SetBytes(int64(w.BlockRows()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		blk.Fill(i % w.Blocks())
	}
}
