package colwrite

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// table is a synthetic payments table of the shape colwrite is written for,
// held column by column as the generator holds it: integer keys for entity
// and vocabulary columns, strings for per-row values.
type table struct {
	n           int
	txnID       []string
	eventTime   []int64
	cust        []uint64
	card        []uint64
	brand       []uint64
	ctype       []uint64
	amount      []int64
	currency    []string
	merchant    []uint64
	mcc         []uint64
	mccValid    []bool
	category    []uint64
	mcountry    []uint64
	ccountry    []uint64
	entry       []uint64
	device      []uint64
	deviceValid []bool
	devType     []uint64
	ip          []string
	geoValid    []bool
	lon         []float64
	threeDS     []bool
	auth        []uint64
	fraud       []bool
	scenario    []uint64
}

var (
	brands     = []string{"visa", "mastercard", "amex", "discover", "jcb", "unionpay"}
	cardTypes  = []string{"credit", "debit", "prepaid"}
	countries  = []string{"US", "GB", "DE", "FR", "JP", "BR", "IN", "AU", "CA", "MX", "ES", "IT", "NL", "SE", "PL", "ZA"}
	currencies = []string{"USD", "GBP", "EUR", "EUR", "JPY", "BRL", "INR", "AUD", "CAD", "MXN", "EUR", "EUR", "EUR", "SEK", "PLN", "ZAR"}
	categories = []string{"grocery", "restaurants", "electronics", "travel", "fuel", "", "fashion", "pharmacy"}
	entryModes = []string{"chip", "contactless", "magstripe", "ecommerce"}
	devTypes   = []string{"mobile", "desktop", "tablet", "pos_terminal"}
	authNames  = []string{"approved", "declined", "review"}
	scenarios  = []string{"card_testing", "account_takeover", "stolen_card", "device_farm"}
)

// tableOpts shapes a generated table.
type tableOpts struct {
	customers  int  // distinct customers (Zipf popularity)
	merchants  int  // distinct merchants
	singleType bool // card_type takes one value only
}

func genTable(n int, seed uint64, o tableOpts) *table {
	r := rand.New(rand.NewPCG(seed, 42))
	custZipf := rand.NewZipf(r, 1.1, 4, uint64(o.customers-1))
	merZipf := rand.NewZipf(r, 1.1, 4, uint64(o.merchants-1))
	t := &table{n: n}
	t.txnID = make([]string, n)
	t.eventTime = make([]int64, n)
	t.cust = make([]uint64, n)
	t.card = make([]uint64, n)
	t.brand = make([]uint64, n)
	t.ctype = make([]uint64, n)
	t.amount = make([]int64, n)
	t.currency = make([]string, n)
	t.merchant = make([]uint64, n)
	t.mcc = make([]uint64, n)
	t.mccValid = make([]bool, n)
	t.category = make([]uint64, n)
	t.mcountry = make([]uint64, n)
	t.ccountry = make([]uint64, n)
	t.entry = make([]uint64, n)
	t.device = make([]uint64, n)
	t.deviceValid = make([]bool, n)
	t.devType = make([]uint64, n)
	t.ip = make([]string, n)
	t.geoValid = make([]bool, n)
	t.lon = make([]float64, n)
	t.threeDS = make([]bool, n)
	t.auth = make([]uint64, n)
	t.fraud = make([]bool, n)
	t.scenario = make([]uint64, n)
	ips := map[uint64]string{}
	tm := int64(1745884800000000) // 2025-04-29T00:00:00Z in microseconds
	for i := range n {
		tm += r.Int64N(5_000_000)
		t.txnID[i] = "txn_20250529_" + pad(uint64(i), 10)
		t.eventTime[i] = tm
		c := custZipf.Uint64() + 1000
		t.cust[i] = c
		t.card[i] = c*4 + uint64(r.IntN(3))
		t.brand[i] = mix(t.card[i]) % uint64(len(brands))
		if !o.singleType {
			t.ctype[i] = mix(t.card[i]+1) % uint64(len(cardTypes))
		}
		t.amount[i] = 1 + r.Int64N(500_000)
		m := merZipf.Uint64() + 1000
		t.merchant[i] = m
		t.mcountry[i] = mix(m) % uint64(len(countries))
		t.currency[i] = currencies[t.mcountry[i]]
		t.mcc[i] = mix(m+7) % 9000
		t.mccValid[i] = r.Float64() >= 0.05
		t.category[i] = t.mcc[i] % uint64(len(categories))
		t.ccountry[i] = mix(c) % uint64(len(countries))
		t.entry[i] = uint64(r.IntN(len(entryModes)))
		if t.entry[i] == 3 {
			t.device[i] = c*2 + uint64(r.IntN(2)) // personal device
		} else {
			t.device[i] = 1<<40 + m*8 + uint64(r.IntN(8)) // merchant terminal
		}
		t.deviceValid[i] = r.Float64() >= 0.08
		t.devType[i] = mix(t.device[i]) % uint64(len(devTypes))
		if i%97 == 5 {
			t.ip[i] = ""
		} else {
			ip, ok := ips[t.device[i]]
			if !ok {
				ip = string(fmtIP(nil, t.device[i]))
				ips[t.device[i]] = ip
			}
			t.ip[i] = ip
		}
		t.geoValid[i] = r.Float64() >= 0.01
		t.lon[i] = lonOf(m)
		t.threeDS[i] = r.IntN(3) == 0
		t.auth[i] = uint64(r.IntN(len(authNames)))
		t.fraud[i] = r.IntN(300) == 0
		if t.fraud[i] {
			t.scenario[i] = uint64(r.IntN(len(scenarios)))
		}
	}
	return t
}

func mix(x uint64) uint64 {
	x ^= x >> 31
	x *= 0x7fb5d329728ea185
	x ^= x >> 27
	x *= 0x81dadef4bc2dd44d
	return x ^ x>>33
}

func pad(v uint64, width int) string {
	s := strconv.FormatUint(v, 10)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

func latOf(m uint64) float64 { return math.Round(float64(mix(m)%180_000_000))/1e6 - 90 }
func lonOf(m uint64) float64 { return math.Round(float64(mix(m+1)%360_000_000))/1e6 - 180 }

func appendPad(dst []byte, v uint64, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for v > 0 || len(buf)-i < width {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return append(dst, buf[i:]...)
}

// Formatters for the keyed columns.
func fmtCust(dst []byte, k uint64) []byte { return appendPad(append(dst, "cus_"...), k, 7) }
func fmtCard(dst []byte, k uint64) []byte { return appendPad(append(dst, "card_"...), k, 8) }
func fmtMasked(dst []byte, k uint64) []byte {
	dst = append(dst, "411111******"...)
	return appendPad(dst, k%10000, 4)
}
func fmtMer(dst []byte, k uint64) []byte { return appendPad(append(dst, "mer_"...), k, 6) }
func fmtMCC(dst []byte, k uint64) []byte { return appendPad(dst, k, 4) }
func fmtDevice(dst []byte, k uint64) []byte {
	if k >= 1<<40 {
		return appendPad(append(dst, "pos_"...), k-1<<40, 12)
	}
	return appendPad(append(dst, "dev_"...), k, 12)
}
func fmtIP(dst []byte, k uint64) []byte {
	h := mix(k + 3)
	dst = strconv.AppendUint(dst, 1+h%223, 10)
	for s := 8; s <= 24; s += 8 {
		dst = strconv.AppendUint(append(dst, '.'), h>>s&255, 10)
	}
	return dst
}
func fmtCurrency(dst []byte, k uint64) []byte { return append(dst, currencies[k]...) }
func vocab(words []string) func([]byte, uint64) []byte {
	return func(dst []byte, k uint64) []byte { return append(dst, words[k]...) }
}

var (
	fmtBrand    = vocab(brands)
	fmtCardType = vocab(cardTypes)
	fmtCategory = vocab(categories)
	fmtCountry  = vocab(countries)
	fmtEntry    = vocab(entryModes)
	fmtDevType  = vocab(devTypes)
	fmtAuth     = vocab(authNames)
	fmtScenario = vocab(scenarios)
)

// testColumns is the 24-column payments schema, exercising every append
// method: Delta strings and timestamps, Keyed dictionaries, string-keyed
// dictionaries, plain strings and decimals, keyed and value-keyed doubles.
func testColumns() []Column {
	return tableColumns(false)
}

// tableColumns is testColumns, or with keyed set the schema as paygen
// writes it: currency and ip_address keyed dictionaries too.
func tableColumns(keyed bool) []Column {
	ip := Plain
	if keyed {
		ip = Dict
	}
	s := func(name string, enc Encoding, opt bool) Column {
		return Column{Name: name, Physical: ByteArray, Logical: String, Encoding: enc, Optional: opt}
	}
	return []Column{
		s("transaction_id", Delta, false),
		{Name: "event_time", Physical: Int64, Logical: TimestampMicrosUTC, Encoding: Delta},
		s("customer_id", Dict, false),
		s("card_id", Dict, false),
		s("card_number_masked", Dict, false),
		s("card_brand", Dict, false),
		s("card_type", Dict, false),
		{Name: "amount", Physical: Int64, Logical: Decimal, Precision: 12, Scale: 2},
		s("currency", Dict, false),
		s("merchant_id", Dict, false),
		s("mcc_code", Dict, true),
		s("merchant_category", Dict, false),
		s("merchant_country", Dict, false),
		s("customer_country", Dict, false),
		s("entry_mode", Dict, false),
		s("device_id", Dict, true),
		s("device_type", Dict, false),
		s("ip_address", ip, false),
		{Name: "latitude", Physical: Double, Encoding: Dict, Optional: true},
		{Name: "longitude", Physical: Double, Encoding: Dict, Optional: true},
		{Name: "three_ds", Physical: Boolean},
		s("auth_status", Dict, false),
		{Name: "label_fraud", Physical: Boolean},
		s("fraud_scenario", Dict, true),
	}
}

// appendRows appends rows lo..hi of t to rg as one batch.
func appendRows(rg *RowGroup, t *table, lo, hi int) {
	appendTable(rg, t, lo, hi, false)
}

// appendTable appends rows lo..hi of t to rg as one batch, for
// tableColumns(keyed).
func appendTable(rg *RowGroup, t *table, lo, hi int, keyed bool) {
	for _, w := range tableWriters(t, keyed) {
		w(rg, lo, hi)
	}
}

// tableWriters returns, for each column of tableColumns(keyed), a function
// appending rows lo..hi of t to that column.
func tableWriters(t *table, keyed bool) []func(rg *RowGroup, lo, hi int) {
	type w = func(rg *RowGroup, lo, hi int)
	key := func(col int, keys []uint64, valid []bool, f func([]byte, uint64) []byte) w {
		return func(rg *RowGroup, lo, hi int) { rg.Keyed(col, keys[lo:hi], part(valid, lo, hi), f) }
	}
	currency, ip := key(8, t.mcountry, nil, fmtCurrency), key(17, t.device, nil, fmtIP)
	if !keyed {
		currency = func(rg *RowGroup, lo, hi int) { rg.Strings(8, t.currency[lo:hi], nil) }
		ip = func(rg *RowGroup, lo, hi int) { rg.Strings(17, t.ip[lo:hi], nil) }
	}
	return []w{
		func(rg *RowGroup, lo, hi int) { rg.Strings(0, t.txnID[lo:hi], nil) },
		func(rg *RowGroup, lo, hi int) { rg.Int64(1, t.eventTime[lo:hi], nil) },
		key(2, t.cust, nil, fmtCust),
		key(3, t.card, nil, fmtCard),
		key(4, t.card, nil, fmtMasked),
		key(5, t.brand, nil, fmtBrand),
		key(6, t.ctype, nil, fmtCardType),
		func(rg *RowGroup, lo, hi int) { rg.Int64(7, t.amount[lo:hi], nil) },
		currency,
		key(9, t.merchant, nil, fmtMer),
		key(10, t.mcc, t.mccValid, fmtMCC),
		key(11, t.category, nil, fmtCategory),
		key(12, t.mcountry, nil, fmtCountry),
		key(13, t.ccountry, nil, fmtCountry),
		key(14, t.entry, nil, fmtEntry),
		key(15, t.device, t.deviceValid, fmtDevice),
		key(16, t.devType, nil, fmtDevType),
		ip,
		func(rg *RowGroup, lo, hi int) { rg.KeyedDouble(18, t.merchant[lo:hi], t.geoValid[lo:hi], latOf) },
		func(rg *RowGroup, lo, hi int) { rg.Double(19, t.lon[lo:hi], t.geoValid[lo:hi]) },
		func(rg *RowGroup, lo, hi int) { rg.Bool(20, t.threeDS[lo:hi], nil) },
		key(21, t.auth, nil, fmtAuth),
		func(rg *RowGroup, lo, hi int) { rg.Bool(22, t.fraud[lo:hi], nil) },
		key(23, t.scenario, t.fraud, fmtScenario),
	}
}

// value is the expected value of column col at row i: string, int64,
// float64, bool, or nil for null.
func (t *table) value(col, i int) any {
	str := func(f func([]byte, uint64) []byte, k uint64) any { return string(f(nil, k)) }
	switch col {
	case 0:
		return t.txnID[i]
	case 1:
		return t.eventTime[i]
	case 2:
		return str(fmtCust, t.cust[i])
	case 3:
		return str(fmtCard, t.card[i])
	case 4:
		return str(fmtMasked, t.card[i])
	case 5:
		return brands[t.brand[i]]
	case 6:
		return cardTypes[t.ctype[i]]
	case 7:
		return t.amount[i]
	case 8:
		return t.currency[i]
	case 9:
		return str(fmtMer, t.merchant[i])
	case 10:
		if !t.mccValid[i] {
			return nil
		}
		return str(fmtMCC, t.mcc[i])
	case 11:
		return categories[t.category[i]]
	case 12:
		return countries[t.mcountry[i]]
	case 13:
		return countries[t.ccountry[i]]
	case 14:
		return entryModes[t.entry[i]]
	case 15:
		if !t.deviceValid[i] {
			return nil
		}
		return str(fmtDevice, t.device[i])
	case 16:
		return devTypes[t.devType[i]]
	case 17:
		return t.ip[i]
	case 18:
		if !t.geoValid[i] {
			return nil
		}
		return latOf(t.merchant[i])
	case 19:
		if !t.geoValid[i] {
			return nil
		}
		return t.lon[i]
	case 20:
		return t.threeDS[i]
	case 21:
		return authNames[t.auth[i]]
	case 22:
		return t.fraud[i]
	case 23:
		if !t.fraud[i] {
			return nil
		}
		return scenarios[t.scenario[i]]
	}
	panic(col)
}
