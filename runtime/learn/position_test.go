package learn

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChiSquareSF(t *testing.T) {
	for _, x := range []float64{0.5, 3, 10, 40} {
		assert.InDelta(t, math.Exp(-x/2), ChiSquareSF(x, 2), 1e-12, "2 df is exp(−x/2)")
	}
	for _, x := range []float64{0.3, 2, 9, 30, 80, 300} {
		// even df: exp(−x/2) Σ_{i<df/2} (x/2)^i / i!; 1 df: erfc(√(x/2))
		sum, term := 0.0, 1.0
		for i := range 5 {
			if i > 0 {
				term *= x / 2 / float64(i)
			}
			sum += term
		}
		want := math.Exp(-x/2) * sum
		assert.InEpsilon(t, want, ChiSquareSF(x, 10), 1e-9, "x = %g", x)
		assert.InEpsilon(t, math.Erfc(math.Sqrt(x/2)), ChiSquareSF(x, 1), 1e-9, "x = %g", x)
	}
	// the usual table: 9 df at 5 % and 1 %
	assert.InDelta(t, 0.05, ChiSquareSF(16.919, 9), 1e-4)
	assert.InDelta(t, 0.01, ChiSquareSF(21.666, 9), 1e-5)
	assert.Equal(t, 1.0, ChiSquareSF(0, 9))
	assert.Less(t, ChiSquareSF(400, 9), 1e-70)
}

// positionRows builds rows one second apart, each of its own card, whose fraud
// probability is p(i) for row i.
func positionRows(n int, seed uint64, p func(i int) float64) []Row {
	rng := rand.New(rand.NewPCG(seed, 1))
	rows := make([]Row, n)
	for i := range rows {
		rows[i] = hand(time.Duration(i)*time.Second, "c", "k"+strconv.Itoa(i), "m", 10, nil)
		rows[i].DeviceID = nil
		rows[i].LabelFraud = rng.Float64() < p(i)
	}
	return rows
}

// Fraud that comes in episodes (several rows of one card within minutes) at
// random positions is not positional: the chi-square allows for the
// episodes' dispersion, which a row-independent test would not.
func TestPositionAllowsEpisodes(t *testing.T) {
	for seed := range seeds(3) {
		rng := rand.New(rand.NewPCG(seed, 9))
		rows := positionRows(400_000, seed+20, func(int) float64 { return 0 })
		for e := 0; e < 100; e++ { // 100 episodes of 12 rows on one card
			start := rng.IntN(len(rows) - 40)
			for j := 0; j < 12; j++ {
				r := &rows[start+3*j]
				r.LabelFraud = true
				r.CardID = "ep" + strconv.Itoa(e)
			}
		}
		rep := positionReport(rows, DefaultPeriods...)
		assert.InDelta(t, 12, rep.Dispersion, 1, "12-row episodes")
		for _, p := range rep.Periods {
			assert.False(t, p.Fails, "seed %d period %d: p = %g", seed, p.Period, p.P)
		}
	}
}

// seeds is how many seeds a false-alarm check runs: n, or one under -short.
func seeds(n uint64) uint64 {
	if testing.Short() {
		return 1
	}
	return n
}

func positionReport(rows []Row, periods ...int64) PositionReport {
	p := newPositions(periods)
	for i := range rows {
		p.add(&rows[i])
	}
	return p.report(DefaultPositionAlpha)
}

func TestPositionFindsBlockStarts(t *testing.T) {
	// 4x the base rate in the first tenth of every 5,000 rows
	rows := positionRows(300_000, 1, func(i int) float64 {
		if i%5000 < 500 {
			return 0.012
		}
		return 0.003
	})
	rep := positionReport(rows, 5000, 7000, 200_000)
	require.Len(t, rep.Periods, 2)
	assert.Equal(t, []int64{200_000}, rep.Skipped, "fewer than two periods of rows")
	blocks := rep.Periods[0]
	assert.True(t, blocks.Fails, "p = %g", blocks.P)
	assert.Less(t, blocks.P, 1e-20)
	assert.Equal(t, 9, blocks.DF)
	assert.Greater(t, blocks.Bins[0].Rate, 2.5*blocks.Bins[5].Rate)
	assert.Greater(t, blocks.Head.Rate, 3*blocks.Tail.Rate)
	require.NotNil(t, blocks.MaxMinRatio)
	assert.Greater(t, *blocks.MaxMinRatio, 2.5)
	assert.False(t, rep.Periods[1].Fails, "7,000 is not a multiple of the structure: p = %g", rep.Periods[1].P)
	var rows10 int64
	for _, b := range blocks.Bins {
		rows10 += b.Rows
	}
	assert.EqualValues(t, 300_000, rows10)
}

func TestPositionFlatPasses(t *testing.T) {
	for seed := range seeds(5) {
		rows := positionRows(400_000, seed+10, func(int) float64 { return 0.003 })
		rep := positionReport(rows, DefaultPeriods...)
		require.Len(t, rep.Periods, len(DefaultPeriods))
		for _, p := range rep.Periods {
			assert.False(t, p.Fails, "seed %d period %d: p = %g", seed, p.Period, p.P)
			assert.Greater(t, p.P, 1e-4)
		}
	}
}

// A fraud rate that depends on the hour of day is not positional: the expectation of each
// decile follows the hours of its rows.
func TestPositionAllowsHourOfDay(t *testing.T) {
	// rows one second apart: period 86,400 lines up with the day, so its deciles are hours
	rows := positionRows(5*86_400, 7, func(i int) float64 {
		if (i%86_400)/3600 < 6 {
			return 0.009 // 3x at night
		}
		return 0.003
	})
	rep := positionReport(rows, 86_400)
	require.Len(t, rep.Periods, 1)
	p := rep.Periods[0]
	assert.Greater(t, p.Bins[0].Rate, 2*p.Bins[5].Rate, "the raw deciles differ")
	assert.False(t, p.Fails, "p = %g", p.P)
}

func TestDayPulse(t *testing.T) {
	rows := positionRows(3*86_400, 3, func(i int) float64 {
		if i/86_400 == 1 {
			return 0.02
		}
		return 0.002
	})
	for i := range rows {
		rows[i].EventTime -= 10 * microsPerHour // from midnight
	}
	rep := positionReport(rows)
	require.Len(t, rep.Days, 3)
	assert.Equal(t, t0.Format(time.DateOnly), rep.Days[0].Day)
	assert.Greater(t, rep.Days[1].Rate, 5*rep.Days[0].Rate)
	assert.Less(t, rep.DaysP, 1e-10)
	assert.Equal(t, 2, rep.DaysDF)
}
