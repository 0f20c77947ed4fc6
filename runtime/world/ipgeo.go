package world

import (
	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/rng"
)

// IP geography: every address is drawn from the IPv4 blocks registered to
// the country the network is in (refdata.IPv4Blocks, from the regional
// registries' delegated statistics), weighted by block size, so an IP
// geolocation lookup finds the customer's (or the merchant's, or the
// visited) country.

// ipSpace is one country's address blocks, picked by size.
type ipSpace struct {
	start []uint32
	size  []uint32
	pick  *dist.Alias // a block, weighted by its size
}

// hostingCountries are where VPN and hosting exits are, by weight: an
// assumption (the large data-centre markets), docs/realism.md.
var hostingCountries = []struct {
	code   string
	weight float64
}{{"US", 0.4}, {"NL", 0.15}, {"DE", 0.15}, {"GB", 0.1}, {"FR", 0.05}, {"SG", 0.05}, {"CA", 0.05}, {"SE", 0.05}}

// buildIPSpace indexes the embedded blocks of each active country.
func (w *World) buildIPSpace() {
	w.ipSpace = make([]ipSpace, len(w.countries))
	for k, c := range w.countries {
		var s ipSpace
		var wts []float64
		for _, b := range refdata.IPv4Blocks(c.code) {
			s.start = append(s.start, b.Start)
			s.size = append(s.size, b.Size)
			wts = append(wts, float64(b.Size))
		}
		if len(wts) > 0 {
			s.pick = dist.NewAlias(wts)
		}
		w.ipSpace[k] = s
	}
	var wts []float64
	for _, h := range hostingCountries {
		for k, c := range w.countries {
			if c.code == h.code && w.ipSpace[k].pick != nil {
				w.hosting = append(w.hosting, k)
				wts = append(wts, h.weight)
			}
		}
	}
	if len(wts) > 0 {
		w.hostingPick = dist.NewCum(wts)
	}
}

// ipIn draws an address of active country k from key (a block by size,
// then an address in it: uniform over the country's space); a country
// without registered space gets any public address.
func (w *World) ipIn(k int, key uint64) uint32 {
	s := &w.ipSpace[k]
	if s.pick == nil {
		return w.publicIP(key)
	}
	x := rng.Mix(key)
	j := s.pick.Pick(x)
	return s.start[j] + uint32(rng.Below(rng.Mix(x), uint64(s.size[j])))
}

// hostingIP is a VPN or hosting exit address: in a data-centre country.
func (w *World) hostingIP(key uint64) uint32 {
	if len(w.hosting) == 0 {
		return w.publicIP(key)
	}
	k := w.hosting[w.hostingPick.Pick(rng.Unit(rng.Mix(key^0x686f7374)))]
	return w.ipIn(k, key)
}
