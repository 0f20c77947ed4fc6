package profile

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/paygen/paygen/generated/table"
	"github.com/paygen/paygen/runtime/refdata"

	"github.com/paygen/paygen/runtime/dataset"
)

// payment is one row of the payments table, as paygen writes it.
type payment = table.Payment

// testSpec is the spec schemac would emit for the payments table.
func testSpec() *Spec {
	r := func(name string, role Role) ColumnSpec { return ColumnSpec{Name: name, Role: role} }
	return &Spec{
		Table: "payments", Target: "label_fraud", Scenario: "fraud_scenario", LocalTimeColumn: "merchant_country",
		Columns: []ColumnSpec{
			r("transaction_id", ID), r("event_time", Time), r("customer_id", ID), r("card_id", ID),
			r("card_number_masked", ID), r("card_brand", Category), r("card_type", Category),
			{Name: "amount", Role: Numeric, Scale: 2, Description: "Amount in the merchant currency."},
			r("currency", Category), r("merchant_id", ID), r("mcc_code", Category), r("merchant_category", Category),
			r("merchant_country", Geo), r("customer_country", Geo), r("entry_mode", Category), r("device_id", ID),
			r("device_type", Category), r("ip_address", ID), r("latitude", Geo), r("longitude", Geo),
			r("three_ds", Bool), r("auth_status", Category), r("label_fraud", Target), r("fraud_scenario", Scenario),
		},
	}
}

var (
	genCountries = []string{"US", "GB", "DE", "FR", "ES", "IT", "NL", "JP", "CA", "AU", "BR", "IN", "MX", "SG", "ZA"}
	genCountryW  = []float64{30, 10, 9, 7, 5, 5, 3, 6, 4, 3, 5, 5, 3, 2, 3}
	genMCCs      = []string{"5411", "5812", "5732", "0742", "5541", "4111", "5311", "7011", "5999", "5944", "4829", "6051"}
	genMCCCat    = map[string]string{"5411": "grocery", "5812": "restaurants", "5732": "electronics", "0742": "veterinary",
		"5541": "fuel", "4111": "transport", "5311": "department_stores", "7011": "lodging", "5999": "retail",
		"5944": "jewelry", "4829": "money_transfer", "6051": "quasi_cash"}
	genBrands    = []string{"visa", "mastercard", "amex", "discover", "jcb", "unionpay"}
	genBrandW    = []float64{52, 32, 7, 4, 3, 2}
	genTypes     = []string{"credit", "debit", "prepaid"}
	genModes     = []string{"chip", "contactless", "magstripe", "ecommerce"}
	genDevTypes  = []string{"mobile", "desktop", "tablet", "pos_terminal"}
	genStatuses  = []string{"approved", "declined", "review"}
	genScenarios = []string{"card_testing", "account_takeover", "stolen_card", "device_farm"}
)

func pickW(r *rand.Rand, xs []string, w []float64) string {
	var t float64
	for _, x := range w {
		t += x
	}
	u := r.Float64() * t
	for i, x := range w {
		if u < x {
			return xs[i]
		}
		u -= x
	}
	return xs[len(xs)-1]
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// payGen makes the payments of the 30 days before 2025-05-29 with a
// deterministic seed. Exactly round(0.003 n) rows are fraud; fraud rows lean
// to e-commerce, night hours, risky MCCs, foreign cards and higher amounts.
type payGen struct {
	r                    *rand.Rand
	n                    int
	start, span          int64
	fraud                map[int]bool
	customers, merchants int
}

func newPayGen(n int, seed uint64) *payGen {
	r := rand.New(rand.NewPCG(seed, 42))
	end := time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)
	g := &payGen{r: r, n: n, start: end.AddDate(0, 0, -30).UnixMicro(), fraud: map[int]bool{},
		customers: max(n/50, 10), merchants: max(n/200, 10)}
	g.span = end.UnixMicro() - g.start
	for len(g.fraud) < int(math.Round(0.003*float64(n))) {
		g.fraud[r.IntN(n)] = true
	}
	return g
}

// genPayments returns all n rows.
func genPayments(n int, seed uint64) []payment {
	g := newPayGen(n, seed)
	rows := make([]payment, n)
	for i := range rows {
		g.row(i, &rows[i])
	}
	return rows
}

// writePayments streams n generated rows into a Parquet file.
func writePayments(path string, n int, seed uint64, rowGroup int64) error {
	g := newPayGen(n, seed)
	return writeParquetFunc(path, n, rowGroup, func(i int, p *payment) { g.row(i, p) })
}

func (g *payGen) row(i int, p *payment) {
	r := g.r
	*p = payment{}
	f := g.fraud[i]
	p.TransactionID = fmt.Sprintf("txn_20250529_%010d", i)
	p.EventTime = g.start + g.span*int64(i)/int64(g.n)
	if f && r.IntN(3) == 0 { // a third of fraud lands earlier, at night
		p.EventTime -= int64(r.IntN(6)) * 3600e6
	}
	cus := int(float64(g.customers) * math.Pow(r.Float64(), 2))
	p.CustomerID = fmt.Sprintf("cus_%07d", cus)
	p.CardID = fmt.Sprintf("card_%08d", cus*3+r.IntN(3))
	p.CardNumberMasked = fmt.Sprintf("4%05d******%04d", cus%100000, (cus*7)%10000)
	p.CardBrand = pickW(r, genBrands, genBrandW)
	p.CardType = pick(r, genTypes)
	mc := pickW(r, genCountries, genCountryW)
	cc := mc
	if r.IntN(100) < 8 || (f && r.IntN(3) == 0) {
		cc = pick(r, genCountries)
	}
	ref, _ := refdata.CountryByCode(mc)
	p.MerchantCountry, p.CustomerCountry, p.Currency = mc, cc, ref.Currency
	mcc := genMCCs[r.IntN(9)]
	if f && r.IntN(2) == 0 {
		mcc = genMCCs[9+r.IntN(3)]
	}
	if r.IntN(100) >= 5 {
		m := mcc
		p.MCCCode = &m
	}
	p.MerchantCategory = genMCCCat[mcc]
	p.MerchantID = fmt.Sprintf("mer_%06d", r.IntN(g.merchants))
	p.Amount = 100 + int64(math.Exp(r.NormFloat64()*1.0+7.5))
	if f && r.IntN(2) == 0 {
		p.Amount *= 4
	}
	p.EntryMode = pick(r, genModes)
	if f && r.IntN(2) == 0 {
		p.EntryMode = "ecommerce"
	}
	if r.IntN(100) >= 8 {
		d := fmt.Sprintf("dev_%07d", cus*2+r.IntN(2))
		p.DeviceID = &d
	}
	p.DeviceType = pick(r, genDevTypes)
	p.IPAddress = fmt.Sprintf("%d.%d.%d.%d", 11+cus%180, (cus/180)%256, r.IntN(4), 1+r.IntN(254))
	if r.IntN(100) >= 1 {
		lat := math.Round((ref.Lat+r.Float64()-0.5)*1e6) / 1e6
		lon := math.Round((ref.Lon+r.Float64()-0.5)*1e6) / 1e6
		p.Latitude, p.Longitude = &lat, &lon
	}
	p.ThreeDS = r.IntN(100) < 78
	p.AuthStatus = pickW(r, genStatuses, []float64{95.5, 3.5, 1})
	if f {
		p.AuthStatus = pickW(r, genStatuses, []float64{60, 30, 10})
	}
	p.LabelFraud = f
	if f {
		s := pick(r, genScenarios)
		p.FraudScenario = &s
	}
}

// writeParquet writes rows as Snappy Parquet with paygen's metadata.
func writeParquet[T any](path string, rows []T, rowGroup int64) error {
	return writeParquetFunc(path, len(rows), rowGroup, func(i int, p *T) { *p = rows[i] })
}

// writeParquetFunc writes n rows made by fill, in batches.
func writeParquetFunc[T any](path string, n int, rowGroup int64, fill func(i int, p *T)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	opts := []parquet.WriterOption{parquet.Compression(&parquet.Snappy)}
	meta := dataset.Meta{Schema: "payments", SchemaFingerprint: "sha256:0123abcd", Seed: "7", Rows: int64(n),
		Date: "2025-05-29", Version: "test"}
	for _, kv := range meta.KeyValues() {
		opts = append(opts, parquet.KeyValueMetadata(kv[0], kv[1]))
	}
	if rowGroup > 0 {
		opts = append(opts, parquet.MaxRowsPerRowGroup(rowGroup))
	}
	w := parquet.NewGenericWriter[T](f, opts...)
	buf := make([]T, 8192)
	for i := 0; i < n; i += len(buf) {
		b := buf[:min(len(buf), n-i)]
		for k := range b {
			fill(i+k, &b[k])
		}
		if _, err := w.Write(b); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
