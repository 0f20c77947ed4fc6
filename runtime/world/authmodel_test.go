package world_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// rate is a share of rows.
type rate struct{ hit, n int }

func (r *rate) add(hit bool) {
	r.n++
	if hit {
		r.hit++
	}
}

func (r rate) v() float64 { return float64(r.hit) / float64(max(r.n, 1)) }

// The authorisation model: declines follow channel, card type, cross-border
// and amount; fraud is declined more often than legitimate payments; every
// status has its response codes (docs/scenarios.md).
func TestAuthorisationModel(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	var inStore, online, credit, debit, prepaid, dom, xb, legit rate
	byScen := map[string]*rate{}
	usual := map[string]float64{} // per card: running mean of legitimate amounts (USD)
	count := map[string]int{}
	var small, large rate
	for _, r := range rows {
		dec := r.auth == "declined"
		switch r.auth {
		case "approved":
			assert.Equal(t, "00", r.resp)
		case "review":
			assert.Equal(t, "01", r.resp)
		default:
			assert.NotContains(t, []string{"00", "01"}, r.resp)
		}
		if r.fraud {
			if byScen[r.scenario] == nil {
				byScen[r.scenario] = &rate{}
			}
			byScen[r.scenario].add(dec)
			continue
		}
		legit.add(dec)
		if r.entry == "ecommerce" {
			online.add(dec)
		} else {
			inStore.add(dec)
			if r.merCty == r.custCty {
				dom.add(dec)
			} else {
				xb.add(dec)
			}
		}
		switch r.ctype {
		case "credit":
			credit.add(dec)
		case "debit":
			debit.add(dec)
		case "prepaid":
			prepaid.add(dec)
		}
		if c := count[r.card]; c >= 5 {
			m := usual[r.card] / float64(c)
			if r.usd > 4*m {
				large.add(dec)
			} else if r.usd < m {
				small.add(dec)
			}
		}
		usual[r.card] += r.usd
		count[r.card]++
	}
	t.Logf("declines: in store %.4f, online %.4f; credit %.4f debit %.4f prepaid %.4f; in store domestic %.4f abroad %.4f; below usual %.4f, above 4x usual %.4f",
		inStore.v(), online.v(), credit.v(), debit.v(), prepaid.v(), dom.v(), xb.v(), small.v(), large.v())
	ratio := online.v() / inStore.v()
	assert.True(t, ratio >= 2 && ratio <= 4, "online declines 2-4x in store: %.2f", ratio)
	assert.InDelta(t, 0.04, inStore.v(), 0.025, "in-store approval above 93 %%")
	assert.Less(t, credit.v(), debit.v())
	assert.Less(t, debit.v(), prepaid.v())
	assert.Greater(t, xb.v(), 1.3*dom.v(), "cross-border declines more")
	assert.Greater(t, large.v(), 2*small.v(), "unusual amounts decline more")
	for s, r := range byScen {
		t.Logf("%s: %.3f declined (%d rows)", s, r.v(), r.n)
		assert.Greater(t, r.v(), legit.v(), "%s declined more than legitimate payments", s)
	}
	assert.Greater(t, byScen["card_testing"].v(), 0.4, "card testing mostly declines")
}
