package world_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/world"
)

// At MaxRows every id fits its width; one row more is refused before anything
// is built (issue 13: --rows 1e12 built the world until 7 GB of RSS).
func TestMaxRowsIDsFit(t *testing.T) {
	t.Parallel()
	cfg := generated.Config
	m := world.MaxRows(cfg)
	t.Logf("MaxRows = %d", m)
	assert.Greater(t, m, int64(100_000_000))
	assert.Less(t, m, int64(200_000_000), "the shipped schema: 6-digit merchant ids, 200 rows per merchant")
	date := time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)
	w, err := world.New(cfg, 42, m, date)
	require.NoError(t, err)
	c, card, mer := w.IDRange()
	assert.Less(t, c, int64(1e7), "customer ids: %d digits", world.CustomerDigits)
	assert.Less(t, card, int64(1e8), "card ids: %d digits", world.CardDigits)
	assert.Less(t, mer, int64(1e6), "merchant ids: %d digits", world.MerchantDigits)
	assert.Less(t, m-1, int64(1e10))

	start := time.Now()
	_, err = world.New(cfg, 42, m+1, date)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fit the ids' widths")
	_, err = world.New(cfg, 42, 1e12, date)
	require.Error(t, err)
	assert.Less(t, time.Since(start), time.Second)
}
