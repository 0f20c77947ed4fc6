package world

import (
	"fmt"

	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/refdata"
)

// region holds one group of countries' payment habits (Config.Regions);
// w.regions[0] is the global default.
type region struct {
	modePick  dist.Cum // in-store entry modes at its terminals, over w.modes
	threeDS   float64  // 3-D Secure share of its cards' e-commerce payments
	tapUSD    float64  // no-PIN contactless limit of its terminals, USD
	brandPick dist.Cum // its customers' card brands, over w.brands
	typePick  dist.Cum // and card types, over w.cardTypes
}

// defaultTapUSD is the contactless limit where the schema sets none.
const defaultTapUSD = contactlessLimitUSD

// buildRegions resolves Config.Regions into w.regions and w.regionOf (per
// active country).
func (w *World) buildRegions() error {
	cfg := &w.cfg
	global := region{
		modePick:  w.modePick,
		threeDS:   cfg.Payment.ThreeDSShare,
		tapUSD:    defaultTapUSD,
		brandPick: w.brandPick,
		typePick:  w.typePick,
	}
	w.regions = []region{global}
	w.regionOf = make([]uint8, len(w.countries))
	if len(cfg.Regions) > 254 {
		return fmt.Errorf("world config: %d regions, at most 254", len(cfg.Regions))
	}
	for i, rc := range cfg.Regions {
		r := global
		var err error
		if rc.CardPresentModes != nil {
			if r.modePick, err = subPick(rc.CardPresentModes, w.modes); err != nil {
				return fmt.Errorf("world config: region %q: card_present_modes: %w", rc.Name, err)
			}
		}
		if rc.HasThreeDS {
			r.threeDS = rc.ThreeDSShare
		}
		if rc.LimitCurrency != "" {
			cur, ok := refdata.CurrencyByCode(rc.LimitCurrency)
			if !ok || cur.PerUSD <= 0 {
				return fmt.Errorf("world config: region %q: unknown currency %q", rc.Name, rc.LimitCurrency)
			}
			r.tapUSD = rc.ContactlessLimit / cur.PerUSD
		}
		if rc.Brands != nil {
			if r.brandPick, err = subPick(rc.Brands, w.brands); err != nil {
				return fmt.Errorf("world config: region %q: brands: %w", rc.Name, err)
			}
		}
		if rc.Types != nil {
			if r.typePick, err = subPick(rc.Types, w.cardTypes); err != nil {
				return fmt.Errorf("world config: region %q: types: %w", rc.Name, err)
			}
		}
		w.regions = append(w.regions, r)
		for _, code := range rc.Countries {
			for k := range w.countries {
				if w.countries[k].code == code {
					w.regionOf[k] = uint8(i + 1)
				}
			}
		}
	}
	return nil
}

// subPick builds a picker over the global outcomes names from a regional
// mix that may leave some of them out.
func subPick(ws []Weighted, names []string) (dist.Cum, error) {
	f := make([]float64, len(names))
	sum := 0.0
	for _, x := range ws {
		j := -1
		for i, n := range names {
			if n == x.Name {
				j = i
			}
		}
		if j < 0 {
			return dist.Cum{}, fmt.Errorf("%q is not an outcome of the global mix", x.Name)
		}
		f[j] += x.Weight
		sum += x.Weight
	}
	if !(sum > 0) {
		return dist.Cum{}, fmt.Errorf("weights sum to %g", sum)
	}
	return dist.NewCum(f), nil
}

// regionAt is the habits of active country k.
func (w *World) regionAt(k int) *region { return &w.regions[w.regionOf[k]] }
