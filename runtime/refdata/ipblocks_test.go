package refdata

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ipv4(a, b, c, d uint32) uint32 { return a<<24 | b<<16 | c<<8 | d }

func TestIPv4Blocks(t *testing.T) {
	total, countries := 0, 0
	for _, c := range Countries() {
		bs := IPv4Blocks(c.Code)
		if len(bs) == 0 {
			assert.Empty(t, RIROf(c.Code), c.Code)
			continue
		}
		countries++
		total += len(bs)
		assert.LessOrEqual(t, len(bs), 200, c.Code)
		assert.Contains(t, rirs, RIROf(c.Code), c.Code)
		var addrs uint64
		for i, b := range bs {
			require.Positive(t, b.Size, c.Code)
			require.LessOrEqual(t, uint64(b.Start)+uint64(b.Size), uint64(1)<<32, c.Code)
			if i > 0 {
				assert.LessOrEqual(t, uint64(bs[i-1].Start)+uint64(bs[i-1].Size), uint64(b.Start), "%s blocks sorted and disjoint", c.Code)
			}
			// Every address is public: check both ends and the middle, and the range as a whole.
			for _, ip := range []uint32{b.Start, b.Start + b.Size/2, b.Start + b.Size - 1} {
				assert.True(t, IsPublicIPv4(ip), "%s %08x", c.Code, ip)
				got, ok := CountryOfIPv4(ip)
				assert.True(t, ok)
				assert.Equal(t, c.Code, got, "%08x maps back to its country", ip)
			}
			assert.True(t, blockIsPublic(b), c.Code)
			addrs += uint64(b.Size)
		}
		if c.Volume > 0 {
			assert.GreaterOrEqual(t, len(bs), 100, "%s: a market keeps many blocks", c.Code)
			assert.Greater(t, addrs, uint64(1_000_000), "%s: a market keeps over a million addresses", c.Code)
		}
	}
	assert.GreaterOrEqual(t, countries, 220)
	assert.Greater(t, total, 5000)
	us, cn := 0, 0
	for _, b := range IPv4Blocks("US") {
		us += int(b.Size)
	}
	for _, b := range IPv4Blocks("CN") {
		cn += int(b.Size)
	}
	assert.Greater(t, us, 500_000_000, "the US holds the most IPv4 space")
	assert.Greater(t, us, cn)
	assert.Nil(t, IPv4Blocks("XX"))
}

func TestRIROf(t *testing.T) {
	for c, want := range map[string]string{
		"US": "arin", "CA": "arin", "DE": "ripencc", "GB": "ripencc", "RU": "ripencc", "SA": "ripencc",
		"BR": "lacnic", "MX": "lacnic", "AR": "lacnic", "CN": "apnic", "JP": "apnic", "IN": "apnic",
		"AU": "apnic", "ZA": "afrinic", "NG": "afrinic", "EG": "afrinic",
	} {
		assert.Equal(t, want, RIROf(c), c)
	}
	assert.Empty(t, RIROf("AQ"))
	assert.Empty(t, RIROf("XX"))
}

func TestCountryOfIPv4(t *testing.T) {
	for _, ip := range []uint32{ipv4(10, 1, 2, 3), ipv4(127, 0, 0, 1), ipv4(192, 168, 1, 1), ipv4(0, 0, 0, 0),
		ipv4(255, 255, 255, 255), ipv4(100, 64, 0, 1), ipv4(224, 0, 0, 1)} {
		_, ok := CountryOfIPv4(ip)
		assert.False(t, ok, "%08x is not public", ip)
	}
	// Large well-known delegations: 1.80.0.0/12 China Telecom, 8.0.0.0/9 Level 3, 41.0.0.0/11 ZA,
	// 80.128.0.0/11 Deutsche Telekom, 126.0.0.0/8 SoftBank.
	for ip, want := range map[uint32]string{ipv4(1, 80, 0, 7): "CN", ipv4(8, 8, 8, 8): "US", ipv4(41, 0, 0, 1): "ZA",
		ipv4(80, 130, 1, 1): "DE", ipv4(126, 1, 2, 3): "JP"} {
		got, ok := CountryOfIPv4(ip)
		if assert.True(t, ok, "%08x", ip) {
			assert.Equal(t, want, got, "%08x", ip)
		}
	}
}

func TestBlockIsPublic(t *testing.T) {
	assert.True(t, blockIsPublic(IPv4Block{Start: ipv4(8, 0, 0, 0), Size: 1 << 24}))
	assert.False(t, blockIsPublic(IPv4Block{Start: ipv4(9, 255, 255, 0), Size: 512}), "runs into 10/8")
	assert.False(t, blockIsPublic(IPv4Block{Start: ipv4(100, 127, 255, 255), Size: 1}), "last address of 100.64/10")
	assert.True(t, blockIsPublic(IPv4Block{Start: ipv4(100, 128, 0, 0), Size: 256}))
	assert.False(t, blockIsPublic(IPv4Block{Start: ipv4(223, 255, 255, 0), Size: 512}), "runs into multicast")
}
