package world

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/rng"
)

// World is everything shared by all blocks of one dataset: the population
// sizes, popularity tables, reference data and the time line. It is built once
// from (config, seed, rows, date) and is read-only afterwards.
type World struct {
	cfg     Config
	seed    uint64
	rows    int64
	date    time.Time // exclusive end of the window (midnight UTC)
	dateTag string    // YYYYMMDD

	countries []activeCountry
	byVolume  *dist.Alias // country index by payment volume (foreign merchants)
	tl        *timeline

	customers   partition
	custTab     []custRec  // customers and their cards by id, when memoised (memo.go)
	merTab      []merchant // merchants by id, when memoised
	merchants   partition
	mccs        []refdata.MCC
	mccPick     []*dist.Alias // per active country: MCC of an ordinary merchant
	anchorPick  []*dist.Alias // per active country: MCC of its busiest merchants (merchants.go)
	brands      []string
	brandPick   dist.Cum
	bins        [][]refdata.BINRange // per brand
	cardTypes   []string
	typePick    dist.Cum
	devTypes    []string
	devPick     dist.Cum
	modes       []string
	modePick    dist.Cum
	regions     []region    // local habits (regions.go); [0] is the global default
	regionOf    []uint8     // region of each active country
	issuers     issuerTable // embedded BINs by country, brand and type (issuers.go)
	ipSpace     ipSpace     // registered IPv4 blocks of each active country (ipgeo.go)
	zones       []zone      // IANA time zones of the active countries (zones.go)
	zoneStart   int64       // µs of the window's start, hour 0 of zone.off after zoneMargin
	places      places      // cities of the active countries
	hosting     []int       // active countries with VPN and hosting exits
	hostingPick dist.Cum
	amex        int // index of "amex" in brands, or -1
	credit      int // index of "credit" in cardTypes, or -1
	authNames   []string
	scenarios   []string // names of the enabled scenarios, indexed like scen
	fraudTotal  int64
	vocab       vocab

	scen          []scenario
	kindIdx       [numKinds]int // scenario index of each kind, -1 when off
	compromises   []compromise
	online        []onlineShops // per country (merchants.go)
	plan          fraudPlan
	life          lifecycle // card replacements after fraud (lifecycle.go)
	tune          tuning
	highRisk      []bool    // per MCC: a stolen-card target category
	riskyCountry  []bool    // per country: has a merchant of a high-risk category
	weekendAccept []float64 // per MCC: acceptance of a weekend merchant draw; nil when no weekend mix
	cnp           []bool    // per MCC: mostly card-not-present (online-capable)
	tripKey       uint64
	devKey        uint64
	netKey        uint64 // households and network pools (network.go)
	devMobile     int    // index of the mobile and desktop device types, -1 when absent
	devDesktop    int
	authApproved  int
	authDeclined  int
	authReview    int
	// authorisation model (authmodel.go)
	baseDecline, baseReview        float64
	mccRisk                        []uint8   // per MCC: 0 low, 1 medium, 2 high
	mccDecline                     []float64 // per MCC: base decline rate x merchant risk factor
	entryFactor                    [256]float64
	typeFactor                     []float64
	typeKind                       []uint8
	leastAvail                     []float64 // per card type: the least open-to-buy at spend 1, USD
	modeMagstripe, modeContactless int
	modeChip                       int
	priceStyle                     []uint8 // per MCC (prices.go)
	sca                            []bool  // per country: strong customer authentication applies
	fundsKey                       uint64
	kindKeys                       [len(entityKinds)]uint64 // rng.Key(seed, StrKey(kind)) of each entity kind
}

// activeCountry is a country with payment volume.
type activeCountry struct {
	code      string
	currency  string
	perUSD    float64
	minor     int
	lat, lon  float64
	offsetMin int
	volume    float64
	level     float64 // ticket scale: the World Bank price level (US = 1) to the power priceElasticity
}

// partition spreads an entity population over the active countries in
// proportion to volume; within a country, popularity follows a Zipf law.
type partition struct {
	start []uint32      // first entity id of each country
	count []uint32      // entities in each country
	pick  []*dist.Zipf  // popularity within each country
	tab   dist.AliasSet // the picks' alias tables (by country) when they all have one
}

// draw is the entity of country k that 64 random bits pick by popularity.
func (p *partition) draw(k int, x uint64) uint32 {
	if p.tab.Tables() > 0 {
		return p.start[k] + uint32(p.tab.Pick(k, x))
	}
	return p.start[k] + uint32(p.pick[k].Pick(x))
}

// New builds the world for a dataset of rows rows ending at date (exclusive,
// truncated to midnight UTC).
func New(cfg Config, seed uint64, rows int64, date time.Time) (*World, error) {
	go refdata.Preload() // parse the reference tables on idle cores meanwhile
	if rows <= 0 {
		return nil, fmt.Errorf("rows must be positive")
	}
	if cfg.BlockRows <= 0 || cfg.WindowDays <= 0 {
		return nil, fmt.Errorf("world config: block_rows and window_days must be positive")
	}
	if m := MaxRows(cfg); rows > m {
		return nil, fmt.Errorf("%d rows is more than the %d that fit the ids' widths", rows, m)
	}
	date = time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	w := &World{cfg: cfg, seed: seed, rows: rows, date: date, dateTag: date.Format("20060102")}
	for i, k := range entityKinds {
		w.kindKeys[i] = rng.Key(seed, rng.StrKey(k))
	}
	for _, c := range refdata.Countries() {
		if c.Volume <= 0 {
			continue
		}
		cur, ok := refdata.CurrencyByCode(c.Currency)
		if !ok {
			return nil, fmt.Errorf("refdata: country %s has unknown currency %s", c.Code, c.Currency)
		}
		w.countries = append(w.countries, activeCountry{
			code: c.Code, currency: c.Currency, perUSD: cur.PerUSD, minor: cur.MinorUnits,
			lat: c.Lat, lon: c.Lon, offsetMin: c.UTCOffsetMin, volume: c.Volume, level: ticketLevel(c.Code),
		})
	}
	vols := make([]float64, len(w.countries))
	for i, c := range w.countries {
		vols[i] = c.volume
	}
	w.byVolume = dist.NewAlias(vols)
	start := date.AddDate(0, 0, -cfg.WindowDays).Unix()
	cal, err := newCalendar(&w.cfg, start, cfg.WindowDays, w.countries)
	if err != nil {
		return nil, err
	}
	// The time line (itself built in two halves) and the entity tables
	// below are independent: build them concurrently.
	tlDone := make(chan *timeline, 1) // buffered: an early error return leaves no goroutine blocked
	w.zoneStart = start * 1e6
	if err := w.buildZones(start); err != nil {
		return nil, err
	}
	go func() { tlDone <- newTimeline(&w.cfg, start, w.countries, w.zones, cal) }()

	nCust := max(1000, rows/int64(max(1, cfg.Customer.RowsPerEntity)))
	nMer := max(200, rows/int64(max(1, cfg.Merchant.RowsPerEntity)))
	w.customers = newPartition(nCust, vols, cfg.Customer.Zipf)
	w.merchants = newPartition(nMer, vols, cfg.Merchant.Zipf)

	w.mccs = refdata.MCCs()
	mw := make([]float64, len(w.mccs))
	for i, m := range w.mccs {
		mw[i] = m.Weight
	}
	for _, c := range w.countries {
		o, a := merchantMix(w.mccs, c.code)
		w.mccPick, w.anchorPick = append(w.mccPick, o), append(w.anchorPick, a)
	}
	w.brands, w.brandPick = names(cfg.Card.Brands)
	all := refdata.BINRanges()
	w.bins = make([][]refdata.BINRange, len(w.brands))
	for i, b := range w.brands {
		for _, r := range all {
			if r.Brand == b {
				w.bins[i] = append(w.bins[i], r)
			}
		}
		if len(w.bins[i]) == 0 {
			return nil, fmt.Errorf("refdata: no BIN range for card brand %q", b)
		}
	}
	w.cardTypes, w.typePick = names(cfg.Card.Types)
	w.devTypes, w.devPick = names(cfg.Device.Types)
	w.modes, w.modePick = names(cfg.Payment.CardPresentModes)
	w.amex, w.credit = slices.Index(w.brands, "amex"), slices.Index(w.cardTypes, "credit")
	if err := w.buildRegions(); err != nil {
		return nil, err
	}
	w.buildIssuers()
	w.buildIPSpace()
	w.authNames, _ = names(cfg.Payment.AuthStatus)
	w.authApproved, w.authDeclined = w.authIndex("approved"), w.authIndex("declined")
	w.buildAuth()
	w.buildVocab()
	w.buildMerchantMix()
	w.tripKey = rng.Key(w.seed, rng.StrKey("trip"))
	w.devKey = rng.Key(w.seed, rng.StrKey("device-life"))
	w.netKey = rng.Key(w.seed, rng.StrKey("network"))
	w.devMobile, w.devDesktop = slices.Index(w.devTypes, "mobile"), slices.Index(w.devTypes, "desktop")
	w.buildMemos()
	w.buildOnlineShops()
	w.initLifecycle()
	w.tl = <-tlDone
	if err := w.buildFraud(); err != nil {
		return nil, err
	}
	return w, nil
}

func names(ws []Weighted) ([]string, dist.Cum) {
	n := make([]string, len(ws))
	f := make([]float64, len(ws))
	for i, w := range ws {
		n[i], f[i] = w.Name, w.Weight
	}
	return n, dist.NewCum(f)
}

func newPartition(n int64, vols []float64, zipf float64) partition {
	total := 0.0
	for _, v := range vols {
		total += v
	}
	p := partition{start: make([]uint32, len(vols)), count: make([]uint32, len(vols)), pick: make([]*dist.Zipf, len(vols))}
	next := uint32(0)
	// alias tables while all of them fit in cache together (draws at small
	// scale keep their values), rejection-inversion past that (issue 16)
	table := n <= dist.ZipfTableMax
	for k, v := range vols {
		c := uint32(max(1, int64(math.Round(float64(n)*v/total))))
		p.start[k], p.count[k] = next, c
		next += c
		p.pick[k] = dist.NewZipf(int(c), zipf, table)
	}
	if table {
		for _, z := range p.pick {
			p.tab.Add(z.Table())
		}
	}
	return p
}

// buildMerchantMix derives per-MCC tables: the weekend acceptance of each
// MCC's category (its weekend weight over the largest one) and whether the
// MCC is mostly card-not-present.
func (w *World) buildMerchantMix() {
	w.cnp = make([]bool, len(w.mccs))
	for i, m := range w.mccs {
		w.cnp[i] = m.CardPresent < 0.5
	}
	wc := w.cfg.Seasonality.WeekendCategories
	if len(wc) == 0 {
		return
	}
	top := 1.0
	for _, c := range wc {
		top = math.Max(top, c.Weight)
	}
	w.weekendAccept = make([]float64, len(w.mccs))
	for i, m := range w.mccs {
		f := 1.0
		for _, c := range wc {
			if c.Name == m.Category {
				f = c.Weight
			}
		}
		w.weekendAccept[i] = f / top
	}
}

// owner returns the country index of entity id.
// size is the number of entities in the partition.
func (p partition) size() uint32 {
	last := len(p.start) - 1
	return p.start[last] + p.count[last]
}

func (p partition) owner(id uint32) int {
	lo, hi := 0, len(p.start)-1
	for lo < hi {
		m := (lo + hi + 1) >> 1
		if p.start[m] <= id {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// Rows is the dataset's row count.
func (w *World) Rows() int64 { return w.rows }

// BlockRows is the number of rows in every block but the last.
func (w *World) BlockRows() int { return w.cfg.BlockRows }

// Blocks is the number of blocks in the dataset.
func (w *World) Blocks() int {
	return int((w.rows + int64(w.cfg.BlockRows) - 1) / int64(w.cfg.BlockRows))
}

// FraudTotal is the exact number of fraud rows in the dataset.
func (w *World) FraudTotal() int64 { return w.fraudTotal }

// Window returns the dataset's time window [start, end).
func (w *World) Window() (time.Time, time.Time) {
	return w.date.AddDate(0, 0, -w.cfg.WindowDays), w.date
}

// blockKey is the root key of block b's random streams.
func (w *World) blockKey(b int) uint64 {
	return rng.Key(rng.Key(w.seed, uint64(w.date.Unix())), uint64(b))
}

// entity is an entity kind; entityKinds holds their names, which key their
// attribute streams.
type entity int

// Entity kinds.
const (
	entCustomer entity = iota
	entCard
	entMerchant
	entTerminal
	entMerchantIP
	entDevice
)

// entityKinds are the names of the entity kinds, indexed by entity.
var entityKinds = [...]string{"customer", "card", "merchant", "terminal", "merchant-ip", "device"}

// entityKey is the root key of an entity's attributes: they depend on the seed
// only, so an entity is the same in every block, shard and run.
func (w *World) entityKey(kind entity, id uint64) uint64 {
	return rng.Key(w.kindKeys[kind], id)
}
