package world

import "github.com/paygen/paygen/runtime/rng"

// Households and networks: the IP address a payment comes from is a
// property of where the device is, not of the device (docs/scenarios.md,
// "Legitimate sharing"). Customers live in households that share a home
// broadband IP (re-leased every few weeks) and, sometimes, a shared device;
// phones on mobile data sit behind their carrier's carrier-grade NAT, whose
// few addresses many subscribers share at once; desktops are sometimes at
// an office that puts its staff behind one address; and anyone may use
// public Wi-Fi; a few use a VPN. Fraudsters come through the same kinds of networks
// (residential proxies are other people's home connections), so an IP or
// device already seen with another customer is a weak signal, not a label.

// Network pool sizes: one address per this many customers of a country.
const (
	custPerCGNAT   = 300  // carrier-grade NAT addresses
	custPerOffice  = 40   // office gateways
	custPerHotspot = 500  // public Wi-Fi hotspots
	leaseDays      = 45   // a home broadband address is re-leased about this often
	custPerVPN     = 1000 // VPN and hosting exits, one pool for the world
	sharedDevice   = 0.15 // share of a multi-person household's online payments on its shared device
	legitVPN       = 0.04 // share of legitimate online payments through a VPN
	travelWiFi     = 0.6  // share of a traveller's online payments on local Wi-Fi (else roaming: the home carrier)
)

// Household sizes, counting only members who are customers of the dataset
// (most people share a home with others, but not all of them bank here).
var householdCum = [4]uint64{70, 90, 97, 100} // sizes 1, 2, 3, 4 (cumulative per cent)

// household returns the head (first member) and size of customer cust's
// household: customers 4h .. 4h+size-1 of one country form household h,
// and the others of that group of four live alone.
func (w *World) household(cust uint32, country int) (uint32, int) {
	base := cust &^ 3
	u := rng.Below(rng.Mix(w.netKey^uint64(base)), 100)
	size := 1
	for size < 4 && u >= householdCum[size-1] {
		size++
	}
	start := w.customers.start[country]
	if int(cust-base) >= size || base < start || base+uint32(size) > start+w.customers.count[country] {
		return cust, 1
	}
	return base, size
}

// homeIP is the home broadband address of the household headed by head at
// time t (µs): re-leased every leaseDays days at a household's own phase.
func (w *World) homeIP(head uint32, t int64) uint32 {
	h := rng.Mix(w.netKey ^ uint64(head)<<20 ^ 0x686f6d65)
	gen := (t/86400e6 + int64(h%leaseDays)) / leaseDays
	return w.ipIn(w.customers.owner(head), rng.Key(h, uint64(gen)))
}

// poolIP is address idx of a country's pool of kind (1 CGNAT, 2 office,
// 3 hotspot).
func (w *World) poolIP(kind uint64, country int, idx uint64) uint32 {
	return w.ipIn(country, rng.Key(w.netKey, kind<<48|uint64(country)<<32|idx))
}

// poolSize is the number of addresses of a country's pool with one address
// per per customers.
func (w *World) poolSize(country int, per uint32) uint64 {
	return uint64(max(4, w.customers.count[country]/per))
}

// cgnatIP is the carrier-grade NAT address a phone on mobile data shows in
// the half hour of time t.
func (w *World) cgnatIP(country int, dev uint64, t int64) uint32 {
	idx := rng.Below(rng.Mix(w.netKey^dev^uint64(t/1800e6)<<40), w.poolSize(country, custPerCGNAT))
	return w.poolIP(1, country, idx)
}

// officeIP is the gateway address of customer cust's office.
func (w *World) officeIP(country int, cust uint32) uint32 {
	return w.poolIP(2, country, rng.Below(rng.Mix(w.netKey^uint64(cust)<<8^0x6f6666), w.poolSize(country, custPerOffice)))
}

// hotspotIP is a public Wi-Fi address of the country.
func (w *World) hotspotIP(country int, x uint64) uint32 {
	return w.poolIP(3, country, rng.Below(x, w.poolSize(country, custPerHotspot)))
}

// residentialIP is the home address of a random household of the country at
// time t: what a residential proxy (or a friend's Wi-Fi) shows.
func (w *World) residentialIP(country int, t int64, x uint64) uint32 {
	cust := w.customers.start[country] + uint32(rng.Below(x, uint64(w.customers.count[country])))
	head, _ := w.household(cust, country)
	return w.homeIP(head, t)
}

// personalIP is the address customer cust's device of type kind pays from
// at time t: home, mobile data, office or public Wi-Fi.
func (w *World) personalIP(cust uint32, home int, head uint32, dev uint64, kind uint8, t int64, r *rng.Stream) uint32 {
	u := r.Float64()
	if u < legitVPN {
		return w.vpnIP(r.Next())
	}
	u = (u - legitVPN) / (1 - legitVPN)
	switch int(kind) {
	case w.devMobile:
		if u < 0.25 {
			return w.cgnatIP(home, dev, t)
		}
		if u < 0.3 {
			return w.hotspotIP(home, r.Next())
		}
	case w.devDesktop:
		if u < 0.25 {
			return w.officeIP(home, cust)
		}
	default:
		if u < 0.08 {
			return w.hotspotIP(home, r.Next())
		}
	}
	return w.homeIP(head, t)
}

// vpnIP is an exit address of a commercial VPN or hosting provider: one
// pool for the world, used by privacy-minded customers and fraudsters alike.
func (w *World) vpnIP(x uint64) uint32 {
	return w.hostingIP(rng.Key(w.netKey, 4<<48|rng.Below(x, uint64(max(64, w.customers.size()/custPerVPN)))))
}

// fraudIP is the address a fraudster's device shows: a residential proxy in
// country k, a phone on a carrier's NAT, or a VPN or hosting exit.
func (w *World) fraudIP(k int, dev uint64, t int64, x uint64) uint32 {
	switch u := rng.Unit(x); {
	case u < 0.35:
		return w.residentialIP(k, t, rng.Mix(x))
	case u < 0.5:
		return w.cgnatIP(k, dev, t)
	default:
		return w.vpnIP(rng.Mix(x ^ 0x76706e))
	}
}
