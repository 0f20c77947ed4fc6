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
			Types:  []world.Weighted{{Name: "credit", Weight: 0.5}, {Name: "debit", Weight: 0.5}},
		},
		Merchant: world.MerchantConfig{RowsPerEntity: 200, Zipf: 1, JitterDegrees: 0.5},
		Device:   world.DeviceConfig{Types: []world.Weighted{{Name: "mobile", Weight: 0.7}, {Name: "desktop", Weight: 0.3}}},
		Payment: world.PaymentConfig{
			CardPresentModes: []world.Weighted{{Name: "chip", Weight: 0.6}, {Name: "contactless", Weight: 0.4}},
			ThreeDSShare:     0.8,
			AuthStatus:       []world.Weighted{{Name: "approved", Weight: 0.95}, {Name: "declined", Weight: 0.05}},
		},
		Fraud: world.FraudConfig{Rate: 0.003, Scenarios: []world.Weighted{
			{Name: "card_testing", Weight: 0.3}, {Name: "account_takeover", Weight: 0.3}, {Name: "stolen_card", Weight: 0.25}, {Name: "device_farm", Weight: 0.15}}},
	}
}

var date = time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)

func newWorld(t testing.TB, rows int64) *world.World {
	w, err := world.New(testConfig(), 42, rows, date)
	require.NoError(t, err)
	return w
}

func TestBlocksArePureFunctions(t *testing.T) {
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
	b.ReportAllocs()
	b.SetBytes(int64(w.BlockRows()))
	for i := 0; i < b.N; i++ {
		blk.Fill(i % w.Blocks())
	}
}
