package profile

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/paygen/paygen/runtime/stats"
)

func (st *state) target(cols []Column) *TargetAnalysis {
	if st.targetCol < 0 || st.hours == nil {
		return nil
	}
	h := st.hours
	t := &TargetAnalysis{Column: st.plans[st.targetCol].desc.Name,
		Rows: h.labelled[0] + h.labelled[1], Positives: h.labelled[1],
		ByCategory: []Breakdown{}, ByHour: []Breakdown{}, ByDecile: []Breakdown{}, Features: []FeatureAUC{}}
	t.Rate = pct(t.Positives, t.Rows)
	t.CILow, t.CIHigh = stats.Wilson(t.Positives, t.Rows)
	base := t.Rate
	group := func(value string, rows, fraud int64) Group {
		g := Group{Value: value, Rows: rows, Fraud: fraud, Rate: pct(fraud, rows)}
		g.CILow, g.CIHigh = stats.Wilson(fraud, rows)
		if base > 0 {
			g.Lift = g.Rate / base
		}
		return g
	}

	for i, p := range st.plans {
		if ct, ok := st.catTarget[i]; ok {
			w := st.workers[i]
			var names []string
			if w.dict != nil {
				names = w.dict.values
			} else {
				names = []string{"false", "true"}
			}
			if w.dict != nil && w.dict.overflw {
				t.Skipped = append(t.Skipped, fmt.Sprintf("%s: more than %d distinct values, no fraud rate per value", p.desc.Name, dictCap))
				continue
			}
			var gs []Group
			for b := 0; b < ct.buckets; b++ {
				neg, pos := ct.total(b)
				if neg+pos == 0 {
					continue
				}
				var v string
				switch {
				case b < len(names):
					v = names[b]
				case b == ct.other:
					v = "(other)"
				default:
					v = "(missing)"
				}
				gs = append(gs, group(v, neg+pos, pos))
			}
			sort.SliceStable(gs, func(a, b int) bool { return gs[a].Rows > gs[b].Rows })
			t.ByCategory = append(t.ByCategory, Breakdown{Column: p.desc.Name, Title: p.desc.Name, Groups: gs})
			t.Features = append(t.Features, crossFitFeature(p.desc.Name, ct.buckets, func(f, b int) (int64, int64) {
				i := (f*ct.buckets + b) * 2
				return ct.counts[i], ct.counts[i+1]
			}))
		}
		if nt, ok := st.numTarget[i]; ok {
			sg, keys := mergeLabelled(&nt.lh[0], &nt.lh[1])
			auc := featureOfGroups(p.desc.Name, "value", sg, -1)
			t.Features = append(t.Features, auc)
			if p.kind == kNumeric {
				w := st.workers[i]
				t.ByDecile = append(t.ByDecile, deciles(p, sg, keys, nt.shift, w.min, w.max, group))
			}
		}
	}
	hourBreak := func(title string, counts *[cfFolds][24][2]int64) Breakdown {
		b := Breakdown{Column: st.plans[st.timeCol].desc.Name, Title: title}
		for hr := range 24 {
			var neg, pos int64
			for f := range cfFolds {
				neg += counts[f][hr][0]
				pos += counts[f][hr][1]
			}
			b.Groups = append(b.Groups, group(fmt.Sprintf("%02d", hr), neg+pos, pos))
		}
		t.Features = append(t.Features, crossFitFeature(title, 24, func(f, hr int) (int64, int64) {
			return counts[f][hr][0], counts[f][hr][1]
		}))
		return b
	}
	if st.timeCol >= 0 {
		t.ByHour = append(t.ByHour, hourBreak("hour of day (UTC)", &h.utc))
		if st.localCol >= 0 {
			b := hourBreak("hour of day (local, "+st.plans[st.localCol].desc.Name+")", &h.local)
			if h.localNA > 0 {
				b.Note = fmt.Sprintf("%d rows with an unknown country offset are left out", h.localNA)
			}
			t.ByHour = append(t.ByHour, b)
		}
	}
	if s := st.scenario; s != nil {
		w := st.workers[s.col]
		b := &Breakdown{Column: st.plans[s.col].desc.Name, Title: "fraud rows by scenario (share of all fraud)"}
		for k, n := range s.fraud {
			if n == 0 {
				continue
			}
			v := "(missing)"
			switch {
			case k < len(w.dict.values):
				v = w.dict.values[k]
			case k == s.codes:
				v = "(other)"
			}
			g := Group{Value: v, Rows: n, Fraud: n, Rate: pct(n, t.Positives)}
			g.CILow, g.CIHigh = stats.Wilson(n, t.Positives)
			if s.amtN[k] > 0 {
				g.Mean = fptr(s.amtSum[k] / float64(s.amtN[k]))
			}
			b.Groups = append(b.Groups, g)
		}
		sort.SliceStable(b.Groups, func(x, y int) bool { return b.Groups[x].Rows > b.Groups[y].Rows })
		t.ByScenario = b
		t.ScenarioOff = s.offLabel
	}
	sort.SliceStable(t.Features, func(a, b int) bool {
		return aucStrength(t.Features[a].AUC) > aucStrength(t.Features[b].AUC)
	})
	return t
}

// crossFitFeature computes the AUC and lift of a categorical feature whose
// rows are scored by cross-fitted category fraud rates: a row of fold k gets
// its category's rate in the other folds, shrunk toward their overall rate
// by cfPrior pseudo-rows. count(fold, bucket) returns (negatives, positives).
func crossFitFeature(name string, buckets int, count func(fold, b int) (int64, int64)) FeatureAUC {
	type scored struct {
		score    float64
		pos, neg float64
	}
	var all []scored
	for k := range cfFolds {
		var tn, tp int64 // other folds, all buckets
		for f := range cfFolds {
			if f == k {
				continue
			}
			for b := range buckets {
				n, p := count(f, b)
				tn, tp = tn+n, tp+p
			}
		}
		base := 0.0
		if tn+tp > 0 {
			base = float64(tp) / float64(tn+tp)
		}
		for b := range buckets {
			n, p := count(k, b)
			if n+p == 0 {
				continue
			}
			var on, op int64
			for f := range cfFolds {
				if f != k {
					x, y := count(f, b)
					on, op = on+x, op+y
				}
			}
			s := (float64(op) + cfPrior*base) / (float64(on+op) + cfPrior)
			all = append(all, scored{s, float64(p), float64(n)})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].score < all[j].score })
	var sg []stats.Group
	for i, x := range all {
		if i > 0 && x.score == all[i-1].score {
			sg[len(sg)-1].Pos += x.pos
			sg[len(sg)-1].Neg += x.neg
			continue
		}
		sg = append(sg, stats.Group{Pos: x.pos, Neg: x.neg})
	}
	return featureOfGroups(name, "target_rate_crossfit", sg, 0)
}

func aucStrength(a *float64) float64 {
	if a == nil {
		return -1
	}
	return math.Abs(*a - 0.5)
}

// featureOfGroups computes AUC and top-decile lift from ordered groups.
// tieErr < 0 means "use the within-group tie bound" (sketch buckets);
// otherwise groups are exact ties and the given error is reported.
func featureOfGroups(name, method string, sg []stats.Group, tieErr float64) FeatureAUC {
	f := FeatureAUC{Column: name, Method: method}
	for _, g := range sg {
		f.N += int64(g.Pos + g.Neg)
	}
	auc, tie, ok := stats.GroupAUC(sg)
	if !ok {
		return f
	}
	f.AUC = fptr(auc)
	if tieErr < 0 {
		f.AUCErr = tie
	} else {
		f.AUCErr = tieErr
	}
	dir := sg
	if auc < 0.5 { // low values are the risky ones: rank from the bottom
		dir = make([]stats.Group, len(sg))
		for i := range sg {
			dir[len(sg)-1-i] = sg[i]
		}
	}
	if l, ok := liftTop(dir, 0.1); ok {
		f.LiftTop10 = fptr(l)
	}
	return f
}

// mergeLabelled lists the buckets of the negative and positive sketches in
// increasing value order as score groups.
func mergeLabelled(neg, pos *logHist) ([]stats.Group, []int32) {
	nb, pb := neg.buckets(), pos.buckets()
	var sg []stats.Group
	var keys []int32
	i, j := 0, 0
	for i < len(nb) || j < len(pb) {
		switch {
		case j == len(pb) || (i < len(nb) && nb[i].key < pb[j].key):
			sg = append(sg, stats.Group{Pos: 0, Neg: float64(nb[i].n)})
			keys = append(keys, nb[i].key)
			i++
		case i == len(nb) || pb[j].key < nb[i].key:
			sg = append(sg, stats.Group{Pos: float64(pb[j].n), Neg: 0})
			keys = append(keys, pb[j].key)
			j++
		default:
			sg = append(sg, stats.Group{Pos: float64(pb[j].n), Neg: float64(nb[i].n)})
			keys = append(keys, nb[i].key)
			i++
			j++
		}
	}
	return sg, keys
}

// deciles groups the sketch buckets into ten groups of about equal rows: a
// bucket belongs to the decile in which its cumulative count ends.
func deciles(p *colPlan, sg []stats.Group, keys []int32, shift, min, max float64, group func(string, int64, int64) Group) Breakdown {
	b := Breakdown{Column: p.desc.Name, Title: p.desc.Name + " by decile"}
	var total float64
	for _, g := range sg {
		total += g.Pos + g.Neg
	}
	if total == 0 {
		return b
	}
	var cum, rows, fraud float64
	start := 0
	d := 1
	for i, g := range sg {
		cum += g.Pos + g.Neg
		rows += g.Pos + g.Neg
		fraud += g.Pos
		if cum >= total*float64(d)/10 || i == len(sg)-1 {
			lo, _ := lhBounds(keys[start])
			_, hi := lhBounds(keys[i])
			lo, hi = math.Max(lo+shift, min), math.Min(hi+shift, max)
			gr := group(fmt.Sprintf("D%d %s – %s", d, short(lo, p.scale), short(hi, p.scale)), int64(rows), int64(fraud))
			gr.Lo, gr.Hi = fptr(lo), fptr(hi)
			b.Groups = append(b.Groups, gr)
			for d <= 10 && cum >= total*float64(d)/10 {
				d++
			}
			rows, fraud, start = 0, 0, i+1
		}
	}
	b.Note = "deciles are formed from whole sketch buckets (values within 0.8 % of each other), so a decile can hold more or less than 10 % of rows when values repeat"
	return b
}

// short formats a number compactly for labels.
func short(x float64, scale int) string {
	if scale > 0 {
		return strconv.FormatFloat(x, 'f', scale, 64)
	}
	return strconv.FormatFloat(x, 'g', 5, 64)
}
