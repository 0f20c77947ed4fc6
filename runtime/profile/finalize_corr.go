package profile

import "math"

// correlations builds the association matrix: Spearman's rho for numeric
// pairs (on the row sample), Cramér's V for categorical/boolean pairs and the
// correlation ratio eta for numeric–categorical pairs (both on all rows).
// Columns that are constant, or categorical with more than dictCap values,
// are left out.
func (st *state) correlations(cols []Column) *Correlations {
	keep := map[int]bool{}
	var order []int
	for i, p := range st.plans {
		if !(p.corrNum || p.corrCat) || st.workers[i] == nil || cols[i].Distinct < 2 {
			continue
		}
		if w := st.workers[i]; w.dict != nil && w.dict.overflw {
			continue
		}
		keep[i] = true
		order = append(order, i)
	}
	if len(order) < 2 {
		return nil
	}
	pos := map[int]int{}
	c := &Correlations{Pairs: []CorrPair{}}
	for k, i := range order {
		pos[i] = k
		c.Columns = append(c.Columns, st.plans[i].desc.Name)
	}
	c.Matrix = make([][]*float64, len(order))
	for k := range c.Matrix {
		c.Matrix[k] = make([]*float64, len(order))
		one := 1.0
		c.Matrix[k][k] = &one
	}
	set := func(a, b int, method string, v float64, n int64, heat bool) {
		name := func(i int) string { return st.plans[i].desc.Name }
		if math.IsNaN(v) {
			return
		}
		c.Pairs = append(c.Pairs, CorrPair{A: name(a), B: name(b), Method: method, Value: v, N: n})
		if heat {
			x := v
			c.Matrix[pos[a]][pos[b]], c.Matrix[pos[b]][pos[a]] = &x, &x
		}
	}
	for _, t := range st.pearson {
		if keep[t.a] && keep[t.b] {
			set(t.a, t.b, "pearson", t.acc.r(), int64(t.acc.n), false)
			r, n := spearmanOf(st.workers[t.a].corrVal, st.workers[t.b].corrVal)
			set(t.a, t.b, "spearman", r, n, true)
		}
	}
	for _, t := range st.cramer {
		if keep[t.a] && keep[t.b] {
			v, n := cramersV(t.table, corrCats, corrCats, corrStride)
			set(t.a, t.b, "cramers_v", v, n, true)
		}
	}
	for _, t := range st.eta {
		if keep[t.num] && keep[t.cat] {
			v, n := t.acc.eta()
			set(t.num, t.cat, "correlation_ratio", v, n, true)
		}
	}
	return c
}
