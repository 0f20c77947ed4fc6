package profile

import (
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/paygen/paygen/runtime/dataset"
)

// build turns the accumulated state into the Profile.
func build(st *state, info fileInfo, spec *Spec) *Profile {
	p := &Profile{Format: FormatVersion}
	p.Columns = make([]Column, len(st.plans))
	for i := range st.plans {
		p.Columns[i] = st.column(i)
	}
	p.Overview = st.overview(info, spec, p.Columns)
	p.Correlations = st.correlations(p.Columns)
	p.Target = st.target(p.Columns)
	p.Sample = st.sample()
	p.Alerts = alerts(p)
	p.Methods = methods()
	return p
}

func pct(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func fptr(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func (st *state) overview(info fileInfo, spec *Spec, cols []Column) Overview {
	o := Overview{
		File: filepath.Base(info.Path), FileSize: info.Size, Rows: st.rows, Columns: len(cols),
		RowGroups: info.RowGroups, Compression: info.Compression, CreatedBy: info.CreatedBy,
		Metadata: map[string]string{}, Kinds: map[string]int{},
	}
	o.Cells = o.Rows * int64(o.Columns)
	for _, c := range cols {
		o.MissingCells += c.Missing
		o.Kinds[c.Kind]++
	}
	o.MissingCellsPct = pct(o.MissingCells, o.Cells)
	if st.rowHash != nil {
		d, exact := st.rowHash.dup.duplicates()
		o.DuplicateRows, o.DuplicateExact = int64(math.Round(d)), exact
		o.DuplicateSample = st.rowHash.dup.rate()
	}
	for k, v := range info.Metadata {
		if strings.HasPrefix(k, dataset.MetaPrefix) {
			o.Metadata[k] = v
		}
	}
	md := info.Metadata
	o.Table, o.SchemaFingerprint, o.Seed = md[dataset.MetaSchema], md[dataset.MetaFingerprint], md[dataset.MetaSeed]
	o.Version, o.Date = md[dataset.MetaVersion], md[dataset.MetaDate]
	if o.Table == "" && spec != nil {
		o.Table = spec.Table
	}
	if spec != nil {
		for _, c := range spec.Columns {
			if !slices.ContainsFunc(st.plans, func(p *colPlan) bool { return p.desc.Name == c.Name }) {
				o.SpecMissing = append(o.SpecMissing, c.Name)
			}
		}
	}
	return o
}

func (st *state) column(i int) Column {
	p := st.plans[i]
	c := Column{Name: p.desc.Name, Type: p.desc.typeString(), Role: p.role.String(),
		Kind: kindNames[p.kind], Description: p.spec.Description}
	w := st.workers[i]
	if w == nil {
		c.Note = "not profiled: nested or unsupported Parquet type"
		return c
	}
	c.Missing = w.missing
	c.Count = st.rows - w.missing
	c.MissingPct = pct(c.Missing, st.rows)
	c.Distinct = int64(math.Round(math.Min(w.hll.estimate(), float64(c.Count))))
	switch p.kind {
	case kNumeric:
		c.Numeric = w.numericStats(c.Count)
	case kTime:
		c.Timestamp = w.timeStats()
		if i == st.timeCol && st.hours != nil && st.localCol >= 0 {
			c.Timestamp.HourLocal = st.hours.hourLocalAll[:]
			c.Timestamp.LocalFrom = st.plans[st.localCol].desc.Name
			c.Timestamp.LocalUnknown = st.hours.localNA
		}
	case kCategory, kID:
		c.Categorical = w.catStats(st.rows)
		if w.dict != nil && !w.dict.overflw {
			c.Distinct, c.DistinctExact = int64(len(w.dict.values)), true
		}
	case kBool:
		b := &BooleanStats{True: w.nTrue, False: w.nFalse, TruePct: pct(w.nTrue, c.Count)}
		b.Imbalance = imbalance([]int64{w.nTrue, w.nFalse})
		c.Boolean = b
		c.Distinct, c.DistinctExact = 0, true
		if w.nTrue > 0 {
			c.Distinct++
		}
		if w.nFalse > 0 {
			c.Distinct++
		}
	}
	if c.Distinct == 0 && c.Count > 0 {
		c.Distinct = 1
	}
	c.DistinctPct = pct(c.Distinct, c.Count)
	c.Unique = c.Count > 1 && w.unique(c.Count)
	return c
}

// unique reports whether no value of the column repeats: exact for
// dictionary-tracked values, sampled (hashSample) for the others.
func (w *colWorker) unique(count int64) bool {
	if count == 0 {
		return false
	}
	switch w.p.kind {
	case kBool:
		return count == 1
	case kCategory:
		for _, n := range w.dict.counts {
			if n > 1 {
				return false
			}
		}
	}
	d, _ := w.uniq.duplicates()
	return d == 0
}

var quantileProbs = []float64{0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99}

func (w *colWorker) numericStats(count int64) *NumericStats {
	fin := int64(w.mom.n)
	s := &NumericStats{Zeros: w.zeros, Negatives: w.neg, Infinite: w.inf, NaN: w.nan,
		Sum: w.sum, ZerosPct: pct(w.zeros, count)}
	if fin == 0 {
		s.Quantiles = []Quantile{}
		s.Histogram = Histogram{Edges: []float64{}, Counts: []int64{}}
		return s
	}
	s.Min, s.Max, s.Mean = w.min, w.max, w.mom.mean
	s.Std, s.Skewness, s.Kurtosis = fptr(w.mom.std()), fptr(w.mom.skewness()), fptr(w.mom.kurtosis())
	bs := w.lh.buckets()
	for _, q := range quantileProbs {
		s.Quantiles = append(s.Quantiles, Quantile{q, quantileOf(bs, w.lh.n, q, w.min, w.max)})
	}
	skew := w.mom.skewness()
	logScale := w.min > 0 && w.max/w.min >= 100 && skew > 2
	s.Histogram = histogram(bs, w.min, w.max, 30, logScale)
	return s
}

// histogram re-bins sketch buckets into k display bins over [lo, hi]; each
// bucket goes wholly to the bin holding its midpoint.
func histogram(bs []lhBucket, lo, hi float64, k int, logScale bool) Histogram {
	h := Histogram{Log: logScale}
	if hi <= lo {
		return Histogram{Edges: []float64{lo, hi}, Counts: []int64{int64(sumBuckets(bs))}}
	}
	tr := func(x float64) float64 { return x }
	inv := tr
	if logScale {
		tr, inv = math.Log10, func(x float64) float64 { return math.Pow(10, x) }
	}
	a, b := tr(lo), tr(hi)
	h.Edges = make([]float64, k+1)
	for i := range h.Edges {
		h.Edges[i] = inv(a + (b-a)*float64(i)/float64(k))
	}
	h.Edges[0], h.Edges[k] = lo, hi
	h.Counts = make([]int64, k)
	for _, bk := range bs {
		m := math.Min(math.Max(lhMid(bk.key), lo), hi)
		i := int((tr(m) - a) / (b - a) * float64(k))
		h.Counts[min(max(i, 0), k-1)] += int64(bk.n)
	}
	return h
}

func sumBuckets(bs []lhBucket) uint64 {
	var n uint64
	for _, b := range bs {
		n += b.n
	}
	return n
}

func (w *colWorker) timeStats() *TimestampStats {
	s := &TimestampStats{HourUTC: w.hourUTC[:], DaysTruncated: w.daysTrunc, Days: []DayCount{}}
	if w.tcount == 0 {
		return s
	}
	f := func(us int64) string { return time.UnixMicro(us).UTC().Format("2006-01-02T15:04:05.000000Z") }
	s.Min, s.Max = f(w.tmin), f(w.tmax)
	s.RangeSeconds = float64(w.tmax-w.tmin) / 1e6
	days := make([]int64, 0, len(w.days))
	for d := range w.days {
		days = append(days, d)
	}
	slices.Sort(days)
	for _, d := range days {
		s.Days = append(s.Days, DayCount{time.UnixMicro(d * usPerDay).UTC().Format("2006-01-02"), w.days[d]})
	}
	return s
}

func (w *colWorker) catStats(rows int64) *CategoricalStats {
	count := rows - w.missing
	s := &CategoricalStats{LenMax: w.lenMax, LenMin: w.lenMin}
	if count > 0 {
		s.LenMean = float64(w.lenSum) / float64(count)
	} else {
		s.LenMin = 0
	}
	last := 0
	for i, n := range w.lenCount {
		if n > 0 {
			last = i
		}
	}
	s.LenCounts = slices.Clone(w.lenCount[:last+1])
	var items []ValueCount
	exact := w.dict != nil && !w.dict.overflw
	if w.dict != nil {
		s.Categories = len(w.dict.values)
		for c, v := range w.dict.values {
			// Past the dictionary's capacity, values seen once are noise.
			if n := w.dict.counts[c]; exact || n >= 2 {
				items = append(items, ValueCount{Value: v, Count: int64(n)})
			}
		}
		if exact {
			counts := make([]int64, len(w.dict.counts))
			for i, n := range w.dict.counts {
				counts[i] = int64(n)
			}
			s.Imbalance = imbalance(counts)
		}
	}
	if !exact {
		for _, it := range w.mg.items() {
			if it.count >= 2 {
				items = append(items, ValueCount{Value: it.value, Count: int64(it.count)})
			}
		}
		s.TopErr = int64(w.mg.errBound())
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Count != items[j].Count {
			return items[i].Count > items[j].Count
		}
		return items[i].Value < items[j].Value
	})
	if len(items) > topShown {
		items = items[:topShown]
	}
	for i := range items {
		items[i].Pct = pct(items[i].Count, rows)
	}
	s.Top = items
	if s.Top == nil {
		s.Top = []ValueCount{}
	}
	s.TopExact = exact
	return s
}

func (st *state) sample() Sample {
	s := Sample{RowIdx: st.sampleIdx, Rows: [][]*string{}}
	if s.RowIdx == nil {
		s.RowIdx = []int64{}
	}
	var idx []int
	for i, p := range st.plans {
		if st.workers[i] != nil {
			s.Columns = append(s.Columns, p.desc.Name)
			idx = append(idx, i)
		}
	}
	for r := range st.sampleIdx {
		row := make([]*string, len(idx))
		for k, i := range idx {
			row[k] = st.workers[i].sampleVal[r]
		}
		s.Rows = append(s.Rows, row)
	}
	return s
}
