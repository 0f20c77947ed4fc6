package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestROCAUCHandComputed(t *testing.T) {
	cases := []struct {
		name   string
		scores []float64
		labels []bool
		want   float64
	}{
		// positives 0.35, 0.8; negatives 0.1, 0.4: pairs won 1+0+1+1 = 3 of 4
		{"no ties", []float64{0.1, 0.4, 0.35, 0.8}, []bool{false, false, true, true}, 0.75},
		// positive 2 ties negative 2 (½), beats 1; positive 3 beats both: 3.5 of 4
		{"one tie", []float64{1, 2, 2, 3}, []bool{false, true, false, true}, 0.875},
		{"all tied", []float64{5, 5, 5, 5}, []bool{true, false, true, false}, 0.5},
		{"perfect", []float64{0, 1, 2, 3}, []bool{false, false, true, true}, 1},
		{"inverted", []float64{3, 2, 1, 0}, []bool{false, false, true, true}, 0},
		// positives 1 (tie with a negative 1: ½, beats 0: 1) and 3 (beats 3 negatives):
		// (1.5 + 3) / 6 = 0.75
		{"ties and order", []float64{0, 1, 1, 3, 2}, []bool{false, true, false, true, false}, 0.75},
		// NaN ranks lowest: positive 1 beats the NaN negative
		{"nan lowest", []float64{math.NaN(), 1}, []bool{false, true}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ROCAUC(c.scores, c.labels)
			require.True(t, ok)
			assert.InDelta(t, c.want, got, 1e-12)
		})
	}
}

func TestROCAUCUndefined(t *testing.T) {
	_, ok := ROCAUC([]float64{1, 2}, []bool{true, true})
	assert.False(t, ok)
	_, ok = ROCAUC([]float64{1, 2}, []bool{false, false})
	assert.False(t, ok)
	_, ok = ROCAUC(nil, nil)
	assert.False(t, ok)
}

func TestAveragePrecisionHandComputed(t *testing.T) {
	cases := []struct {
		name   string
		scores []float64
		labels []bool
		want   float64
	}{
		// 0.8 (+): P=1, R=½; 0.4 (−); 0.35 (+): P=⅔, R=1 → ½·1 + ½·⅔
		{"no ties", []float64{0.1, 0.4, 0.35, 0.8}, []bool{false, false, true, true}, 0.5 + 1.0/3},
		// threshold 3: P=1, R=½; threshold 2 takes the tie together: P=⅔, R=1
		{"tie at a threshold", []float64{1, 2, 2, 3}, []bool{false, true, false, true}, 0.5 + 1.0/3},
		// a single threshold: P=½, R=1
		{"all tied", []float64{5, 5, 5, 5}, []bool{true, false, true, false}, 0.5},
		{"perfect", []float64{0, 1, 2, 3}, []bool{false, false, true, true}, 1},
		// desc: 3(−) 2(−) 1(+): P=⅓, R=½; 0(+): P=½, R=1 → ⅙ + ¼
		{"inverted", []float64{3, 2, 1, 0}, []bool{false, false, true, true}, 1.0/6 + 0.25},
		// desc: 0.9(+) P=1 R=⅓; 0.7 tie {+,−,+}: P=¾ R=1 → ⅓ + ⅔·¾
		{"tie group of three", []float64{0.9, 0.7, 0.7, 0.7, 0.1}, []bool{true, true, false, true, false}, 1.0/3 + 0.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := AveragePrecision(c.scores, c.labels)
			require.True(t, ok)
			assert.InDelta(t, c.want, got, 1e-12)
		})
	}
	_, ok := AveragePrecision([]float64{1, 2}, []bool{false, false})
	assert.False(t, ok)
}

func TestSeparation(t *testing.T) {
	assert.Equal(t, 0.8, Separation(0.2))
	assert.Equal(t, 0.8, Separation(0.8))
	assert.Equal(t, 0.5, Separation(0.5))
}

func TestAUCAgainstIsROCAUC(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for trial := range 20 {
		var pos, neg, all []float64
		var y []bool
		for range 50 + rng.IntN(200) {
			s := float64(rng.IntN(12)) // many ties
			if trial%2 == 0 {
				s = rng.NormFloat64()
			}
			isPos := rng.Float64() < 0.2
			if isPos {
				s += float64(rng.IntN(2)) // higher on average, ties with negatives
				pos = append(pos, s)
				all = append(all, s)
			} else {
				neg = append(neg, s)
				all = append(all, s)
			}
			y = append(y, isPos)
		}
		want, ok := ROCAUC(all, y)
		slices.Sort(neg)
		got, ok2 := AUCAgainst(pos, neg)
		require.Equal(t, ok, ok2)
		assert.InDelta(t, want, got, 1e-12, "trial %d", trial)
	}
	_, ok := AUCAgainst(nil, []float64{1})
	assert.False(t, ok)
}
