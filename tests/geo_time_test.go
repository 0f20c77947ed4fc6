package tests

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/refdata"
)

// Merchant locations are the merchant country's centroid ± 0.5° (uniform,
// clamped to the globe), with 6 decimals.
func TestLocationsJitterAroundCountryCentroid(t *testing.T) {
	tb := readArrow(t, small(t), "merchant_country", "latitude", "longitude")
	mc, _ := tb.strings(t, "merchant_country")
	lat, ok := tb.floats(t, "latitude")
	lon, _ := tb.floats(t, "longitude")
	centroid := map[string]refdata.Country{}
	for _, c := range refdata.Countries() {
		centroid[c.Code] = c
	}
	var dLat, dLon []float64
	for i := range mc {
		if !ok[i] {
			continue
		}
		c := centroid[mc[i]]
		wantLat := math.Max(-90, math.Min(90, c.Lat))
		require.InDelta(t, wantLat, lat[i], 0.5+1e-6, "row %d latitude vs %s centroid", i, mc[i])
		require.InDelta(t, c.Lon, lon[i], 0.5+1e-6, "row %d longitude vs %s centroid", i, mc[i])
		dLat = append(dLat, lat[i]-c.Lat)
		dLon = append(dLon, lon[i]-c.Lon)
	}
	// Uniform jitter: offsets fill the whole ±0.5° square, not a point.
	for _, d := range [][]float64{dLat, dLon} {
		lo, hi := d[0], d[0]
		for _, v := range d {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		assert.Less(t, lo, -0.45)
		assert.Greater(t, hi, 0.45)
	}
}

// The hour of day, in the merchant's local time, peaks in the evening
// (the schema's normal component at 18 h ± 3 h) and is quiet at night.
func TestLocalHourPeaksInTheEvening(t *testing.T) {
	tb := readArrow(t, small(t), "merchant_country", "event_time")
	mc, _ := tb.strings(t, "merchant_country")
	ts := tb.int64s(t, "event_time")
	offset := map[string]int64{}
	for _, c := range refdata.Countries() {
		offset[c.Code] = int64(c.UTCOffsetMin)
	}
	var hours [24]float64
	for i, us := range ts {
		min := us/60e6 + offset[mc[i]]
		h := ((min/60)%24 + 24) % 24
		hours[h]++
	}
	peak := 0
	for h := range hours {
		if hours[h] > hours[peak] {
			peak = h
		}
	}
	assert.GreaterOrEqual(t, peak, 16, "local peak hour %d", peak)
	assert.LessOrEqual(t, peak, 20, "local peak hour %d", peak)
	evening := hours[17] + hours[18] + hours[19]
	night := hours[3] + hours[4] + hours[5]
	assert.Greater(t, evening, 3*night, "evening %v vs night %v", evening, night)
}
