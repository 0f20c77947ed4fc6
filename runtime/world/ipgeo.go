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

// ipSpace is the active countries' address blocks, picked by size: table k
// of pick draws an index into country k's blocks (none: an empty table).
type ipSpace struct {
	blocks [][]ipBlock
	pick   dist.AliasSet
}

type ipBlock struct{ start, size uint32 }

// has reports whether country k has registered address space.
func (s *ipSpace) has(k int) bool { return s.pick.Len(k) > 0 }

// hostingCountries are where VPN and hosting exits are, by weight: an
// assumption (the large data-centre markets), docs/realism.md.
var hostingCountries = []struct {
	code   string
	weight float64
}{{"US", 0.4}, {"NL", 0.15}, {"DE", 0.15}, {"GB", 0.1}, {"FR", 0.05}, {"SG", 0.05}, {"CA", 0.05}, {"SE", 0.05}}

// buildIPSpace indexes the embedded blocks of each active country.
func (w *World) buildIPSpace() {
	s := &w.ipSpace
	s.blocks = make([][]ipBlock, len(w.countries))
	sizes := make([]int, len(w.countries))
	for k, c := range w.countries {
		bs := refdata.IPv4Blocks(c.code)
		s.blocks[k] = make([]ipBlock, len(bs))
		for i, b := range bs {
			s.blocks[k][i] = ipBlock{b.Start, b.Size}
		}
		sizes[k] = len(bs)
	}
	// a block by its size: one alias table per country in one set
	s.pick = dist.NewAliasSet(sizes)
	var wts []float64
	var scratch dist.AliasScratch
	for k, bs := range s.blocks {
		if len(bs) == 0 {
			continue
		}
		wts = wts[:0]
		for _, b := range bs {
			wts = append(wts, float64(b.size))
		}
		s.pick.Fill(k, wts, &scratch)
	}
	wts = wts[:0]
	for _, h := range hostingCountries {
		for k, c := range w.countries {
			if c.code == h.code && w.ipSpace.has(k) {
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
	s := &w.ipSpace
	if !s.has(k) {
		return w.publicIP(key)
	}
	x := rng.Mix(key)
	b := s.blocks[k][s.pick.Pick(k, x)]
	return b.start + uint32(rng.Below(rng.Mix(x), uint64(b.size)))
}

// hostingIP is a VPN or hosting exit address: in a data-centre country.
func (w *World) hostingIP(key uint64) uint32 {
	if len(w.hosting) == 0 {
		return w.publicIP(key)
	}
	k := w.hosting[w.hostingPick.Pick(rng.Unit(rng.Mix(key^0x686f7374)))]
	return w.ipIn(k, key)
}
