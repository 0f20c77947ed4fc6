package profile

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/refdata"
)

const testRows = 12000 // > one window (8192), several row groups

// profileOf writes rows and profiles them with the payments spec.
func profileOf(t *testing.T, rows []payment, spec *Spec) *Profile {
	t.Helper()
	path := filepath.Join(t.TempDir(), "payments_12k_20250529.parquet")
	require.NoError(t, writeParquet(path, rows, 5000))
	p, err := Run(path, spec, Options{})
	require.NoError(t, err)
	return p
}

func col(t *testing.T, p *Profile, name string) Column {
	t.Helper()
	for _, c := range p.Columns {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no column %s", name)
	return Column{}
}

// Independent reference computations.

func meanStd(xs []float64) (mean, std float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}

func nearestRank(sorted []float64, q float64) float64 {
	k := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[max(k, 0)]
}

// wilsonRef solves |p̂ - p| = z·sqrt(p(1-p)/n) for p (the quadratic form).
func wilsonRef(k, n int64) (float64, float64) {
	ph, nf, z := float64(k)/float64(n), float64(n), 1.959963984540054
	a := 1 + z*z/nf
	b := -(2*ph + z*z/nf)
	c := ph * ph
	d := math.Sqrt(b*b - 4*a*c)
	return (-b - d) / (2 * a), (-b + d) / (2 * a)
}

// aucRef counts pairs: P(score_pos > score_neg) + ½ P(equal).
func aucRef(score []float64, label []bool) float64 {
	var u, np, nn float64
	for i := range score {
		if !label[i] {
			continue
		}
		np++
		for j := range score {
			if label[j] {
				continue
			}
			switch {
			case score[i] > score[j]:
				u++
			case score[i] == score[j]:
				u += 0.5
			}
		}
	}
	for _, l := range label {
		if !l {
			nn++
		}
	}
	return u / (np * nn)
}

// crossFitRef scores row i with the fraud rate of its category among the
// rows of the other folds, shrunk toward their overall rate by cfPrior rows.
func crossFitRef(cats []string, labels []bool) []float64 {
	type key struct {
		fold int
		cat  string
	}
	n, f := map[key]float64{}, map[key]float64{}
	for i, c := range cats {
		k := key{foldOf(int64(i)), c}
		n[k]++
		if labels[i] {
			f[k]++
		}
	}
	score := make([]float64, len(cats))
	for i, c := range cats {
		me := foldOf(int64(i))
		var on, of, tn, tf float64
		for k, v := range n {
			if k.fold == me {
				continue
			}
			tn += v
			tf += f[k]
			if k.cat == c {
				on += v
				of += f[k]
			}
		}
		score[i] = (of + cfPrior*tf/tn) / (on + cfPrior)
	}
	return score
}

func pearsonRef(x, y []float64) float64 {
	mx, _ := meanStd(x)
	my, _ := meanStd(y)
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func rankRef(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		for k := i; k < j; k++ {
			r[idx[k]] = float64(i+j+1) / 2
		}
		i = j
	}
	return r
}

func cramerRef(a, b []string) float64 {
	ta, tb, tab := map[string]float64{}, map[string]float64{}, map[[2]string]float64{}
	for i := range a {
		ta[a[i]]++
		tb[b[i]]++
		tab[[2]string{a[i], b[i]}]++
	}
	n := float64(len(a))
	var chi float64
	for x, nx := range ta {
		for y, ny := range tb {
			e := nx * ny / n
			d := tab[[2]string{x, y}] - e
			chi += d * d / e
		}
	}
	return math.Sqrt(chi / n / float64(min(len(ta), len(tb))-1))
}

func etaRef(y []float64, g []string) float64 {
	m, _ := meanStd(y)
	sum, cnt := map[string]float64{}, map[string]float64{}
	var tot float64
	for i := range y {
		sum[g[i]] += y[i]
		cnt[g[i]]++
		tot += (y[i] - m) * (y[i] - m)
	}
	var between float64
	for k, s := range sum {
		between += cnt[k] * (s/cnt[k] - m) * (s/cnt[k] - m)
	}
	return math.Sqrt(between / tot)
}

func pair(p *Profile, a, b, method string) (CorrPair, bool) {
	for _, x := range p.Correlations.Pairs {
		if x.Method == method && (x.A == a && x.B == b || x.A == b && x.B == a) {
			return x, true
		}
	}
	return CorrPair{}, false
}

func TestFiguresMatchIndependentComputation(t *testing.T) {
	rows := genPayments(testRows, 3)
	p := profileOf(t, rows, testSpec())
	n := int64(len(rows))

	// Overview.
	o := p.Overview
	assert.Equal(t, n, o.Rows)
	assert.Equal(t, 24, o.Columns)
	assert.Equal(t, 3, o.RowGroups)
	assert.Equal(t, "SNAPPY", o.Compression)
	assert.Equal(t, "sha256:0123abcd", o.SchemaFingerprint)
	assert.Equal(t, "7", o.Seed)
	assert.Equal(t, "2025-05-29", o.Date)
	assert.Equal(t, "payments", o.Table)
	assert.Zero(t, o.DuplicateRows)
	assert.True(t, o.DuplicateExact)
	var nullMCC, nullDev, nullLat, nullScen int64
	for _, r := range rows {
		if r.MCCCode == nil {
			nullMCC++
		}
		if r.DeviceID == nil {
			nullDev++
		}
		if r.Latitude == nil {
			nullLat++
		}
		if r.FraudScenario == nil {
			nullScen++
		}
	}
	assert.Equal(t, nullMCC+nullDev+2*nullLat+nullScen, o.MissingCells)

	// Amount: exact moments, quantiles within the sketch's relative error.
	amounts := make([]float64, len(rows))
	for i, r := range rows {
		amounts[i] = float64(r.Amount) / 100
	}
	a := col(t, p, "amount")
	require.NotNil(t, a.Numeric)
	assert.Equal(t, n, a.Count)
	assert.Zero(t, a.Missing)
	mean, std := meanStd(amounts)
	sorted := append([]float64(nil), amounts...)
	sort.Float64s(sorted)
	assert.InEpsilon(t, mean, a.Numeric.Mean, 1e-12)
	assert.InEpsilon(t, std, *a.Numeric.Std, 1e-9)
	assert.Equal(t, sorted[0], a.Numeric.Min)
	assert.Equal(t, sorted[len(sorted)-1], a.Numeric.Max)
	for _, q := range a.Numeric.Quantiles {
		want := nearestRank(sorted, q.P)
		assert.InDelta(t, want, q.Value, lhRelErr*math.Abs(want)+1e-9, "amount p%v", q.P)
	}
	var histTotal int64
	for _, c := range a.Numeric.Histogram.Counts {
		histTotal += c
	}
	assert.Equal(t, n, histTotal)

	// Latitude: nulls, negatives, quantiles.
	var lats []float64
	var neg int64
	for _, r := range rows {
		if r.Latitude != nil {
			lats = append(lats, *r.Latitude)
			if *r.Latitude < 0 {
				neg++
			}
		}
	}
	lat := col(t, p, "latitude")
	assert.Equal(t, nullLat, lat.Missing)
	assert.Equal(t, neg, lat.Numeric.Negatives)
	sort.Float64s(lats)
	for _, q := range lat.Numeric.Quantiles {
		want := nearestRank(lats, q.P)
		assert.InDelta(t, want, q.Value, lhRelErr*math.Abs(want)+1e-9, "latitude p%v", q.P)
	}

	// Distinct: exact for small categoricals, HLL within 4 standard errors.
	distinct := func(f func(payment) string) int64 {
		m := map[string]bool{}
		for _, r := range rows {
			m[f(r)] = true
		}
		return int64(len(m))
	}
	brand := col(t, p, "card_brand")
	assert.True(t, brand.DistinctExact)
	assert.Equal(t, distinct(func(r payment) string { return r.CardBrand }), brand.Distinct)
	for _, name := range []string{"customer_id", "ip_address", "transaction_id"} {
		c := col(t, p, name)
		var want int64
		switch name {
		case "customer_id":
			want = distinct(func(r payment) string { return r.CustomerID })
		case "ip_address":
			want = distinct(func(r payment) string { return r.IPAddress })
		default:
			want = n
		}
		assert.False(t, c.DistinctExact)
		assert.InDelta(t, float64(want), float64(c.Distinct), 4*hllRelErr*float64(want), name)
	}
	assert.True(t, col(t, p, "transaction_id").Unique)
	assert.False(t, col(t, p, "customer_id").Unique)

	// Top values of card_brand: exact counts.
	counts := map[string]int64{}
	for _, r := range rows {
		counts[r.CardBrand]++
	}
	require.True(t, brand.Categorical.TopExact)
	require.Len(t, brand.Categorical.Top, len(counts))
	for _, v := range brand.Categorical.Top {
		assert.Equal(t, counts[v.Value], v.Count, v.Value)
	}
	assert.Equal(t, nullMCC, col(t, p, "mcc_code").Missing)

	// Booleans.
	var threeDS int64
	for _, r := range rows {
		if r.ThreeDS {
			threeDS++
		}
	}
	assert.Equal(t, threeDS, col(t, p, "three_ds").Boolean.True)

	// Timestamps: range, days, hours (UTC and merchant-local).
	ts := col(t, p, "event_time").Timestamp
	require.NotNil(t, ts)
	minT, maxT := rows[0].EventTime, rows[0].EventTime
	days := map[string]int64{}
	var hours, local [24]int64
	for _, r := range rows {
		minT, maxT = min(minT, r.EventTime), max(maxT, r.EventTime)
		tm := time.UnixMicro(r.EventTime).UTC()
		days[tm.Format("2006-01-02")]++
		hours[tm.Hour()]++
		c, ok := refdata.CountryByCode(r.MerchantCountry)
		require.True(t, ok)
		local[tm.Add(time.Duration(c.UTCOffsetMin)*time.Minute).Hour()]++
	}
	assert.Equal(t, time.UnixMicro(minT).UTC().Format("2006-01-02T15:04:05.000000Z"), ts.Min)
	assert.Equal(t, time.UnixMicro(maxT).UTC().Format("2006-01-02T15:04:05.000000Z"), ts.Max)
	require.Len(t, ts.Days, len(days))
	for _, d := range ts.Days {
		assert.Equal(t, days[d.Day], d.Count, d.Day)
	}
	assert.Equal(t, hours[:], ts.HourUTC)
	assert.Equal(t, local[:], ts.HourLocal)
	assert.Equal(t, "merchant_country", ts.LocalFrom)

	// Fraud target.
	tg := p.Target
	require.NotNil(t, tg)
	labels := make([]bool, len(rows))
	var pos int64
	for i, r := range rows {
		labels[i] = r.LabelFraud
		if r.LabelFraud {
			pos++
		}
	}
	assert.Equal(t, int64(math.Round(0.003*float64(n))), pos)
	assert.Equal(t, pos, tg.Positives)
	assert.Equal(t, n, tg.Rows)
	lo, hi := wilsonRef(pos, n)
	assert.InDelta(t, lo, tg.CILow, 1e-12)
	assert.InDelta(t, hi, tg.CIHigh, 1e-12)

	// Fraud rate by entry mode, with intervals.
	em := map[string][2]int64{}
	for _, r := range rows {
		c := em[r.EntryMode]
		c[0]++
		if r.LabelFraud {
			c[1]++
		}
		em[r.EntryMode] = c
	}
	var found bool
	for _, b := range tg.ByCategory {
		if b.Column != "entry_mode" {
			continue
		}
		found = true
		require.Len(t, b.Groups, len(em))
		for _, g := range b.Groups {
			c := em[g.Value]
			assert.Equal(t, c[0], g.Rows, g.Value)
			assert.Equal(t, c[1], g.Fraud, g.Value)
			l, h := wilsonRef(c[1], c[0])
			assert.InDelta(t, l, g.CILow, 1e-12)
			assert.InDelta(t, h, g.CIHigh, 1e-12)
			assert.InDelta(t, (float64(c[1])/float64(c[0]))/(float64(pos)/float64(n)), g.Lift, 1e-12)
		}
	}
	assert.True(t, found)

	// Fraud by hour (UTC) and by scenario.
	var fraudHour [24]int64
	scen := map[string]int64{}
	for _, r := range rows {
		if r.LabelFraud {
			fraudHour[time.UnixMicro(r.EventTime).UTC().Hour()]++
			scen[*r.FraudScenario]++
		}
	}
	require.NotEmpty(t, tg.ByHour)
	for h, g := range tg.ByHour[0].Groups {
		assert.Equal(t, hours[h], g.Rows)
		assert.Equal(t, fraudHour[h], g.Fraud)
	}
	require.NotNil(t, tg.ByScenario)
	require.Len(t, tg.ByScenario.Groups, len(scen))
	for _, g := range tg.ByScenario.Groups {
		assert.Equal(t, scen[g.Value], g.Rows, g.Value)
	}
	assert.Zero(t, tg.ScenarioOff)

	// Deciles partition all rows.
	for _, b := range tg.ByDecile {
		var r, f int64
		for _, g := range b.Groups {
			r += g.Rows
			f += g.Fraud
		}
		if b.Column == "amount" {
			assert.Equal(t, n, r)
			assert.Equal(t, pos, f)
		}
	}

	// ROC-AUC: amount by value (within the reported bound), entry_mode by
	// category rate (exact), both against brute-force pair counting.
	feat := map[string]FeatureAUC{}
	for _, f := range tg.Features {
		feat[f.Column] = f
	}
	fa := feat["amount"]
	require.NotNil(t, fa.AUC)
	want := aucRef(amounts, labels)
	assert.InDelta(t, want, *fa.AUC, fa.AUCErr+1e-12)
	assert.Less(t, fa.AUCErr, 0.01)
	modes := make([]string, len(rows))
	for i, r := range rows {
		modes[i] = r.EntryMode
	}
	fe := feat["entry_mode"]
	require.NotNil(t, fe.AUC)
	assert.InDelta(t, aucRef(crossFitRef(modes, labels), labels), *fe.AUC, 1e-12)
	assert.Zero(t, fe.AUCErr)
	_, scenFeature := feat["fraud_scenario"]
	assert.False(t, scenFeature, "the scenario column is not a feature")

	// Correlations: Pearson, Spearman (all rows are in the sample), Cramér's V, η.
	var la, lo2, am []float64
	for _, r := range rows {
		if r.Latitude != nil {
			la = append(la, *r.Latitude)
			lo2 = append(lo2, *r.Longitude)
			am = append(am, float64(r.Amount)/100)
		}
	}
	pp, ok := pair(p, "latitude", "longitude", "pearson")
	require.True(t, ok)
	assert.InDelta(t, pearsonRef(la, lo2), pp.Value, 1e-9)
	assert.Equal(t, int64(len(la)), pp.N)
	sp, ok := pair(p, "amount", "latitude", "spearman")
	require.True(t, ok)
	assert.InDelta(t, pearsonRef(rankRef(am), rankRef(la)), sp.Value, 1e-9)
	var b1, b2, ct []string
	for _, r := range rows {
		b1 = append(b1, r.CardBrand)
		b2 = append(b2, r.EntryMode)
		ct = append(ct, r.CardType)
	}
	cv, ok := pair(p, "card_brand", "entry_mode", "cramers_v")
	require.True(t, ok)
	assert.InDelta(t, cramerRef(b1, b2), cv.Value, 1e-9)
	cc, ok := pair(p, "merchant_country", "currency", "cramers_v")
	require.True(t, ok)
	assert.Greater(t, cc.Value, 0.9, "currency follows the merchant country")
	et, ok := pair(p, "amount", "card_type", "correlation_ratio")
	require.True(t, ok)
	assert.InDelta(t, etaRef(amounts, ct), et.Value, 1e-9)

	// Sample: deterministic rows, values as written.
	require.Len(t, p.Sample.Rows, 20)
	ci := map[string]int{}
	for i, c := range p.Sample.Columns {
		ci[c] = i
	}
	for k, idx := range p.Sample.RowIdx {
		r := rows[idx]
		got := p.Sample.Rows[k]
		assert.Equal(t, r.TransactionID, *got[ci["transaction_id"]])
		assert.Equal(t, strconv.FormatFloat(float64(r.Amount)/100, 'f', 2, 64), *got[ci["amount"]])
		if r.MCCCode == nil {
			assert.Nil(t, got[ci["mcc_code"]])
		} else {
			assert.Equal(t, *r.MCCCode, *got[ci["mcc_code"]])
		}
	}
}

func TestDeterministicJSON(t *testing.T) {
	rows := genPayments(3000, 5)
	path := filepath.Join(t.TempDir(), "p.parquet")
	require.NoError(t, writeParquet(path, rows, 0))
	var out [2]bytes.Buffer
	for i := range out {
		p, err := Run(path, testSpec(), Options{})
		require.NoError(t, err)
		require.NoError(t, p.WriteJSON(&out[i]))
	}
	assert.Equal(t, out[0].String(), out[1].String())
	var back Profile
	require.NoError(t, json.Unmarshal(out[0].Bytes(), &back))
	assert.EqualValues(t, 3000, back.Overview.Rows)
	assert.Equal(t, FormatVersion, back.Format)
}

func TestDuplicateRowsCounted(t *testing.T) {
	rows := genPayments(4000, 9)
	for i := 0; i < 37; i++ { // 37 exact copies of earlier rows
		rows[1000+i*50] = rows[i]
	}
	path := filepath.Join(t.TempDir(), "dup.parquet")
	require.NoError(t, writeParquet(path, rows, 0))
	p, err := Run(path, testSpec(), Options{})
	require.NoError(t, err)
	assert.EqualValues(t, 37, p.Overview.DuplicateRows)
	assert.True(t, p.Overview.DuplicateExact)
	assert.False(t, col(t, p, "transaction_id").Unique)
}
