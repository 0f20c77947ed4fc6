package learn

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// histValues runs rows through a history and returns each row's values by family name.
func histValues(rows []Row) []map[string]string {
	h := newHistory()
	out := make([]uint16, len(historyFamilyDefs))
	var got []map[string]string
	for i := range rows {
		h.next(&rows[i], out)
		m := map[string]string{}
		for f, d := range historyFamilyDefs {
			m[d.name] = d.values[out[f]]
		}
		got = append(got, m)
	}
	return got
}

func withIP(r Row, ip string) Row {
	r.IPAddress = ip
	return r
}

func TestHistorySharingIsCausal(t *testing.T) {
	got := histValues([]Row{
		withIP(hand(0, "alice", "a1", "m", 10, sp("d1")), "ip1"),
		withIP(hand(time.Minute, "alice", "a1", "m", 10, sp("d1")), "ip1"),
		withIP(hand(2*time.Minute, "bob", "b1", "m", 10, sp("d1")), "ip1"),
		withIP(hand(3*time.Minute, "carol", "c1", "m", 10, sp("d1")), "ip1"),
		withIP(hand(4*time.Minute, "dave", "d1", "m", 10, sp("d1")), "ip1"),
		withIP(hand(5*time.Minute, "dave", "d1", "m", 10, sp("d1")), "ip1"),
		withIP(hand(6*time.Minute, "alice", "a1", "m", 10, nil), "ip2"),
	})
	want := []struct{ ip, ipNew, dev, devNew string }{
		{"new", "yes", "new", "yes"},             // nothing before the first row
		{"own only", "no", "own only", "no"},     // alice again
		{"1 other", "yes", "1 other", "yes"},     // bob after alice
		{"2+ others", "yes", "2+ others", "yes"}, // carol after alice and bob
		{"2+ others", "yes", "2+ others", "yes"}, // dave: the sharing record is full, dave is still new
		{"2+ others", "no", "2+ others", "no"},   // dave again: not new (the pair set remembers him)
		{"new", "yes", "no device", "no device"},
	}
	for i, w := range want {
		assert.Equal(t, w.ip, got[i]["ip_other_customers"], "row %d", i)
		assert.Equal(t, w.ipNew, got[i]["ip_new_for_customer"], "row %d", i)
		assert.Equal(t, w.dev, got[i]["device_other_customers"], "row %d", i)
		assert.Equal(t, w.devNew, got[i]["device_new_for_customer"], "row %d", i)
	}
}

func TestHistoryCardVelocity(t *testing.T) {
	declined := hand(5*time.Second, "c", "k", "m", 10, nil)
	declined.AuthStatus = "declined"
	abroad := hand(30*time.Second, "c", "k", "m", 1000, nil)
	abroad.MerchantCountry = "FR"
	got := histValues([]Row{
		hand(0, "c", "k", "m", 10, nil),
		declined,
		abroad,
		hand(10*time.Minute, "c", "k", "m", 10, nil),
		hand(20*time.Minute, "c", "k", "m", 10, nil),
		hand(30*time.Minute, "c", "k", "m", 10, nil),
		hand(65*time.Minute+5*time.Second, "c", "k", "m", 10, nil), // exactly 1 h after the decline
		hand(9*24*time.Hour, "c", "k", "m", 10, nil),
	})
	col := func(name string) []string {
		var v []string
		for _, g := range got {
			v = append(v, g[name])
		}
		return v
	}
	assert.Equal(t, []string{"1", "2", "3", "4-5", "4-5", "6+", "4-5", "1"}, col("card_nth_payment_1h"))
	assert.Equal(t, []string{"first payment", "< 10 s", "10-60 s", "5-60 min", "5-60 min", "5-60 min", "5-60 min", ">= 7 d"}, col("since_prev_card_payment"))
	assert.Equal(t, []string{"first payment", "no", "yes", "yes", "no", "no", "no", "no"}, col("country_differs_from_prev"))
	assert.Equal(t, []string{"no", "no", "yes", "yes", "yes", "yes", "no", "no"}, col("card_declined_1h"), "half-open hour: a decline exactly 1 h earlier is out")
	assert.Equal(t, []string{"first payment", "0.8-1.25", ">= 10", "0.8-1.25", "0.8-1.25", "0.8-1.25", "0.8-1.25", "0.8-1.25"}, col("amount_vs_card_median"))
	assert.Equal(t, []string{"0", "1-2", "1-2", "3-9", "3-9", "3-9", "3-9", "3-9"}, col("card_payments_before"))
}

func TestCardMedianOfTheLatestAmounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	var c cardHistory
	h := newHistory()
	var all []float32
	for i := range 200 {
		v := float32(rng.IntN(50)) // ties
		if i > 0 {
			last := all[max(0, len(all)-cardAmounts):]
			sorted := slices.Sorted(slices.Values(last))
			k := len(sorted)
			want := float64(sorted[k/2])
			if k%2 == 0 {
				want = (float64(sorted[k/2-1]) + want) / 2
			}
			require.Equal(t, max(want, 1), h.median(&c), "after %d amounts", i)
		}
		c.addAmount(v)
		c.n++
		all = append(all, v)
	}
}
