package world_test

import (
	"strings"
	"testing"
	"time"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/world"
	"github.com/stretchr/testify/require"
)

// row is one generated row, as the columns show it.
type row struct {
	idx                     int
	time                    int64
	cust, card, pan, brand  string
	mer, merCty, custCty    string
	category, currency      string
	entry, dev, devType, ip string
	auth, resp, ctype       string
	amount                  int64
	fraud                   bool
	scenario                string
	weekendUTC, threeDS     bool
	usd                     float64 // amount converted back to USD
	utcDay                  int64
	reportedAt              int64 // 0 when null
}

// collect fills every block of w in order and returns its rows.
func collect(t testing.TB, w *world.World) []row {
	t.Helper()
	perUSD := map[string]float64{}
	for _, c := range refdata.Currencies() {
		perUSD[c.Code] = c.PerUSD
	}
	b := w.NewBlock()
	out := make([]row, 0, w.Rows())
	for i := 0; i < w.Blocks(); i++ {
		b.Fill(i)
		ts := b.TxnTime()
		cust, card, pan, brand := b.CustomerID(), b.CardID(), b.CardMaskedPAN(), b.CardBrand()
		mer, mc, cc, cat, cur := b.MerchantID(), b.MerchantCountry(), b.CustomerCountry(), b.MerchantCategory(), b.MerchantCurrency()
		entry, dev, dt, ip, auth := b.TxnEntryMode(), b.DeviceID(), b.DeviceType(), b.DeviceIP(), b.TxnAuthStatus()
		amt, fraud, three := b.TxnAmount(), b.FraudLabel(), b.TxnThreeDS()
		resp, ctype := b.TxnResponseCode(), b.CardType()
		rep, repOK := b.FraudReportedAt()
		scen, _ := b.FraudScenario()
		for j := range ts {
			r := row{
				idx: len(out), time: ts[j], cust: strings.Clone(cust[j]), card: strings.Clone(card[j]),
				pan: strings.Clone(pan[j]), brand: brand[j], mer: strings.Clone(mer[j]), merCty: mc[j], custCty: cc[j],
				category: cat[j], currency: cur[j], entry: entry[j], dev: strings.Clone(dev[j]), devType: dt[j],
				ip: strings.Clone(ip[j]), auth: auth[j], amount: amt[j], fraud: fraud[j], scenario: scen[j],
				threeDS: three[j], resp: resp[j], ctype: ctype[j],
			}
			if repOK[j] {
				r.reportedAt = rep[j]
			}
			r.usd = float64(r.amount) / 100 / perUSD[r.currency]
			tm := time.UnixMicro(r.time).UTC()
			r.weekendUTC = tm.Weekday() == time.Saturday || tm.Weekday() == time.Sunday
			r.utcDay = r.time / 86400e6
			out = append(out, r)
		}
	}
	require.EqualValues(t, w.Rows(), len(out))
	return out
}

// byScenario returns the fraud rows of one scenario.
func byScenario(rows []row, name string) []row {
	var out []row
	for _, r := range rows {
		if r.fraud && r.scenario == name {
			out = append(out, r)
		}
	}
	return out
}
