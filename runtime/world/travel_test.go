package world_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Legitimate customers pay in store abroad only on trips: a card-present
// card does not jump countries within two hours, and cross-border payments
// are mostly online.
func TestNoLegitimateTeleports(t *testing.T) {
	t.Parallel()
	_, rows := fraudSample(t)
	type last struct {
		t   int64
		cty string
	}
	prev := map[string]last{}
	jumped, cards := map[string]bool{}, map[string]bool{}
	var inStore, online rate
	for _, r := range rows {
		if r.fraud {
			continue
		}
		xb := r.merCty != r.custCty
		if r.entry == "ecommerce" {
			online.add(xb)
			continue
		}
		inStore.add(xb)
		cards[r.card] = true
		if l, ok := prev[r.card]; ok && l.cty != r.merCty && r.time-l.t < 2*3600e6 {
			jumped[r.card] = true
		}
		prev[r.card] = last{r.time, r.merCty}
	}
	share := float64(len(jumped)) / float64(len(cards))
	t.Logf("card-present cards changing country within 2 h: %d of %d (%.4f); cross-border in store %.4f, online %.4f",
		len(jumped), len(cards), share, inStore.v(), online.v())
	assert.Less(t, share, 0.02)
	assert.Greater(t, online.v(), 3*inStore.v())
	assert.Greater(t, inStore.v(), 0.005, "trips still bring card-present payments abroad")
}
