package profile

import (
	"math"
	"sort"

	"github.com/paygen/paygen/runtime/stats"
)

// liftTop returns the fraud rate among the top share of rows (groups in
// increasing score order, highest scores taken first, the boundary group
// pro rata) divided by the overall rate.
func liftTop(gs []stats.Group, share float64) (float64, bool) {
	var P, T float64
	for _, g := range gs {
		P += g.Pos
		T += g.Pos + g.Neg
	}
	if P == 0 || T == 0 {
		return 0, false
	}
	want := share * T
	var rows, pos float64
	for i := len(gs) - 1; i >= 0 && rows < want; i-- {
		g := gs[i]
		n := g.Pos + g.Neg
		if n == 0 {
			continue
		}
		take := math.Min(n, want-rows)
		rows += take
		pos += g.Pos * take / n
	}
	return (pos / rows) / (P / T), true
}

// cramersV computes Cramér's V of the r×c top-left part of a contingency
// table stored row-major with the given stride, ignoring empty rows and
// columns.
func cramersV(t []int64, r, c, stride int) (float64, int64) {
	rs := make([]float64, r)
	cs := make([]float64, c)
	var n float64
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v := float64(t[i*stride+j])
			rs[i] += v
			cs[j] += v
			n += v
		}
	}
	var nr, nc int
	for _, v := range rs {
		if v > 0 {
			nr++
		}
	}
	for _, v := range cs {
		if v > 0 {
			nc++
		}
	}
	k := min(nr, nc)
	if n == 0 || k < 2 {
		return math.NaN(), int64(n)
	}
	var chi2 float64
	for i := 0; i < r; i++ {
		if rs[i] == 0 {
			continue
		}
		for j := 0; j < c; j++ {
			if cs[j] == 0 {
				continue
			}
			e := rs[i] * cs[j] / n
			d := float64(t[i*stride+j]) - e
			chi2 += d * d / e
		}
	}
	return math.Sqrt(math.Min(1, chi2/n/float64(k-1))), int64(n)
}

// pearsonAcc accumulates shifted sums for Pearson's r over complete pairs.
type pearsonAcc struct {
	n, sx, sy, sxx, syy, sxy float64
	kx, ky                   float64
	shifted                  bool
}

func (p *pearsonAcc) add(x, y float64) {
	if !p.shifted {
		p.kx, p.ky, p.shifted = x, y, true
	}
	x -= p.kx
	y -= p.ky
	p.n++
	p.sx += x
	p.sy += y
	p.sxx += x * x
	p.syy += y * y
	p.sxy += x * y
}

func (p *pearsonAcc) r() float64 {
	if p.n < 2 {
		return math.NaN()
	}
	cov := p.sxy - p.sx*p.sy/p.n
	vx := p.sxx - p.sx*p.sx/p.n
	vy := p.syy - p.sy*p.sy/p.n
	if vx <= 0 || vy <= 0 {
		return math.NaN()
	}
	return math.Max(-1, math.Min(1, cov/math.Sqrt(vx*vy)))
}

// spearmanOf computes Spearman's rho (Pearson on average ranks) over the
// pairs where both values are finite.
func spearmanOf(xs, ys []float64) (float64, int64) {
	var a, b []float64
	for i := range xs {
		if isFinite(xs[i]) && isFinite(ys[i]) {
			a = append(a, xs[i])
			b = append(b, ys[i])
		}
	}
	ra, rb := ranks(a), ranks(b)
	var p pearsonAcc
	for i := range ra {
		p.add(ra[i], rb[i])
	}
	return p.r(), int64(len(a))
}

// ranks returns 1-based ranks, ties sharing their average rank.
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(i, j int) bool { return xs[idx[i]] < xs[idx[j]] })
	r := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}

// etaAcc accumulates the correlation ratio η of a numeric y over category
// buckets: η² = between-group sum of squares / total sum of squares. The
// last bucket holds nulls and is left out.
type etaAcc struct {
	n, sum, ss []float64 // per bucket, values shifted by k
	k          float64
	shifted    bool
}

func newEtaAcc(buckets int) *etaAcc {
	return &etaAcc{n: make([]float64, buckets+1), sum: make([]float64, buckets+1), ss: make([]float64, buckets+1)}
}

func (e *etaAcc) eta() (float64, int64) {
	var n, sy, syy float64
	last := len(e.n) - 1
	for i, c := range e.n[:last] {
		n += c
		sy += e.sum[i]
		syy += e.ss[i]
	}
	if n < 2 {
		return math.NaN(), int64(n)
	}
	total := syy - sy*sy/n
	if total <= 0 {
		return math.NaN(), int64(n)
	}
	between := -sy * sy / n
	for i, c := range e.n[:last] {
		if c > 0 {
			between += e.sum[i] * e.sum[i] / c
		}
	}
	return math.Sqrt(math.Max(0, math.Min(1, between/total))), int64(n)
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// imbalance is 1 - normalised Shannon entropy of the counts (0 = balanced,
// 1 = all in one class), ydata-profiling's imbalance score.
func imbalance(counts []int64) float64 {
	var n float64
	k := 0
	for _, c := range counts {
		if c > 0 {
			n += float64(c)
			k++
		}
	}
	if k < 2 {
		return 0
	}
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log(p)
		}
	}
	return 1 - h/math.Log(float64(k))
}
