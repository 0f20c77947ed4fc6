package world_test

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fraud lifecycle: fraud is reported after a delay, the card is blocked
// then and never used again, and its owner pays with a new card (same brand,
// type and BIN) afterwards; fraud.reported_at is null after the window.
func TestFraudLifecycle(t *testing.T) {
	t.Parallel()
	w, rows := fraudSample(t)
	end := date.UnixMicro()
	reported := map[string]int64{} // card -> report time
	firstFraud := map[string]int64{}
	owner := map[string]string{}
	var delays []float64
	nullAfter, fraudRows := 0, 0
	for _, r := range rows {
		owner[r.card] = r.cust
		if !r.fraud {
			assert.Zero(t, r.reportedAt, "reported_at is null on legitimate rows")
			continue
		}
		fraudRows++
		if _, ok := firstFraud[r.card]; !ok {
			firstFraud[r.card] = r.time
		}
		if r.reportedAt == 0 {
			nullAfter++
			continue
		}
		require.Greater(t, r.reportedAt, r.time, "reported after the fraud")
		require.Less(t, r.reportedAt, end)
		if at, ok := reported[r.card]; ok {
			require.Equal(t, at, r.reportedAt, "one report per card")
		} else {
			reported[r.card] = r.reportedAt
			delays = append(delays, float64(r.reportedAt-firstFraud[r.card])/86400e6)
		}
	}
	require.NotEmpty(t, delays)
	sort.Float64s(delays)
	med := delays[len(delays)/2]
	t.Logf("%d cards reported in the window, %d fraud rows reported after it; report delay from first fraud: median %.2f days, p90 %.2f", len(reported), nullAfter, med, delays[len(delays)*9/10])
	assert.InDelta(t, 2, med, 1.5, "median report delay of a few days")
	assert.Positive(t, nullAfter, "some fraud is not reported by the end of the window")
	assert.Less(t, nullAfter, fraudRows/2)

	// a blocked card is never used after its report, and its owner pays
	// with a new card of the same brand and BIN afterwards
	newCards := 0
	byCust := map[string][]row{}
	for _, r := range rows {
		byCust[r.cust] = append(byCust[r.cust], r)
	}
	pan := map[string]string{}
	for _, r := range rows {
		pan[r.card] = r.pan
	}
	for card, at := range reported {
		var before map[string]bool
		for _, r := range byCust[owner[card]] {
			if r.card == card {
				require.LessOrEqual(t, r.time, at, "card %s used after it was blocked (fraud %v %s, row %d)", card, r.fraud, r.scenario, r.idx)
			}
			if r.time < at {
				if before == nil {
					before = map[string]bool{}
				}
				before[r.card] = true
			} else if !before[r.card] && r.card != card {
				if pan[r.card][:6] == pan[card][:6] {
					newCards++
					break
				}
			}
		}
	}
	t.Logf("%d owners of blocked cards pay with a new card of the same BIN afterwards", newCards)
	assert.Greater(t, newCards, len(reported)/10)
	_ = w
}
