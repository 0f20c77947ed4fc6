package gbm

import (
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// auc is the ROC-AUC of scores against labels (ties count half).
func auc(s []float64, y []bool) float64 {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return s[idx[a]] < s[idx[b]] })
	var pos, neg, sum float64
	for r := 0; r < len(idx); {
		e := r
		for e < len(idx) && s[idx[e]] == s[idx[r]] {
			e++
		}
		mid := float64(r+e+1) / 2
		for _, i := range idx[r:e] {
			if y[i] {
				pos++
				sum += mid
			} else {
				neg++
			}
		}
		r = e
	}
	return (sum - pos*(pos+1)/2) / (pos * neg)
}

// xorData: the label is rare and depends on the XOR of two features' signs
// (no linear model separates it), plus noise features.
func xorData(n int, seed uint64) ([]float32, []bool) {
	x := make([]float32, 0, 3*n)
	y := make([]bool, n)
	for i := range n {
		a := 2*unit(seed, uint64(4*i)) - 1
		b := 2*unit(seed, uint64(4*i+1)) - 1
		c := unit(seed, uint64(4*i+2))
		x = append(x, float32(a), float32(b), float32(c))
		p := 0.002
		if (a > 0) != (b > 0) && math.Abs(a) > 0.3 && math.Abs(b) > 0.3 {
			p = 0.05
		}
		y[i] = unit(seed, uint64(4*i+3)) < p
	}
	return x, y
}

func TestLearnsANonlinearSignal(t *testing.T) {
	x, y := xorData(200_000, 7)
	p := Defaults()
	p.Trees = 60
	m, err := Train(x, 3, y, p)
	require.NoError(t, err)
	tx, ty := xorData(100_000, 8)
	s := make([]float64, len(ty))
	for i := range s {
		s[i] = m.Score(tx[3*i : 3*i+3])
	}
	a := auc(s, ty)
	t.Logf("test AUC on XOR %.4f", a)
	// the best possible score (the true probability, two values) has AUC
	// 0.827 here: 89 % of the positives and 24 % of the negatives lie in the
	// XOR region
	assert.Greater(t, a, 0.80, "trees find the interaction a linear score cannot")
	// a linear score on the same features is near chance
	lin := make([]float64, len(ty))
	for i := range lin {
		lin[i] = float64(tx[3*i] + tx[3*i+1])
	}
	assert.InDelta(t, 0.5, auc(lin, ty), 0.05)
}

func TestNoSignalNoSkill(t *testing.T) {
	x, _ := xorData(100_000, 3)
	y := make([]bool, len(x)/3)
	for i := range y {
		y[i] = unit(99, uint64(i)) < 0.01
	}
	p := Defaults()
	p.Trees = 40
	m, err := Train(x, 3, y, p)
	require.NoError(t, err)
	tx, _ := xorData(50_000, 4)
	ty := make([]bool, len(tx)/3)
	for i := range ty {
		ty[i] = unit(98, uint64(i)) < 0.01
	}
	s := make([]float64, len(ty))
	for i := range s {
		s[i] = m.Score(tx[3*i : 3*i+3])
	}
	assert.InDelta(t, 0.5, auc(s, ty), 0.05, "random labels stay random on new data")
}

func TestTrainErrors(t *testing.T) {
	_, err := Train(nil, 1, nil, Defaults())
	require.Error(t, err)
	_, err = Train([]float32{1, 2}, 1, []bool{false, false}, Defaults())
	require.ErrorContains(t, err, "both classes")
	p := Defaults()
	p.Depth = 0
	_, err = Train([]float32{1, 2}, 1, []bool{false, true}, p)
	require.Error(t, err)
}
