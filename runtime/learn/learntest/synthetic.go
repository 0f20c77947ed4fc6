// Package learntest builds small synthetic payment datasets and writes them with parquet-go,
// for the tests and benchmarks of learnability (it is not paygen's generator).
package learntest

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/paygen/paygen/generated/table"
)

// SyntheticOptions shape a SyntheticRows dataset.
type SyntheticOptions struct {
	Rows      int     // number of rows
	FraudRate float64 // probability that an event starts a fraud episode (one row or a burst)
	Leak      bool    // fraud rows get card_brand "unionpay", which no other row has
	Seed      uint64
}

// Row is a row of the payments table.
type Row = table.Payment

const (
	microsPerSecond = int64(1_000_000)
	microsPerDay    = 86400 * microsPerSecond
)

type synthCustomer struct {
	id, country, device string
	cards               []string
	median              float64 // typical amount in major units
}

var synthEnd = time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)

// SyntheticRows builds a small synthetic dataset for tests and benchmarks of learnability
// (it is not paygen's generator): rows over the 28 days before 2025-05-29 in event_time
// order, deterministic for a seed. Fraud rows differ from their
// owner's normal payments in amount (higher), country (often foreign), device (often new),
// channel (often ecommerce) and velocity (some come in bursts of a few minutes); legitimate
// rows are sometimes foreign, from a new device or in quick succession too, so that no
// simple rule is exact.
func SyntheticRows(o SyntheticOptions) []Row {
	rng := rand.New(rand.NewPCG(o.Seed, 42))
	countries := []string{"US", "GB", "DE", "FR", "BR", "IN"}
	categories := []string{"grocery", "restaurants", "fuel", "clothing", "travel", "electronics", "jewelry", "digital_goods"}
	nCust := max(50, o.Rows/20)
	custs := make([]synthCustomer, nCust)
	for i := range custs {
		c := &custs[i]
		c.id = fmt.Sprintf("cus_%07d", i)
		c.country = "US"
		if rng.Float64() < 0.3 {
			c.country = countries[1+rng.IntN(len(countries)-1)]
		}
		c.device = fmt.Sprintf("dev_%08d", i)
		for k := range 1 + rng.IntN(2) {
			c.cards = append(c.cards, fmt.Sprintf("card_%07d%d", i, k))
		}
		c.median = math.Exp(math.Log(30) + 0.6*rng.NormFloat64())
	}
	start := synthEnd.Add(-28 * 24 * time.Hour).UnixMicro()
	span := 28 * microsPerDay
	rows := make([]Row, 0, o.Rows+o.Rows/10)
	seq := 0
	add := func(t int64, c *synthCustomer, card string, fraud bool, scenario string) {
		seq++
		r := Row{
			TransactionID:    fmt.Sprintf("txn_%010d", seq),
			EventTime:        t,
			CustomerID:       c.id,
			CardID:           card,
			CardNumberMasked: "411111******" + card[len(card)-4:],
			CardBrand:        []string{"visa", "mastercard", "amex"}[len(card)%3],
			CardType:         []string{"credit", "debit"}[rng.IntN(2)],
			MerchantID:       fmt.Sprintf("mer_%06d", rng.IntN(500)),
			MerchantCategory: categories[rng.IntN(len(categories))],
			MerchantCountry:  c.country,
			CustomerCountry:  c.country,
			EntryMode:        []string{"chip", "contactless", "ecommerce"}[rng.IntN(3)],
			DeviceType:       "mobile",
			IPAddress:        fmt.Sprintf("%d.%d.%d.%d", 20+rng.IntN(200), rng.IntN(256), rng.IntN(256), 1+rng.IntN(254)),
			ThreeDS:          rng.Float64() < 0.5,
			AuthStatus:       "approved",
		}
		amount := c.median * math.Exp(0.6*rng.NormFloat64())
		dev := c.device
		switch {
		case fraud:
			amount = c.median * math.Exp(0.6+0.8*rng.NormFloat64())
			if rng.Float64() < 0.4 {
				r.MerchantCountry = countries[rng.IntN(len(countries))]
			}
			if rng.Float64() < 0.4 {
				dev = fmt.Sprintf("dev_x%07d", rng.IntN(1_000_000))
			}
			if rng.Float64() < 0.4 {
				r.EntryMode = "ecommerce"
			}
			if rng.Float64() < 0.3 {
				r.MerchantCategory = categories[5+rng.IntN(3)]
			}
			if rng.Float64() < 0.2 {
				r.AuthStatus = "declined"
			}
			if o.Leak {
				r.CardBrand = "unionpay"
			}
			r.LabelFraud = true
			r.FraudScenario = &scenario
		default:
			if rng.Float64() < 0.05 {
				r.MerchantCountry = countries[rng.IntN(len(countries))]
			}
			if rng.Float64() < 0.03 { // a new phone or a borrowed laptop
				dev = fmt.Sprintf("dev_n%07d", rng.IntN(1_000_000))
			}
			if rng.Float64() < 0.03 {
				r.AuthStatus = "declined"
			}
		}
		r.Amount = max(1, int64(math.Round(amount*100)))
		r.Currency = map[string]string{"US": "USD", "GB": "GBP", "BR": "BRL", "IN": "INR"}[r.MerchantCountry]
		if r.Currency == "" {
			r.Currency = "EUR"
		}
		if rng.Float64() >= 0.05 {
			m := fmt.Sprintf("%04d", 5000+rng.IntN(1000))
			r.MCCCode = &m
		}
		if rng.Float64() >= 0.08 {
			r.DeviceID = &dev
		}
		if rng.Float64() >= 0.01 {
			lat, lon := 40+rng.Float64(), -70-rng.Float64()
			r.Latitude, r.Longitude = &lat, &lon
		}
		rows = append(rows, r)
	}
	for len(rows) < o.Rows {
		t := start + rng.Int64N(span)
		c := &custs[rng.IntN(nCust)]
		card := c.cards[rng.IntN(len(c.cards))]
		if rng.Float64() >= o.FraudRate {
			n := 1
			if rng.Float64() < 0.02 { // a shopping session or retries: 2-3 payments minutes apart
				n = 2 + rng.IntN(2)
			}
			for k := range n {
				add(t+int64(k)*(60+rng.Int64N(240))*microsPerSecond, c, card, false, "")
			}
			continue
		}
		if rng.Float64() < 0.3 { // a burst of 2-4 payments a few minutes apart
			for k := range 2 + rng.IntN(3) {
				add(t+int64(k)*(60+rng.Int64N(240))*microsPerSecond, c, card, true, "card_testing")
			}
		} else {
			add(t, c, card, true, "account_takeover")
		}
	}
	rows = rows[:o.Rows] // a burst may overshoot
	slices.SortStableFunc(rows, func(a, b Row) int { return cmp.Compare(a.EventTime, b.EventTime) })
	for i := range rows {
		rows[i].TransactionID = fmt.Sprintf("txn_20250529_%010d", i+1)
	}
	return rows
}

// WriteParquet writes rows to a Snappy-compressed Parquet file with the data contract's
// schema, in row groups of rowGroupRows rows (0 = parquet-go's default).
func WriteParquet(path string, rows []Row, rowGroupRows int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	opts := []parquet.WriterOption{parquet.Compression(&parquet.Snappy)}
	if rowGroupRows > 0 {
		opts = append(opts, parquet.MaxRowsPerRowGroup(rowGroupRows))
	}
	w := parquet.NewGenericWriter[Row](f, opts...)
	if _, err := w.Write(rows); err != nil {
		f.Close()
		return err
	}
	if err := w.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
