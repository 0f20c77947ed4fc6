package stats

import "math"

// z95 is the two-sided 95 % standard normal quantile.
const z95 = 1.959963984540054

// Wilson returns the 95 % Wilson score interval for k successes out of n
// ([0, 1] when n is not positive).
func Wilson(k, n int64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	p := float64(k) / float64(n)
	nf := float64(n)
	z2 := z95 * z95
	den := 1 + z2/nf
	center := (p + z2/(2*nf)) / den
	half := z95 / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return math.Max(0, center-half), math.Min(1, center+half)
}

// Group is a block of rows sharing one score: their positive and negative label counts.
type Group struct{ Pos, Neg float64 }

// GroupAUC computes the ROC-AUC (Mann-Whitney U / (P·N)) of groups listed
// in increasing score order, counting pairs inside a group as ties (½).
// tie is the total weight of those within-group pairs, ½·Σ pos·neg/(P·N):
// when a group is a sketch bucket holding different values, the true AUC
// lies within ±tie of the result.
func GroupAUC(gs []Group) (auc, tie float64, ok bool) {
	var P, N float64
	for _, g := range gs {
		P += g.Pos
		N += g.Neg
	}
	if P == 0 || N == 0 {
		return 0, 0, false
	}
	var u, t, below float64
	for _, g := range gs {
		u += g.Pos * (below + 0.5*g.Neg)
		t += 0.5 * g.Pos * g.Neg
		below += g.Neg
	}
	return u / (P * N), t / (P * N), true
}
