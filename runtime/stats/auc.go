package stats

import (
	"cmp"
	"math"
	"slices"
)

type scored struct {
	score float64
	pos   bool
}

func pairsOf(scores []float64, labels []bool) []scored {
	if len(scores) != len(labels) {
		panic("stats: scores and labels differ in length")
	}
	p := make([]scored, len(scores))
	for i, s := range scores {
		p[i] = scored{s, labels[i]}
	}
	return p
}

// ROCAUC returns the area under the ROC curve of scores against labels (true = positive),
// computed exactly from ranks: tied scores get their mean rank, so a tie between a positive
// and a negative counts one half. NaN scores rank below every number. ok is false when
// there is no positive or no negative.
func ROCAUC(scores []float64, labels []bool) (auc float64, ok bool) {
	p := pairsOf(scores, labels)
	slices.SortFunc(p, func(a, b scored) int { return cmp.Compare(a.score, b.score) })
	var nPos, nNeg float64
	var rankSumPos float64
	for i := 0; i < len(p); {
		j := i
		for j < len(p) && cmp.Compare(p[j].score, p[i].score) == 0 {
			j++
		}
		// ranks i+1 .. j share the mean rank
		mid := float64(i+1+j) / 2
		for k := i; k < j; k++ {
			if p[k].pos {
				nPos++
				rankSumPos += mid
			} else {
				nNeg++
			}
		}
		i = j
	}
	if nPos == 0 || nNeg == 0 {
		return 0, false
	}
	return (rankSumPos - nPos*(nPos+1)/2) / (nPos * nNeg), true
}

// AveragePrecision returns the step-wise area under the precision-recall curve:
// the sum over score thresholds (highest first) of precision × the increase in recall.
// All rows with the same score form one threshold. ok is false without positives.
func AveragePrecision(scores []float64, labels []bool) (ap float64, ok bool) {
	p := pairsOf(scores, labels)
	slices.SortFunc(p, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	var total float64
	for _, x := range p {
		if x.pos {
			total++
		}
	}
	if total == 0 {
		return 0, false
	}
	var tp, fp float64
	for i := 0; i < len(p); {
		j := i
		prevTP := tp
		for j < len(p) && cmp.Compare(p[j].score, p[i].score) == 0 {
			if p[j].pos {
				tp++
			} else {
				fp++
			}
			j++
		}
		if tp > prevTP {
			ap += (tp - prevTP) / total * tp / (tp + fp)
		}
		i = j
	}
	return ap, true
}

// Separation returns max(AUC, 1−AUC): how well a score separates the classes in either
// direction (0.5 = not at all, 1 = perfectly).
func Separation(auc float64) float64 { return max(auc, 1-auc) }

// AUCAgainst returns the ROC-AUC of the positive scores pos against the negative scores
// neg, which must be sorted by cmp.Compare: the same figure as ROCAUC on their union, in
// O(|pos| log |neg|) once neg is sorted (ties count one half).
func AUCAgainst(pos, neg []float64) (auc float64, ok bool) {
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN(), false
	}
	var sum float64
	for _, s := range pos {
		lo, _ := slices.BinarySearchFunc(neg, s, cmp.Compare[float64])
		hi, _ := slices.BinarySearchFunc(neg, s, func(e, t float64) int {
			if cmp.Compare(e, t) <= 0 {
				return -1
			}
			return 1
		})
		sum += float64(lo) + float64(hi-lo)/2
	}
	return sum / (float64(len(pos)) * float64(len(neg))), true
}
