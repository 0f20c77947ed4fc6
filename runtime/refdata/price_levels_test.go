package refdata

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPriceLevels(t *testing.T) {
	us, ok := PriceLevel("US")
	require.True(t, ok)
	assert.Equal(t, 1.0, us)
	n := 0
	for _, c := range Countries() {
		p, ok := PriceLevel(c.Code)
		if !ok {
			continue
		}
		n++
		assert.True(t, p > 0.05 && p < 3, "%s price level %f", c.Code, p)
		assert.GreaterOrEqual(t, priceLevels()[c.Code].year, 2019, c.Code)
	}
	assert.GreaterOrEqual(t, n, 180)
	// Sanity: Switzerland and Norway above the US, the euro area and Japan below, India and
	// Nigeria far below (ICP 2021 and later).
	level := func(c string) float64 {
		p, ok := PriceLevel(c)
		require.True(t, ok, c)
		return p
	}
	assert.Greater(t, level("CH"), 1.0)
	for _, c := range []string{"DE", "FR", "GB", "JP", "ES", "IT", "CN", "BR", "MX"} {
		assert.True(t, level(c) > 0.3 && level(c) < 1, "%s %f", c, level(c))
	}
	assert.Less(t, level("IN"), 0.4)
	assert.Less(t, level("NG"), 0.4)
	assert.Less(t, level("IN"), level("CN"))
	// Every market but Taiwan (not in World Bank data) has a value.
	for _, c := range Countries() {
		if c.Volume > 0 && c.Code != "TW" {
			_, ok := PriceLevel(c.Code)
			assert.True(t, ok, c.Code)
		}
	}
	_, ok = PriceLevel("XX")
	assert.False(t, ok)
}
