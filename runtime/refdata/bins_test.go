package refdata

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBINs(t *testing.T) {
	bs := BINs()
	require.GreaterOrEqual(t, len(bs), 300)
	require.LessOrEqual(t, len(bs), 5000)
	ranges := BINRanges()
	for i, b := range bs {
		require.NoError(t, checkBIN(b))
		if i > 0 {
			// Strictly increasing six-digit prefixes: sorted, and no BIN is listed twice.
			assert.Less(t, bs[i-1].Prefix, b.Prefix)
		}
		inRange := false
		for _, r := range ranges {
			v, err := strconv.ParseUint(b.Prefix[:r.Digits], 10, 64)
			require.NoError(t, err)
			if r.Brand == b.Brand && v >= r.Low && v <= r.High {
				inRange = true
				assert.Equal(t, r.PANLength, b.PANLength, b.Prefix)
			}
		}
		assert.True(t, inRange, "%s %s is outside the %s IIN ranges", b.Prefix, b.Brand, b.Brand)
		if b.Brand == "amex" {
			assert.Equal(t, "credit", b.Type, "Amex issues credit and charge cards only: %s", b.Prefix)
		}
	}
}

func TestBINsOf(t *testing.T) {
	// The largest markets where the source has at least 10 BINs keep at least 10.
	for _, c := range []string{"US", "GB", "DE", "FR", "BR", "IN", "CA", "AU", "JP", "ES", "IT", "MX", "CN", "KR", "TR", "DK"} {
		bs := BINsOf(c)
		assert.GreaterOrEqual(t, len(bs), 10, c)
		for _, b := range bs {
			assert.Equal(t, c, b.Country)
		}
	}
	total := 0
	for _, c := range Countries() {
		total += len(BINsOf(c.Code))
	}
	assert.Equal(t, len(BINs()), total, "every BIN is in exactly one country's list")
	brandsOf := func(c string) map[string]int {
		m := map[string]int{}
		for _, b := range BINsOf(c) {
			m[b.Brand]++
		}
		return m
	}
	assert.Positive(t, brandsOf("CN")["unionpay"], "CN has UnionPay BINs")
	us := brandsOf("US")
	for _, brand := range []string{"visa", "mastercard", "amex", "discover"} {
		assert.Positive(t, us[brand], "US has %s BINs", brand)
	}
	assert.Greater(t, us["visa"], us["amex"])
	assert.Nil(t, BINsOf("XX"))
	a := BINsOf("US")
	a[0].Brand = "changed"
	assert.NotEqual(t, "changed", BINsOf("US")[0].Brand, "BINsOf returns a copy")
}

func TestCheckBINRejects(t *testing.T) {
	good := BIN{Prefix: "411111", Brand: "visa", Type: "debit", Country: "US", PANLength: 16}
	require.NoError(t, checkBIN(good))
	for _, bad := range []BIN{
		{Prefix: "41111", Brand: "visa", Type: "debit", Country: "US", PANLength: 16},
		{Prefix: "41111x", Brand: "visa", Type: "debit", Country: "US", PANLength: 16},
		{Prefix: "411111", Brand: "diners", Type: "debit", Country: "US", PANLength: 16},
		{Prefix: "411111", Brand: "visa", Type: "charge", Country: "US", PANLength: 16},
		{Prefix: "411111", Brand: "visa", Type: "debit", Country: "XX", PANLength: 16},
		{Prefix: "411111", Brand: "visa", Type: "debit", Country: "US", PANLength: 20},
	} {
		assert.Error(t, checkBIN(bad), "%+v", bad)
	}
}
