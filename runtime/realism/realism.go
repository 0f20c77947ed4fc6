// Package realism measures a payments file's local habits (issuers, channels, IP geography, trips, merchants, prices, calendar) against the bands of docs/realism.md.
package realism

import (
	"fmt"
	"math"
	"net/netip"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/rng"
)

// Figure is one row of the scorecard.
type Figure struct {
	Name     string  `json:"name"`
	Property string  `json:"property"`
	Measured float64 `json:"measured"`
	Lo       float64 `json:"band_lo"`
	Hi       float64 `json:"band_hi"`
	Pass     bool    `json:"pass"`
}

// Scorecard is the figures measured on a file, or on a sample of its row
// groups (calendar figures only when every row was read).
type Scorecard struct {
	Rows    int64    `json:"rows"`    // rows read
	Sampled bool     `json:"sampled"` // a sample of the row groups
	Figures []Figure `json:"figures"` // figures the file could measure
}

// row is the columns the scorecard reads (a projection of the payments
// table: the reader scans no other column).
type row struct {
	EventTime        int64   `parquet:"event_time,timestamp(microsecond)"`
	CardID           string  `parquet:"card_id"`
	CardNumberMasked string  `parquet:"card_number_masked"`
	CardBrand        string  `parquet:"card_brand"`
	CardType         string  `parquet:"card_type"`
	Amount           int64   `parquet:"amount,decimal(2:12)"`
	Currency         string  `parquet:"currency"`
	MCCCode          *string `parquet:"mcc_code,optional"`
	MerchantCategory string  `parquet:"merchant_category"`
	MerchantCountry  string  `parquet:"merchant_country"`
	CustomerCountry  string  `parquet:"customer_country"`
	EntryMode        string  `parquet:"entry_mode"`
	IPAddress        string  `parquet:"ip_address"`
	ThreeDS          bool    `parquet:"three_ds"`
	LabelFraud       bool    `parquet:"label_fraud"`
}

// batchRows is how many rows the scorecard reads at a time.
const batchRows = 4096

// Measure reads up to maxRows rows of the payments file at path (evenly
// spaced row groups; 0 reads all) and measures the scorecard. The rows, a
// projection of the columns, are read with colscan.ReadRows, row group by
// row group, so every page is checked before it is decoded.
func Measure(path string, maxRows int64) (*Scorecard, error) {
	f, err := colscan.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for _, c := range colscan.Fields[row]() {
		if f.ColumnIndex(c.Name) < 0 {
			return nil, fmt.Errorf("realism: no column %s: not a payments table", c.Name)
		}
	}
	nrg := f.RowGroups()
	pick := make([]int, 0, nrg)
	total := f.NumRows()
	sc := &Scorecard{}
	if maxRows <= 0 || total <= maxRows {
		for i := range nrg {
			pick = append(pick, i)
		}
	} else {
		sc.Sampled = true
		n := max(1, int(int64(nrg)*maxRows/total))
		for j := range n {
			pick = append(pick, j*nrg/n)
		}
	}
	m := newMeter()
	for _, i := range pick {
		err := colscan.ReadRows(f.InRowGroup(i), batchRows, func(rows []row) error {
			for j := range rows {
				m.add(&rows[j])
			}
			sc.Rows += int64(len(rows))
			return nil
		})
		if err != nil {
			return nil, err // colscan's "colscan: PATH: column ...: ..."
		}
	}
	sc.Figures = m.figures(!sc.Sampled)
	return sc, nil
}

// count is hits out of n.
type count struct{ n, k int }

func (c *count) add(hit bool) {
	c.n++
	if hit {
		c.k++
	}
}

func (c *count) share() float64 {
	if c.n == 0 {
		return math.NaN()
	}
	return float64(c.k) / float64(c.n)
}

// eea5 are the euro-area markets the EEA figures use.
var eea5 = map[string]bool{"DE": true, "FR": true, "IT": true, "ES": true, "NL": true}

// meter accumulates the figures row by row (legitimate rows only).
type meter struct {
	perUSD   map[string]float64
	offset   map[string]int64
	binCty   map[string]string
	mccHome  map[string]string // airline chain codes' home countries
	c        map[string]*count
	cards    map[uint64]cardState // by the card id's hash
	ctys     map[string]uint16    // country codes interned, from 1
	bins     map[string]bool
	tele     count
	usd      map[string][]float64 // grocery tickets in USD, IN and US
	day      map[dayKey]int       // rows by customer country and local day
	dayOn    map[dayKey]int       // online rows by the same
	deInDays map[int64]int        // DE in-store rows at home by local day
}

func newMeter() *meter {
	m := &meter{perUSD: map[string]float64{}, offset: map[string]int64{}, binCty: map[string]string{},
		c: map[string]*count{}, cards: map[uint64]cardState{}, ctys: map[string]uint16{}, bins: map[string]bool{},
		usd: map[string][]float64{}, day: map[dayKey]int{}, dayOn: map[dayKey]int{},
		deInDays: map[int64]int{}}
	for _, c := range refdata.Currencies() {
		m.perUSD[c.Code] = c.PerUSD
	}
	for _, c := range refdata.Countries() {
		m.offset[c.Code] = int64(c.UTCOffsetMin)
	}
	for _, b := range refdata.BINs() {
		m.binCty[b.Prefix] = b.Country
	}
	m.mccHome = map[string]string{}
	for _, c := range refdata.MCCs() {
		if c.Home != "" {
			m.mccHome[c.Code] = c.Home
		}
	}
	return m
}

func (m *meter) cnt(name string) *count {
	if m.c[name] == nil {
		m.c[name] = &count{}
	}
	return m.c[name]
}

func (m *meter) add(p *row) {
	if p.LabelFraud {
		return
	}
	online := p.EntryMode == "ecommerce"
	mcc := ""
	if p.MCCCode != nil {
		mcc = *p.MCCCode
	}
	local := p.EventTime/60e6 + m.offset[p.CustomerCountry] // local minute
	dk := dayKey{p.CustomerCountry, floorDiv(local, 1440)}
	m.day[dk]++
	if online {
		m.dayOn[dk]++
	}
	ck := rng.StrKey(p.CardID)
	card := m.cards[ck] // stored back at the end
	if !card.seen && len(p.CardNumberMasked) >= 6 {
		card.seen = true
		bin := p.CardNumberMasked[:6]
		m.bins[bin] = true
		switch p.CustomerCountry {
		case "CN":
			m.cnt("cn_unionpay").add(p.CardBrand == "unionpay")
		case "JP":
			m.cnt("jp_jcb").add(p.CardBrand == "jcb")
		}
		if p.CardBrand == "amex" {
			m.cnt("amex_not_credit").add(p.CardType != "credit")
		}
		if cty, ok := m.binCty[bin]; ok {
			m.cnt("bin_domestic").add(cty == p.CustomerCountry)
		}
	}
	if online {
		switch {
		case p.CustomerCountry == "US":
			m.cnt("3ds_us").add(p.ThreeDS)
		case p.CustomerCountry == "GB":
			m.cnt("3ds_gb").add(p.ThreeDS)
		case eea5[p.CustomerCountry]:
			m.cnt("3ds_eea").add(p.ThreeDS)
		}
		if ip, ok := parseIPv4(p.IPAddress); ok {
			cty, _ := refdata.CountryOfIPv4(ip)
			m.cnt("ip_home").add(cty == p.CustomerCountry)
		}
		m.cnt("xb_online").add(p.MerchantCountry != p.CustomerCountry)
		if mcc == "5542" {
			m.cnt("fuel_online").add(true)
		}
	} else {
		tap := p.EntryMode == "contactless"
		switch {
		case p.MerchantCountry == "GB":
			m.cnt("tap_gb").add(tap)
			if tap {
				m.cnt("tap_over_limit").add(float64(p.Amount)/100 > 100.005)
			}
		case p.MerchantCountry == "AU":
			m.cnt("tap_au").add(tap)
		case p.MerchantCountry == "US":
			m.cnt("tap_us").add(tap)
		case eea5[p.MerchantCountry]:
			m.cnt("tap_eea").add(tap)
			m.cnt("mag_eea").add(p.EntryMode == "magstripe")
			if tap && p.Currency == "EUR" {
				m.cnt("tap_over_limit").add(float64(p.Amount)/100 > 50.005)
			}
		}
		m.cnt("xb_instore").add(p.MerchantCountry != p.CustomerCountry)
		if mcc == "5542" {
			m.cnt("fuel_online").add(false)
		}
		cty := m.country(p.MerchantCountry)
		if card.lastCty != 0 {
			m.tele.add(card.lastCty != cty && p.EventTime-card.lastT < 2*3600e6)
		}
		card.lastCty, card.lastT = cty, p.EventTime
		if p.CustomerCountry == "DE" && p.MerchantCountry == "DE" {
			m.deInDays[dk.day]++
		}
		if p.MerchantCountry == p.CustomerCountry && p.MerchantCategory == "grocery" &&
			(p.CustomerCountry == "IN" || p.CustomerCountry == "US") {
			m.usd[p.CustomerCountry] = append(m.usd[p.CustomerCountry], float64(p.Amount)/100/m.perUSD[p.Currency])
		}
	}
	switch {
	case p.CustomerCountry == "GB":
		m.cnt("online_gb").add(online)
	case p.CustomerCountry == "CN":
		m.cnt("online_cn").add(online)
	case eea5[p.CustomerCountry]:
		m.cnt("online_eea").add(online)
	}
	m.cnt("b2b").add(mcc >= "5000" && mcc <= "5199")
	m.cnt("mcc_9405").add(mcc == "9405")
	home, chain := m.mccHome[mcc]
	m.cnt("airline_chain_abroad").add(chain && home != p.MerchantCountry)
	if mcc == "6011" {
		m.cnt("atm_round").add(p.Amount%100 == 0 && (p.Amount/100)%10 == 0)
	}
	switch p.MerchantCategory {
	case "grocery", "apparel", "electronics", "retail":
		cents := p.Amount % 100
		m.cnt("price_points").add(cents == 99 || cents == 0 || cents == 50 || cents == 95 || cents == 49)
	}
	m.cards[ck] = card
}

// cardState is what the meter keeps of a card: whether its BIN is counted,
// and its last in-store payment (for teleports). Kept by a 64-bit hash of
// the card id (FNV-1a; two of 1.5 M cards collide with odds of ~1e-7), a
// few tens of bytes a card where three maps keyed by the id string held
// ~200: the scorecard's memory at 100 M rows (2 M rows sampled, 1.5 M
// cards) went from ~400 MB to ~100 MB.
type cardState struct {
	lastT   int64
	lastCty uint16 // interned country of the last in-store payment; 0: none yet
	seen    bool
}

// country interns a country code (1, 2, ...).
func (m *meter) country(code string) uint16 {
	i, ok := m.ctys[code]
	if !ok {
		i = uint16(len(m.ctys) + 1)
		m.ctys[code] = i
	}
	return i
}

// dayKey is a country and a local day (days since the epoch).
type dayKey struct {
	cty string
	day int64
}

func floorDiv(a, n int64) int64 {
	q := a / n
	if a%n != 0 && (a < 0) != (n < 0) {
		q--
	}
	return q
}

// parseIPv4 reads a dotted quad (net/netip's parser).
func parseIPv4(s string) (uint32, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return 0, false
	}
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]), true
}
