package world

import (
	"math"
	"strconv"

	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/refdata"
)

// Merchant popularity follows what a merchant sells: a country's busiest
// merchants (its anchors: supermarkets, fuel, fast food, transport, general
// retail) draw their MCC with the square of its transaction weight, so the
// head of the Zipf popularity is made of everyday categories, not of a
// freight company; the long tail draws by weight. Wholesale and B2B codes
// (5000-5199) and government-to-government codes (9400-9405) rarely take
// consumer cards: their weight is cut tenfold.

// anchorShare is the share of a country's merchants (at least anchorMin)
// whose MCC comes from the anchor mix.
const (
	anchorShare = 0.01
	anchorMin   = 20
	b2bFactor   = 0.1
)

// merchantMix returns the MCC pickers of ordinary and anchor merchants of a
// country (airline chain codes only at home).
func merchantMix(mccs []refdata.MCC, country string) (ordinary, anchor *dist.Alias) {
	w := make([]float64, len(mccs))
	a := make([]float64, len(mccs))
	for i, m := range mccs {
		if m.Home != "" && m.Home != country {
			continue // an airline's chain code only in its home country
		}
		w[i] = m.Weight
		if code, err := strconv.Atoi(m.Code); err == nil && (code >= 5000 && code <= 5199 || code >= 9400 && code <= 9405) {
			w[i] *= b2bFactor
		}
		a[i] = w[i] * w[i]
	}
	return dist.NewAlias(w), dist.NewAlias(a)
}

// mccOf draws the MCC of the merchant of active country k of popularity
// rank rank among count.
func (w *World) mccOf(k int, rank, count uint32, x uint64) int {
	if float64(rank) < max(anchorMin, anchorShare*float64(count)) {
		return w.anchorPick[k].Pick(x)
	}
	return w.mccPick[k].Pick(x)
}

// onlineShops is a country's merchants of mostly card-not-present MCCs, by
// popularity: where its customers' and foreigners' online payments go.
type onlineShops struct {
	ids  []uint32
	pick *dist.Alias
}

// buildOnlineShops indexes every country's online merchants, so an online
// payment abroad picks one in one draw instead of redrawing until the
// popularity draw lands on one.
func (w *World) buildOnlineShops() {
	w.online = make([]onlineShops, len(w.countries))
	zipf := w.cfg.Merchant.Zipf
	for k := range w.countries {
		start, count := w.merchants.start[k], w.merchants.count[k]
		var o onlineShops
		var wt []float64
		for j := uint32(0); j < count; j++ {
			if w.cnp[w.merchantOf(start+j).mcc] {
				o.ids = append(o.ids, start+j)
				wt = append(wt, math.Pow(float64(j+1), -zipf))
			}
		}
		if len(o.ids) > 0 {
			o.pick = dist.NewAlias(wt)
		}
		w.online[k] = o
	}
}
