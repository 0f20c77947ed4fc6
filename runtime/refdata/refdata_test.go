package refdata

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCountries(t *testing.T) {
	cs := Countries()
	require.Len(t, cs, 249)
	re := regexp.MustCompile(`^[A-Z]{2}$`)
	seen := map[string]bool{}
	nonzero := 0
	for i, c := range cs {
		assert.Regexp(t, re, c.Code)
		assert.False(t, seen[c.Code], "duplicate %s", c.Code)
		seen[c.Code] = true
		if i > 0 {
			assert.Less(t, cs[i-1].Code, c.Code, "not sorted")
		}
		assert.NotEmpty(t, c.Name, c.Code)
		_, ok := CurrencyByCode(c.Currency)
		assert.True(t, ok, "%s currency %q not in Currencies()", c.Code, c.Currency)
		assert.True(t, c.Lat >= -90 && c.Lat <= 90 && c.Lon >= -180 && c.Lon <= 180, c.Code)
		assert.True(t, c.UTCOffsetMin >= -720 && c.UTCOffsetMin <= 840 && c.UTCOffsetMin%15 == 0, c.Code)
		assert.GreaterOrEqual(t, c.Volume, 0.0, c.Code)
		if c.Volume > 0 {
			nonzero++
			assert.False(t, c.Lat == 0 && c.Lon == 0, "%s has no centroid", c.Code)
			// The standard offset must agree with the longitude within a few hours (catches sign errors).
			assert.InDelta(t, c.Lon/15, float64(c.UTCOffsetMin)/60, 2.5, "%s offset %d vs lon %f", c.Code, c.UTCOffsetMin, c.Lon)
		}
	}
	assert.GreaterOrEqual(t, nonzero, 35)
	assert.LessOrEqual(t, nonzero, 60)
	us, _ := CountryByCode("US")
	for _, c := range cs {
		if c.Code != "US" {
			assert.Less(t, c.Volume, us.Volume, "US must have the largest volume, %s has more", c.Code)
		}
	}
}

func TestCountryFacts(t *testing.T) {
	cases := []struct {
		code, currency string
		offset         int
	}{
		{"US", "USD", -300}, {"IN", "INR", 330}, {"DE", "EUR", 60}, {"GB", "GBP", 0}, {"JP", "JPY", 540},
		{"BR", "BRL", -180}, {"AU", "AUD", 600}, {"NP", "NPR", 345}, {"CA", "CAD", -300}, {"CN", "CNY", 480},
	}
	for _, tc := range cases {
		c, ok := CountryByCode(tc.code)
		require.True(t, ok, tc.code)
		assert.Equal(t, tc.currency, c.Currency, tc.code)
		assert.Equal(t, tc.offset, c.UTCOffsetMin, tc.code)
	}
	_, ok := CountryByCode("XX")
	assert.False(t, ok)
	_, ok = CountryByCode("us")
	assert.False(t, ok, "lookups are case-sensitive")
}

func TestCurrencies(t *testing.T) {
	cs := Currencies()
	require.GreaterOrEqual(t, len(cs), 150)
	re := regexp.MustCompile(`^[A-Z]{3}$`)
	codes, nums := map[string]bool{}, map[int]bool{}
	for i, c := range cs {
		assert.Regexp(t, re, c.Code)
		assert.False(t, codes[c.Code], "duplicate %s", c.Code)
		assert.False(t, nums[c.Numeric], "duplicate numeric %d", c.Numeric)
		codes[c.Code], nums[c.Numeric] = true, true
		if i > 0 {
			assert.Less(t, cs[i-1].Code, c.Code, "not sorted")
		}
		assert.True(t, c.Numeric > 0 && c.Numeric < 1000, c.Code)
		assert.Contains(t, []int{0, 2, 3, 4}, c.MinorUnits, c.Code)
		assert.Greater(t, c.PerUSD, 0.0, c.Code)
		assert.NotEmpty(t, c.Name, c.Code)
	}
	facts := []struct {
		code           string
		numeric, minor int
	}{{"USD", 840, 2}, {"EUR", 978, 2}, {"JPY", 392, 0}, {"BHD", 48, 3}, {"GBP", 826, 2}, {"KWD", 414, 3}, {"CLF", 990, 4}}
	for _, f := range facts {
		c, ok := CurrencyByCode(f.code)
		require.True(t, ok, f.code)
		assert.Equal(t, f.numeric, c.Numeric, f.code)
		assert.Equal(t, f.minor, c.MinorUnits, f.code)
	}
	usd, _ := CurrencyByCode("USD")
	assert.Equal(t, 1.0, usd.PerUSD)
	eur, _ := CurrencyByCode("EUR")
	assert.True(t, eur.PerUSD > 0.7 && eur.PerUSD < 1.1, "EUR per USD %f", eur.PerUSD)
	_, ok := CurrencyByCode("HRK")
	assert.False(t, ok, "HRK was withdrawn in 2023")
}

func TestMCCs(t *testing.T) {
	ms := MCCs()
	require.GreaterOrEqual(t, len(ms), 200)
	re := regexp.MustCompile(`^[0-9]{4}$`)
	cats := Categories()
	seen := map[string]bool{}
	high := []string{"electronics", "jewelry", "money_transfer", "gambling", "digital_goods"}
	for i, m := range ms {
		assert.Regexp(t, re, m.Code)
		assert.False(t, seen[m.Code], "duplicate %s", m.Code)
		seen[m.Code] = true
		if i > 0 {
			assert.Less(t, ms[i-1].Code, m.Code, "not sorted")
		}
		assert.NotEmpty(t, m.Description, m.Code)
		assert.Contains(t, cats, m.Category, m.Code)
		assert.Contains(t, []string{"low", "medium", "high"}, m.Risk, m.Code)
		if slices.Contains(high, m.Category) {
			assert.Equal(t, "high", m.Risk, m.Code)
		}
		assert.Greater(t, m.MedianUSD, 0.0, m.Code)
		assert.True(t, m.Sigma >= 0.6 && m.Sigma <= 1.2, "%s sigma %f", m.Code, m.Sigma)
		assert.Greater(t, m.Weight, 0.0, m.Code)
		assert.True(t, m.CardPresent >= 0 && m.CardPresent <= 1, m.Code)
	}
	m, ok := MCCByCode("0742")
	require.True(t, ok)
	assert.Equal(t, "Veterinary Services", m.Description)
	m, ok = MCCByCode("5411")
	require.True(t, ok)
	assert.Equal(t, "grocery", m.Category)
	_, ok = MCCByCode("742")
	assert.False(t, ok)
}

func TestCategories(t *testing.T) {
	cats := Categories()
	assert.True(t, slices.IsSorted(cats))
	assert.Len(t, slices.Compact(slices.Clone(cats)), len(cats))
	for _, want := range []string{"grocery", "restaurants", "fuel", "transport", "travel", "lodging", "retail",
		"apparel", "electronics", "jewelry", "entertainment", "digital_goods", "health", "services",
		"utilities", "money_transfer", "gambling", "automotive", "education", "government", "other"} {
		assert.Contains(t, cats, want)
	}
	// Grocery, restaurants and retail carry the largest shares of transactions.
	share := map[string]float64{}
	for _, m := range MCCs() {
		share[m.Category] += m.Weight
	}
	assert.Greater(t, share["grocery"], share["electronics"])
	assert.Greater(t, share["restaurants"], share["jewelry"])
}

// span returns the range's prefixes widened to 6 digits.
func span(b BINRange) (lo, hi uint64) {
	p := uint64(math.Pow10(6 - b.Digits))
	return b.Low * p, (b.High+1)*p - 1
}

func brandOf(t *testing.T, iin string) string {
	v, err := strconv.ParseUint(iin, 10, 64)
	require.NoError(t, err)
	for _, b := range BINRanges() {
		if lo, hi := span(b); v >= lo && v <= hi {
			return b.Brand
		}
	}
	return ""
}

func TestBINRanges(t *testing.T) {
	bs := BINRanges()
	require.NotEmpty(t, bs)
	brands := Brands()
	assert.Equal(t, []string{"visa", "mastercard", "amex", "discover", "jcb", "unionpay"}, brands)
	has := map[string]bool{}
	for i, b := range bs {
		has[b.Brand] = true
		assert.Contains(t, brands, b.Brand)
		assert.LessOrEqual(t, b.Low, b.High)
		assert.True(t, b.Digits >= 1 && b.Digits <= 6)
		assert.Len(t, strconv.FormatUint(b.Low, 10), b.Digits)
		assert.Len(t, strconv.FormatUint(b.High, 10), b.Digits)
		if b.Brand == "amex" {
			assert.Equal(t, 15, b.PANLength)
		} else {
			assert.Equal(t, 16, b.PANLength)
		}
		if i > 0 {
			p := bs[i-1]
			assert.True(t, p.Brand < b.Brand || (p.Brand == b.Brand && p.Low < b.Low), "not sorted at %d", i)
		}
		for _, o := range bs[:i] {
			lo1, hi1 := span(b)
			lo2, hi2 := span(o)
			assert.False(t, lo1 <= hi2 && lo2 <= hi1, "%v overlaps %v", b, o)
		}
	}
	for _, b := range brands {
		assert.True(t, has[b], b)
	}
	for iin, want := range map[string]string{"411111": "visa", "510510": "mastercard", "555555": "mastercard",
		"222100": "mastercard", "272099": "mastercard", "272100": "", "378282": "amex", "341111": "amex",
		"601111": "discover", "650000": "discover", "353011": "jcb", "358999": "jcb", "621234": "unionpay"} {
		assert.Equal(t, want, brandOf(t, iin), iin)
	}
}

func TestLuhn(t *testing.T) {
	valid := []string{"4111111111111111", "378282246310005", "5555555555554444", "6011111111111117",
		"3530111333300000", "79927398713", "0"}
	invalid := []string{"4111111111111112", "378282246310006", "79927398710", "", "4111-1111-1111-1111", "1"}
	for _, s := range valid {
		assert.True(t, LuhnValid(s), s)
	}
	for _, s := range invalid {
		assert.False(t, LuhnValid(s), s)
	}
	assert.Equal(t, byte('1'), LuhnCheckDigit([]byte("411111111111111")))
	assert.Equal(t, byte('3'), LuhnCheckDigit([]byte("7992739871")))
	assert.Equal(t, byte('5'), LuhnCheckDigit([]byte("37828224631000")))
	assert.Equal(t, byte('0'), LuhnCheckDigit(nil))
}

func FuzzLuhn(f *testing.F) {
	for _, s := range []string{"", "4", "411111111111111", "37828224631000", "999999999999999999"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		digits := make([]byte, 0, len(in))
		for _, c := range in {
			digits = append(digits, '0'+c%10)
		}
		check := LuhnCheckDigit(digits)
		if check < '0' || check > '9' {
			t.Fatalf("check digit %q", check)
		}
		pan := string(digits) + string(check)
		if !LuhnValid(pan) {
			t.Fatalf("%s not valid", pan)
		}
		// Luhn detects every single-digit error: any other check digit must fail.
		wrong := []byte(pan)
		wrong[len(wrong)-1] = '0' + (check-'0'+1)%10
		if LuhnValid(string(wrong)) {
			t.Fatalf("%s valid with wrong check digit", wrong)
		}
	})
}

func ip(a, b, c, d uint32) uint32 { return a<<24 | b<<16 | c<<8 | d }

func TestIsPublicIPv4(t *testing.T) {
	cases := []struct {
		ip   uint32
		want bool
	}{
		{ip(0, 0, 0, 0), false}, {ip(0, 255, 255, 255), false}, {ip(1, 0, 0, 0), true},
		{ip(9, 255, 255, 255), true}, {ip(10, 0, 0, 0), false}, {ip(10, 255, 255, 255), false}, {ip(11, 0, 0, 0), true},
		{ip(100, 63, 255, 255), true}, {ip(100, 64, 0, 0), false}, {ip(100, 127, 255, 255), false}, {ip(100, 128, 0, 0), true},
		{ip(126, 255, 255, 255), true}, {ip(127, 0, 0, 1), false}, {ip(128, 0, 0, 0), true},
		{ip(169, 253, 255, 255), true}, {ip(169, 254, 0, 0), false}, {ip(169, 254, 255, 255), false}, {ip(169, 255, 0, 0), true},
		{ip(172, 15, 255, 255), true}, {ip(172, 16, 0, 0), false}, {ip(172, 31, 255, 255), false}, {ip(172, 32, 0, 0), true},
		{ip(191, 255, 255, 255), true}, {ip(192, 0, 0, 0), false}, {ip(192, 0, 0, 255), false}, {ip(192, 0, 1, 0), true},
		{ip(192, 0, 2, 0), false}, {ip(192, 0, 2, 255), false}, {ip(192, 0, 3, 0), true},
		{ip(192, 88, 98, 255), true}, {ip(192, 88, 99, 0), false}, {ip(192, 88, 99, 255), false}, {ip(192, 88, 100, 0), true},
		{ip(192, 167, 255, 255), true}, {ip(192, 168, 0, 0), false}, {ip(192, 168, 255, 255), false}, {ip(192, 169, 0, 0), true},
		{ip(198, 17, 255, 255), true}, {ip(198, 18, 0, 0), false}, {ip(198, 19, 255, 255), false}, {ip(198, 20, 0, 0), true},
		{ip(198, 51, 99, 255), true}, {ip(198, 51, 100, 0), false}, {ip(198, 51, 100, 255), false}, {ip(198, 51, 101, 0), true},
		{ip(203, 0, 112, 255), true}, {ip(203, 0, 113, 0), false}, {ip(203, 0, 113, 255), false}, {ip(203, 0, 114, 0), true},
		{ip(8, 8, 8, 8), true}, {ip(223, 255, 255, 255), true}, {ip(224, 0, 0, 0), false}, {ip(239, 255, 255, 255), false},
		{ip(240, 0, 0, 0), false}, {ip(255, 255, 255, 254), false}, {ip(255, 255, 255, 255), false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, IsPublicIPv4(tc.ip), "%d.%d.%d.%d", tc.ip>>24, tc.ip>>16&255, tc.ip>>8&255, tc.ip&255)
	}
}

// luhnSink keeps the result of LuhnValid, which has no side effect.
var luhnSink bool

func TestLookupsDoNotAllocate(t *testing.T) {
	CountryByCode("US") // load outside the measurement
	code := string([]byte("DE"))
	allocs := testing.AllocsPerRun(100, func() {
		CountryByCode(code)
		CurrencyByCode("EUR")
		MCCByCode("5411")
		luhnSink = LuhnValid("4111111111111111")
		IsPublicIPv4(0x08080808)
	})
	assert.Zero(t, allocs)
}

func TestAccessorsReturnCopies(t *testing.T) {
	cs := Countries()
	cs[0].Code = "ZZ"
	assert.NotEqual(t, "ZZ", Countries()[0].Code)
}

func BenchmarkCountryByCode(b *testing.B) {
	b.ReportAllocs()
	codes := []string{"US", "DE", "IN", "BR", "XX"}
	for i := 0; b.Loop(); i++ {
		CountryByCode(codes[i%len(codes)])
	}
}

func BenchmarkLuhnCheckDigit(b *testing.B) {
	d := []byte("411111111111111")
	b.ReportAllocs()
	b.SetBytes(int64(len(d)))
	for b.Loop() {
		LuhnCheckDigit(d)
	}
}
