package colwrite

import (
	"sync"
	"syscall"
	"testing"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/snappy"
	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	gentable "github.com/paygen/paygen/generated/table"
)

// The benchmarks write the same pre-generated 1M-row table (20,000
// customers, 5,000 merchants, as paygen's world has for 1M rows) in row
// groups of 4 blocks of 65,536 rows: with colwrite, and with parquet-go's
// GenericWriter on the equivalent struct rows.
const (
	benchRows      = 1_000_000
	benchBlock     = 1 << 16
	benchGroupRows = 4 * benchBlock
)

var benchTable = sync.OnceValue(func() *table {
	return genTable(benchRows, 1, tableOpts{customers: 20_000, merchants: 5_000})
})

// cpuTime is the process's user and system CPU time so far, in
// nanoseconds: with other processes on the machine it measures a
// benchmark's work better than the wall clock does.
func cpuTime(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// reportPerRow reports wall and CPU nanoseconds per row since start.
func reportPerRow(b *testing.B, cpuStart int64) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRows, "ns/row")
	b.ReportMetric(float64(cpuTime(b)-cpuStart)/float64(b.N)/benchRows, "cpu-ns/row")
}

// inputBytes is the size of the table's values as the generator holds
// them: 8 bytes a key, integer or double (17 columns), 1 a bool (5),
// and the strings (3).
func (t *table) inputBytes() int64 {
	n := int64(t.n) * (8*17 + 5)
	for i := range t.n {
		n += int64(len(t.txnID[i]) + len(t.currency[i]) + len(t.ip[i]))
	}
	return n
}

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

func BenchmarkColwrite1M(b *testing.B) {
	tab := benchTable()
	cols := tableColumns(true)
	rg := NewRowGroup(cols)
	var size int64
	b.SetBytes(tab.inputBytes())
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime(b)
	for range b.N {
		var cw countWriter
		w, err := NewWriter(&cw, cols, testKV, "paygen")
		if err != nil {
			b.Fatal(err)
		}
		for lo := 0; lo < benchRows; lo += benchGroupRows {
			rg.Reset()
			end := min(lo+benchGroupRows, benchRows)
			for blk := lo; blk < end; blk += benchBlock {
				appendTable(rg, tab, blk, min(blk+benchBlock, end), true)
			}
			if err := rg.Finish(); err != nil {
				b.Fatal(err)
			}
			if err := w.WriteRowGroup(rg); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	reportPerRow(b, cpu)
	b.ReportMetric(float64(size), "file-bytes")
}

// payment is the generated row type, which parquet-go's GenericWriter
// writes from its tags (as paygen's reference path does).
type payment = gentable.Payment

// payments renders the table as struct rows; entity strings are formatted
// once per entity and shared, as a generator would.
func (t *table) payments() []payment {
	cache := map[[2]uint64]*string{}
	str := func(kind uint64, f func([]byte, uint64) []byte, k uint64) *string {
		p, ok := cache[[2]uint64{kind, k}]
		if !ok {
			s := string(f(nil, k))
			p = &s
			cache[[2]uint64{kind, k}] = p
		}
		return p
	}
	rows := make([]payment, t.n)
	for i := range rows {
		r := &rows[i]
		r.TransactionID = t.txnID[i]
		r.EventTime = t.eventTime[i]
		r.CustomerID = *str(0, fmtCust, t.cust[i])
		r.CardID = *str(1, fmtCard, t.card[i])
		r.CardNumberMasked = *str(2, fmtMasked, t.card[i])
		r.CardBrand = brands[t.brand[i]]
		r.CardType = cardTypes[t.ctype[i]]
		r.Amount = t.amount[i]
		r.Currency = t.currency[i]
		r.MerchantID = *str(3, fmtMer, t.merchant[i])
		if t.mccValid[i] {
			r.MCCCode = str(4, fmtMCC, t.mcc[i])
		}
		r.MerchantCategory = categories[t.category[i]]
		r.MerchantCountry = countries[t.mcountry[i]]
		r.CustomerCountry = countries[t.ccountry[i]]
		r.EntryMode = entryModes[t.entry[i]]
		if t.deviceValid[i] {
			r.DeviceID = str(5, fmtDevice, t.device[i])
		}
		r.DeviceType = devTypes[t.devType[i]]
		r.IPAddress = t.ip[i]
		if t.geoValid[i] {
			lat, lon := latOf(t.merchant[i]), t.lon[i]
			r.Latitude, r.Longitude = &lat, &lon
		}
		r.ThreeDS = t.threeDS[i]
		r.AuthStatus = authNames[t.auth[i]]
		r.LabelFraud = t.fraud[i]
		if t.fraud[i] {
			r.FraudScenario = &scenarios[t.scenario[i]]
		}
	}
	return rows
}

// fastSnappy is the Snappy codec paygen gives parquet-go: s2's fast encoder.
type fastSnappy struct{}

func (fastSnappy) String() string                            { return "SNAPPY" }
func (fastSnappy) CompressionCodec() format.CompressionCodec { return format.Snappy }
func (fastSnappy) Encode(dst, src []byte) ([]byte, error) {
	n := s2.MaxEncodedLen(len(src))
	if cap(dst) < n {
		dst = make([]byte, n)
	}
	return s2.EncodeSnappy(dst[:n], src), nil
}
func (fastSnappy) Decode(dst, src []byte) ([]byte, error) {
	return snappy.Decode(dst[:cap(dst)], src)
}

func BenchmarkParquetGo1M(b *testing.B) {
	tab := benchTable()
	rows := tab.payments()
	opts := []pq.WriterOption{
		pq.Compression(fastSnappy{}),
		pq.PageBufferSize(256 << 10),
		pq.CreatedBy("paygen", "", ""),
		pq.MaxRowsPerRowGroup(benchGroupRows),
	}
	var cw countWriter
	pw := pq.NewGenericWriter[payment](&cw, opts...)
	var size int64
	b.SetBytes(tab.inputBytes())
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime(b)
	for range b.N {
		cw = countWriter{}
		pw.Reset(&cw)
		for lo := 0; lo < benchRows; lo += benchBlock {
			if _, err := pw.Write(rows[lo:min(lo+benchBlock, benchRows)]); err != nil {
				b.Fatal(err)
			}
		}
		if err := pw.Close(); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	reportPerRow(b, cpu)
	b.ReportMetric(float64(size), "file-bytes")
}
