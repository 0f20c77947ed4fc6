package tests

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/parquet-go/parquet-go"
	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/world"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The schema as both readers must see it: name, arrow type.
var wantColumns = []struct{ name, arrow string }{
	{"transaction_id", "utf8"}, {"event_time", "timestamp[us, tz=UTC]"}, {"customer_id", "utf8"},
	{"card_id", "utf8"}, {"card_number_masked", "utf8"}, {"card_brand", "utf8"}, {"card_type", "utf8"},
	{"amount", "decimal(12, 2)"}, {"currency", "utf8"}, {"merchant_id", "utf8"}, {"mcc_code", "utf8"},
	{"merchant_category", "utf8"}, {"merchant_country", "utf8"}, {"customer_country", "utf8"},
	{"entry_mode", "utf8"}, {"device_id", "utf8"}, {"device_type", "utf8"}, {"ip_address", "utf8"},
	{"latitude", "float64"}, {"longitude", "float64"}, {"three_ds", "bool"}, {"auth_status", "utf8"},
	{"label_fraud", "bool"}, {"fraud_scenario", "utf8"},
}

func TestSchemaMatchesYAML(t *testing.T) {
	tb := readArrow(t, small(t))
	fields := tb.tbl.Schema().Fields()
	require.Len(t, fields, len(wantColumns))
	require.Equal(t, len(generated.ColumnNames), len(fields))
	nullable := map[string]bool{"mcc_code": true, "device_id": true, "latitude": true, "longitude": true, "fraud_scenario": true}
	for i, f := range fields {
		assert.Equal(t, wantColumns[i].name, f.Name)
		assert.Equal(t, generated.ColumnNames[i], f.Name)
		typ := f.Type
		if d, ok := typ.(*arrow.DictionaryType); ok {
			typ = d.ValueType
		}
		assert.Equal(t, wantColumns[i].arrow, typ.String(), f.Name)
		assert.Equal(t, nullable[f.Name], f.Nullable, f.Name)
	}
	assert.EqualValues(t, 100000, tb.tbl.NumRows())
	assert.Equal(t, generated.Fingerprint, tb.meta["paygen.schema_fingerprint"])
	assert.Equal(t, "42", tb.meta["paygen.seed"])
	assert.Equal(t, "100000", tb.meta["paygen.rows"])
	assert.Equal(t, "2025-05-29", tb.meta["paygen.date"])
	assert.NotEmpty(t, tb.meta["paygen.version"])
	assert.Greater(t, tb.rgs, 1, "expected several row groups")
}

// Both readers agree on row count, null counts and sums.
func TestIndependentReadersAgree(t *testing.T) {
	path := small(t)
	tb := readArrow(t, path)
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	require.NoError(t, err)
	require.EqualValues(t, tb.tbl.NumRows(), pf.NumRows())
	for i, c := range pf.Schema().Columns() {
		name := c[0]
		var nulls int64
		var sum float64
		for _, rg := range pf.RowGroups() {
			pages := rg.ColumnChunks()[i].Pages()
			for {
				p, err := pages.ReadPage()
				if err != nil {
					break
				}
				nulls += p.NumNulls()
				vals := make([]parquet.Value, p.NumValues())
				n, _ := p.Values().ReadValues(vals)
				for _, v := range vals[:n] {
					switch v.Kind() {
					case parquet.Int64:
						sum += float64(v.Int64())
					case parquet.Double:
						sum += v.Double()
					}
				}
			}
			pages.Close()
		}
		assert.EqualValues(t, tb.nulls(t, name), nulls, "null count of %s", name)
		switch name {
		case "amount", "event_time":
			var s float64
			for _, v := range tb.int64s(t, name) {
				s += float64(v)
			}
			assert.Equal(t, s, sum, "sum of %s", name)
		case "latitude", "longitude":
			v, ok := tb.floats(t, name)
			var s float64
			for j := range v {
				if ok[j] {
					s += v[j]
				}
			}
			assert.InDelta(t, s, sum, 1e-6*math.Abs(s), "sum of %s", name)
		}
	}
}

func TestExactFraudAndNullRatesAt1M(t *testing.T) {
	tb := readArrow(t, big(t), "label_fraud", "fraud_scenario", "mcc_code", "device_id", "latitude", "longitude")
	rows := float64(tb.tbl.NumRows())
	require.EqualValues(t, 1000000, rows)
	fraud := tb.bools(t, "label_fraud")
	scen, scenOK := tb.strings(t, "fraud_scenario")
	n := 0
	for i, f := range fraud {
		if f {
			n++
		}
		require.Equal(t, f, scenOK[i], "fraud_scenario must be null exactly when label_fraud is false (row %d)", i)
		if f {
			require.Contains(t, world.ScenarioNames, scen[i])
		}
	}
	require.Equal(t, 3000, n, "exactly round(0.003 x rows) fraud rows")
	for col, want := range map[string]float64{"mcc_code": 0.05, "device_id": 0.08, "latitude": 0.01, "longitude": 0.01} {
		assert.InDelta(t, want, float64(tb.nulls(t, col))/rows, 0.005, col)
	}
	lat, latOK := tb.floats(t, "latitude")
	_, lonOK := tb.floats(t, "longitude")
	for i := range lat {
		require.Equal(t, latOK[i], lonOK[i], "latitude and longitude null together (row %d)", i)
	}
}

func TestCodesAreValid(t *testing.T) {
	tb := readArrow(t, small(t))
	countries, currencies, mccs := map[string]string{}, map[string]bool{}, map[string]string{}
	for _, c := range refdata.Countries() {
		countries[c.Code] = c.Currency
	}
	for _, c := range refdata.Currencies() {
		currencies[c.Code] = true
	}
	for _, m := range refdata.MCCs() {
		mccs[m.Code] = m.Category
	}
	mc, _ := tb.strings(t, "merchant_country")
	cc, _ := tb.strings(t, "customer_country")
	cur, _ := tb.strings(t, "currency")
	mcc, mccOK := tb.strings(t, "mcc_code")
	cat, _ := tb.strings(t, "merchant_category")
	ips, _ := tb.strings(t, "ip_address")
	amount := tb.int64s(t, "amount")
	lat, latOK := tb.floats(t, "latitude")
	lon, _ := tb.floats(t, "longitude")
	mccRE := regexp.MustCompile(`^[0-9]{4}$`)
	for i := range mc {
		require.Contains(t, countries, mc[i])
		require.Contains(t, countries, cc[i])
		require.True(t, currencies[cur[i]], cur[i])
		require.Equal(t, countries[mc[i]], cur[i], "currency is the merchant country's")
		if mccOK[i] {
			require.Regexp(t, mccRE, mcc[i])
			require.Equal(t, mccs[mcc[i]], cat[i], "category of MCC %s", mcc[i])
		}
		require.Positive(t, amount[i])
		ip := parseIPv4(t, ips[i])
		require.True(t, refdata.IsPublicIPv4(ip), "public IPv4: %s", ips[i])
		if latOK[i] {
			require.LessOrEqual(t, math.Abs(lat[i]), 90.0)
			require.LessOrEqual(t, math.Abs(lon[i]), 180.0)
			require.Equal(t, lat[i], math.Round(lat[i]*1e6)/1e6, "6 decimals")
		}
	}
}

func parseIPv4(t testing.TB, s string) uint32 {
	parts := strings.Split(s, ".")
	require.Len(t, parts, 4, s)
	var ip uint32
	for _, p := range parts {
		v, err := strconv.Atoi(p)
		require.NoError(t, err)
		require.True(t, v >= 0 && v <= 255)
		ip = ip<<8 | uint32(v)
	}
	return ip
}

// The dataset holds only masked PANs; the world recomputes the full number
// of any card id, which must be Luhn-valid and match the masked form.
func TestPANsAreLuhnValidAndMasked(t *testing.T) {
	tb := readArrow(t, small(t), "card_id", "card_number_masked", "card_brand")
	w, err := world.New(generated.Config, 42, 100000, time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	ids, _ := tb.strings(t, "card_id")
	masked, _ := tb.strings(t, "card_number_masked")
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		n, err := strconv.Atoi(strings.TrimPrefix(id, "card_"))
		require.NoError(t, err)
		pan := w.PAN(uint32(n))
		require.True(t, refdata.LuhnValid(pan), "PAN of %s", id)
		require.Equal(t, pan[:6]+strings.Repeat("*", len(pan)-10)+pan[len(pan)-4:], masked[i])
	}
	require.Greater(t, len(seen), 1000)
}

func TestEntitiesAreConsistent(t *testing.T) {
	tb := readArrow(t, small(t))
	get := func(name string) []string { v, _ := tb.strings(t, name); return v }
	card, cust, brand, ctype, masked := get("card_id"), get("customer_id"), get("card_brand"), get("card_type"), get("card_number_masked")
	ccountry, mer, mcountry, cat, cur := get("customer_country"), get("merchant_id"), get("merchant_country"), get("merchant_category"), get("currency")
	dev, dtype, ip := get("device_id"), get("device_type"), get("ip_address")
	lat, latOK := tb.floats(t, "latitude")
	consistent := func(what string, key []string, vals ...[]string) {
		first := map[string]string{}
		for i, k := range key {
			if k == "" {
				continue
			}
			var b strings.Builder
			for _, v := range vals {
				b.WriteString(v[i] + "|")
			}
			if prev, ok := first[k]; ok {
				require.Equal(t, prev, b.String(), "%s %s changed attributes", what, k)
			} else {
				first[k] = b.String()
			}
		}
	}
	consistent("card", card, cust, brand, ctype, masked)
	consistent("customer", cust, ccountry)
	consistent("merchant", mer, mcountry, cat, cur)
	consistent("device", dev, dtype)
	// a terminal keeps its merchant's address; a personal device's address
	// follows the network it is on (docs/scenarios.md)
	term := make([]string, len(dev))
	for i, d := range dev {
		if strings.HasPrefix(d, "pos_") {
			term[i] = d
		}
	}
	consistent("terminal", term, ip)
	latByMer := map[string]float64{}
	for i, m := range mer {
		if !latOK[i] {
			continue
		}
		if v, ok := latByMer[m]; ok {
			require.Equal(t, v, lat[i], "merchant %s moved", m)
		}
		latByMer[m] = lat[i]
	}
	dom := 0
	for i := range ccountry {
		if ccountry[i] == mcountry[i] {
			dom++
		}
	}
	assert.Greater(t, float64(dom)/float64(len(ccountry)), 0.8, "most payments are domestic")
}

func TestTimeOrderAndWindow(t *testing.T) {
	tb := readArrow(t, small(t), "event_time", "transaction_id")
	ts := tb.int64s(t, "event_time")
	ids, _ := tb.strings(t, "transaction_id")
	end := time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, 0, -30)
	seen := map[string]bool{}
	for i, v := range ts {
		if i > 0 {
			require.GreaterOrEqual(t, v, ts[i-1], "row %d out of time order", i)
			require.Greater(t, ids[i], ids[i-1], "transaction ids ordered like time")
		}
		require.GreaterOrEqual(t, v, start.UnixMicro())
		require.Less(t, v, end.UnixMicro())
		require.False(t, seen[ids[i]], "duplicate transaction_id %s", ids[i])
		seen[ids[i]] = true
	}
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	a := generate(t, "--rows", "150k", "--workers", "1", "--row-group-size", "65536")
	b := generate(t, "--rows", "150k", "--workers", "4", "--row-group-size", "65536")
	ba, err := os.ReadFile(a)
	require.NoError(t, err)
	bb, err := os.ReadFile(b)
	require.NoError(t, err)
	require.True(t, bytes.Equal(ba, bb), "1 and 4 workers must write byte-identical files")
	c := generate(t, "--rows", "150k", "--workers", "2", "--seed", "7", "--row-group-size", "65536")
	bc, _ := os.ReadFile(c)
	require.False(t, bytes.Equal(ba, bc), "another seed gives other data")
}

func TestShardsPartitionTheDataset(t *testing.T) {
	full := readArrow(t, generate(t, "--rows", "200k"), "transaction_id", "amount")
	ids, _ := full.strings(t, "transaction_id")
	amounts := full.int64s(t, "amount")
	var gotIDs []string
	var gotAmounts []int64
	for i := 1; i <= 3; i++ {
		p := generate(t, "--rows", "200k", "--shard", strconv.Itoa(i)+"/3")
		require.Contains(t, filepath.Base(p), ".shard-"+strconv.Itoa(i)+"-of-3.parquet")
		s := readArrow(t, p, "transaction_id", "amount")
		v, _ := s.strings(t, "transaction_id")
		gotIDs = append(gotIDs, v...)
		gotAmounts = append(gotAmounts, s.int64s(t, "amount")...)
	}
	require.Equal(t, ids, gotIDs)
	require.Equal(t, amounts, gotAmounts)
}
