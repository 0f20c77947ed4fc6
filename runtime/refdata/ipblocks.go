package refdata

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
)

// IPv4Block is a range of IPv4 addresses, Start to Start+Size-1 (big-endian uint32, as IsPublicIPv4 takes).
type IPv4Block struct {
	Start uint32
	Size  uint32
}

var rirs = []string{"afrinic", "apnic", "arin", "lacnic", "ripencc"}

type ipTable struct {
	starts    []uint32 // all kept blocks sorted by Start, for CountryOfIPv4
	blocks    []IPv4Block
	countries []string // country of blocks[i]
	byCountry map[string][]IPv4Block
	rir       map[string]string
}

var ips = embedded(loadIPs)

func loadIPs() (*ipTable, error) {
	n := csvRows("ipv4_blocks.csv")
	t := &ipTable{starts: make([]uint32, 0, n), blocks: make([]IPv4Block, 0, n), countries: make([]string, 0, n), rir: map[string]string{}}
	var end uint64 // one past the last address of the previous block
	err := readCSV("ipv4_blocks.csv", 3, func(rec []string) error {
		f := fields{rec: rec}
		country, start := f.str(), f.str()
		size := f.uint()
		if f.err != nil {
			return f.err
		}
		a, err := netip.ParseAddr(start)
		if err != nil || !a.Is4() {
			return fmt.Errorf("start %q is not an IPv4 address", start)
		}
		b4 := a.As4()
		b := IPv4Block{Start: uint32(b4[0])<<24 | uint32(b4[1])<<16 | uint32(b4[2])<<8 | uint32(b4[3])}
		if size == 0 || uint64(b.Start)+size > 1<<32 {
			return fmt.Errorf("block %s size %d is empty or past 255.255.255.255", start, size)
		}
		b.Size = uint32(size)
		if _, ok := CountryByCode(country); !ok {
			return fmt.Errorf("unknown country %q", country)
		}
		if uint64(b.Start) < end {
			return fmt.Errorf("block %s overlaps or precedes the previous block", start)
		}
		if !blockIsPublic(b) {
			return fmt.Errorf("block %s/%d holds non-public addresses", start, size)
		}
		end = uint64(b.Start) + size
		t.starts = append(t.starts, b.Start)
		t.blocks = append(t.blocks, b)
		t.countries = append(t.countries, country)
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.byCountry = groupBy(t.blocks, func(i int) string { return t.countries[i] })
	err = readCSV("country_rir.csv", 2, func(rec []string) error {
		country, rir := rec[0], rec[1]
		if _, ok := CountryByCode(country); !ok {
			return fmt.Errorf("unknown country %q", country)
		}
		if !slices.Contains(rirs, rir) {
			return fmt.Errorf("unknown registry %q", rir)
		}
		t.rir[country] = rir
		return nil
	})
	return t, err
}

// blockIsPublic reports whether no address of b is in a non-public range of IsPublicIPv4.
func blockIsPublic(b IPv4Block) bool {
	lo, hi := uint64(b.Start), uint64(b.Start)+uint64(b.Size)
	for _, n := range nonPublic {
		nlo := uint64(n.base)
		nhi := nlo + uint64(^n.mask) + 1
		if lo < nhi && nlo < hi {
			return false
		}
	}
	return true
}

// IPv4Blocks returns the IPv4 address blocks kept for country (ISO alpha-2), sorted by Start; nil when
// the table has none. They are the largest of the country's delegated blocks, not all of them (see README).
// The slice is a fresh copy.
func IPv4Blocks(country string) []IPv4Block { return slices.Clone(ips().byCountry[country]) }

// RIROf returns the regional internet registry that administers most of country's IPv4 space:
// "afrinic", "apnic", "arin", "lacnic" or "ripencc"; "" for a country without IPv4 space.
func RIROf(country string) string { return ips().rir[country] }

// CountryOfIPv4 returns the country of the kept block holding ip, and false when no kept block holds it.
func CountryOfIPv4(ip uint32) (string, bool) {
	t := ips()
	i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > ip }) - 1
	if i < 0 || uint64(ip) >= uint64(t.blocks[i].Start)+uint64(t.blocks[i].Size) {
		return "", false
	}
	return t.countries[i], true
}
