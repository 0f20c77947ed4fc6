package world

import (
	"fmt"
	"time"
	_ "time/tzdata" // the IANA database in the binary: zones and daylight saving everywhere

	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/rng"
)

// Time zones: every customer and merchant lives in one of its country's
// cities (refdata.Cities, GeoNames), drawn by population, and so in that
// city's IANA time zone, with its daylight saving. The daily curve, the
// weekend and the calendar follow each zone's local clock; a customer pays
// at home mostly at merchants of their own zone.

// zone is one IANA time zone of one active country.
type zone struct {
	country int     // active country index
	name    string  // IANA name, e.g. "America/Chicago"
	share   float64 // share of the country's city population
	off     []int32 // UTC offset in minutes at each hour of the window (and a day either side)
}

// payerAt draws the customer who pays at time t: a zone by the time line's
// intensity at t, then a customer of that zone by popularity.
func (w *World) payerAt(t int64, r *rng.Stream) uint32 {
	z := w.tl.zone(t, r.Next())
	k := w.zones[z].country
	cust := w.customers.draw(k, r.Next())
	return w.inZone(&w.customers, cust, k, z, r.Next())
}

// zoneMargin is the hours of offsets kept before the window's start.
const zoneMargin = 24

// zonePeriod is the length of a country's zone pattern: entity j of a
// country (its index within the country) lives in zone pattern[j % zonePeriod],
// so zones interleave along the popularity order and every zone has popular
// and unpopular entities in proportion to its population.
const zonePeriod = 64

// places is what the world knows of each active country's cities.
type places struct {
	cities  []refdata.City // all countries' cities, country by country
	pattern [][zonePeriod]uint16
	slots   [][]uint8     // per zone: its positions in its country's pattern
	zcities [][]int       // per zone: its cities (indexes into cities)
	zpick   []*dist.Alias // per zone: a city by population
}

// buildZones loads the zones of the active countries' cities and their
// offsets over the window. A country without cities gets one zone at its
// representative standard offset.
func (w *World) buildZones(startUnix int64) error {
	hours := w.cfg.WindowDays*24 + 2*zoneMargin
	p := &w.places
	fixed := func(min int) []int32 {
		off := make([]int32, hours)
		for h := range off {
			off[h] = int32(min)
		}
		return off
	}
	for k, c := range w.countries {
		first := len(w.zones)
		cities := refdata.CitiesOf(c.code)
		if len(cities) == 0 {
			w.zones = append(w.zones, zone{country: k, share: 1, off: fixed(c.offsetMin)})
			p.zcities = append(p.zcities, nil)
			p.zpick = append(p.zpick, nil)
		}
		total := 0.0
		for _, ct := range cities {
			total += float64(max(1, ct.Population))
		}
		var pops [][]float64
		for _, ct := range cities {
			z := -1
			for j := first; j < len(w.zones); j++ {
				if w.zones[j].name == ct.TZ {
					z = j
				}
			}
			if z < 0 {
				loc, err := time.LoadLocation(ct.TZ)
				if err != nil {
					return fmt.Errorf("refdata: city %s (%s): time zone: %v", ct.Name, c.code, err)
				}
				off := zoneOffsets(loc, startUnix-zoneMargin*3600, hours)
				z = len(w.zones)
				w.zones = append(w.zones, zone{country: k, name: ct.TZ, off: off})
				p.zcities = append(p.zcities, nil)
				p.zpick = append(p.zpick, nil)
				pops = append(pops, nil)
			}
			pop := float64(max(1, ct.Population))
			w.zones[z].share += pop / total
			p.zcities[z] = append(p.zcities[z], len(p.cities))
			pops[z-first] = append(pops[z-first], pop)
			p.cities = append(p.cities, ct)
		}
		for z := first; z < len(w.zones) && len(pops) > 0; z++ {
			p.zpick[z] = dist.NewAlias(pops[z-first])
		}
		p.pattern = append(p.pattern, w.zonePattern(first, len(w.zones)))
	}
	if len(w.zones) > 1<<16 {
		return fmt.Errorf("refdata: %d time zones, at most 65536", len(w.zones))
	}
	p.slots = make([][]uint8, len(w.zones))
	for k := range w.countries {
		for s, z := range p.pattern[k] {
			p.slots[z] = append(p.slots[z], uint8(s))
		}
	}
	return nil
}

// zoneOffsets is loc's UTC offset in minutes at each of hours hours from
// from (Unix seconds), walking the zone's transitions rather than every hour.
func zoneOffsets(loc *time.Location, from int64, hours int) []int32 {
	off := make([]int32, hours)
	for h := 0; h < hours; {
		t := time.Unix(from+int64(h)*3600, 0).In(loc)
		_, s := t.Zone()
		_, end := t.ZoneBounds()
		last := hours
		if !end.IsZero() {
			// hours before the next transition (one past it when it falls inside an hour)
			last = min(hours, int((end.Unix()-from+3599)/3600))
		}
		for stop := max(last, h+1); h < stop; h++ {
			off[h] = int32(s / 60)
		}
	}
	return off
}

// zonePattern spreads zones [first, end) over zonePeriod slots in
// proportion to their shares, interleaved (the zone furthest behind its
// share takes the next slot); a zone too small for a slot has none and its
// cities are not used.
func (w *World) zonePattern(first, end int) (pat [zonePeriod]uint16) {
	got := make([]float64, end-first)
	for s := range pat {
		best, gap := first, -1.0
		for z := first; z < end; z++ {
			if g := w.zones[z].share*float64(s+1) - got[z-first]; g > gap {
				best, gap = z, g
			}
		}
		pat[s] = uint16(best)
		got[best-first]++
	}
	return pat
}

// zoneOfEntity is the zone of entity id (its index j within active
// country k's population p): the country's pattern at j.
func (w *World) zoneOfEntity(p *partition, id uint32, k int) int {
	return int(w.places.pattern[k][(id-p.start[k])%zonePeriod])
}

// cityOf is the city (index into w.places.cities) where entity id of kind
// in active country k lives: one of its zone's cities by population, or -1
// when the country has no cities.
func (w *World) cityOf(kind entity, p *partition, id uint32, k int) int {
	z := w.zoneOfEntity(p, id, k)
	if w.places.zpick[z] == nil {
		return -1
	}
	return w.places.zcities[z][w.places.zpick[z].Pick(rng.Mix(w.kindKeys[kind]^uint64(id)<<8^0x63697479))]
}

// inZone moves entity id of partition p in active country k to the
// nearest entity of zone z in the same period of the popularity order (a
// random one of the zone's slots there), keeping its popularity about the
// same; id itself when the country has one zone or z is not k's.
func (w *World) inZone(p *partition, id uint32, k, z int, x uint64) uint32 {
	slots := w.places.slots[z]
	if len(slots) == 0 || len(slots) == zonePeriod || w.zones[z].country != k {
		return id
	}
	j := id - p.start[k]
	j = j - j%zonePeriod + uint32(slots[rng.Below(x, uint64(len(slots)))])
	if j >= p.count[k] {
		j -= zonePeriod // the last, partial period
		if int32(j) < 0 {
			return id
		}
	}
	return p.start[k] + j
}

// offsetAt is zone z's UTC offset in minutes at time t (µs).
func (w *World) offsetAt(z int, t int64) int64 {
	off := w.zones[z].off
	h := int((t-w.zoneStart)/3600e6) + zoneMargin
	return int64(off[max(0, min(h, len(off)-1))])
}
