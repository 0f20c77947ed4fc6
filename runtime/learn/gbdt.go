package learn

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// GBDTOptions configures FitGBDT. Zero fields take the defaults.
type GBDTOptions struct {
	Trees        int     // boosting rounds; default 100
	Depth        int     // depth of every tree (2^Depth leaves); default 3
	LearningRate float64 // shrinkage of each tree's leaf values; default 0.1
	Bins         int     // histogram bins per feature, at most 256; default 64
	Lambda       float64 // L2 penalty on leaf values; default 1
	MinHessian   float64 // least hessian sum of a child; default 1
	// NegativeRate is the share of negative rows trained on (a fixed, seeded sample), each
	// weighted by 1/NegativeRate; every positive row is kept. Default 0.1.
	NegativeRate float64
	Seed         uint64
}

func (o GBDTOptions) withDefaults() GBDTOptions {
	if o.Trees == 0 {
		o.Trees = 100
	}
	if o.Depth == 0 {
		o.Depth = 3
	}
	if o.LearningRate == 0 {
		o.LearningRate = 0.1
	}
	if o.Bins == 0 {
		o.Bins = 64
	}
	if o.Lambda == 0 {
		o.Lambda = 1
	}
	if o.MinHessian == 0 {
		o.MinHessian = 1
	}
	if o.NegativeRate == 0 {
		o.NegativeRate = 0.1
	}
	return o
}

// GBDT is a fitted gradient-boosted tree ensemble for the log-odds (logistic loss):
// histogram-based, every tree complete to the same depth.
type GBDT struct {
	Base      float64 // initial log-odds
	Trees     int
	Depth     int
	TrainRows int // rows trained on after the negative sample
	edges     [][]float32
	trees     []gbTree
}

// gbTree is a complete binary tree in heap order: internal node k sends x right when
// x[feature[k]] > threshold[k] (feature −1: everything goes left).
type gbTree struct {
	feature   []int
	threshold []float32
	leaf      []float64
}

// Logit returns the ensemble's log-odds for a raw feature vector.
func (m *GBDT) Logit(x []float32) float64 {
	z := m.Base
	for t := range m.trees {
		tr := &m.trees[t]
		k := 0
		for range m.Depth {
			f := tr.feature[k]
			k = 2*k + 1
			if f >= 0 && x[f] > tr.threshold[k/2] {
				k++
			}
		}
		z += tr.leaf[k-len(tr.feature)]
	}
	return z
}

// FitGBDT fits trees to the n×d row-major matrix x and labels y. It is deterministic.
func FitGBDT(x []float32, d int, y []bool, opt GBDTOptions) (*GBDT, error) {
	o := opt.withDefaults()
	n := len(y)
	switch {
	case d <= 0 || len(x) != n*d:
		return nil, fmt.Errorf("gbdt: matrix has %d values, want %d rows × %d", len(x), n, d)
	case o.Bins < 2 || o.Bins > 256:
		return nil, fmt.Errorf("gbdt: bins must be in [2, 256], got %d", o.Bins)
	case o.Depth < 1 || o.Depth > 12:
		return nil, fmt.Errorf("gbdt: depth must be in [1, 12], got %d", o.Depth)
	case !(o.NegativeRate > 0 && o.NegativeRate <= 1):
		return nil, fmt.Errorf("gbdt: negative rate must be in (0, 1], got %v", o.NegativeRate)
	}
	// the sample: every positive, a seeded share of the negatives
	var rows []int
	var pos float64
	limit := uint64(o.NegativeRate * math.MaxUint64)
	for i, yi := range y {
		if yi || o.NegativeRate == 1 || mix(uint64(i)^mix(o.Seed+1)) < limit {
			rows = append(rows, i)
		}
		if yi {
			pos++
		}
	}
	if pos == 0 || pos == float64(n) {
		return nil, errors.New("gbdt: the labels need both classes")
	}
	m := &GBDT{Trees: o.Trees, Depth: o.Depth, TrainRows: len(rows)}
	m.Base = math.Log(pos / (float64(n) - pos))
	ns := len(rows)
	weight := make([]float64, ns)
	label := make([]float64, ns)
	for k, i := range rows {
		weight[k] = 1
		if y[i] {
			label[k] = 1
		} else {
			weight[k] = 1 / o.NegativeRate
		}
	}
	m.edges = binEdges(x, d, rows, o.Bins)
	bins := make([]uint8, ns*d)
	for k, i := range rows {
		for f := range d {
			bins[k*d+f] = uint8(binOf(m.edges[f], x[i*d+f]))
		}
	}

	score := make([]float64, ns)
	for k := range score {
		score[k] = m.Base
	}
	g := make([]float64, ns)
	h := make([]float64, ns)
	node := make([]int32, ns)
	internal := 1<<o.Depth - 1
	hist := make([]float64, 2*(internal+1)/2*d*o.Bins) // (G, H) per node of a level, feature, bin
	for range o.Trees {
		for k := range score {
			p := 1 / (1 + math.Exp(-score[k]))
			g[k] = weight[k] * (p - label[k])
			h[k] = weight[k] * p * (1 - p)
			node[k] = 0
		}
		tr := gbTree{feature: make([]int, internal), threshold: make([]float32, internal), leaf: make([]float64, internal+1)}
		for level := range o.Depth {
			width := 1 << level
			first := width - 1 // heap index of the level's first node
			hs := hist[:2*width*d*o.Bins]
			clear(hs)
			for k := range ns {
				base := int(node[k]) * d * o.Bins
				for f, b := range bins[k*d : (k+1)*d] {
					j := 2 * (base + f*o.Bins + int(b))
					hs[j] += g[k]
					hs[j+1] += h[k]
				}
			}
			thresholds := make([]int, width)
			for nd := range width {
				f, t := bestSplit(hs[2*nd*d*o.Bins:2*(nd+1)*d*o.Bins], d, o)
				tr.feature[first+nd] = f
				thresholds[nd] = t
				if f >= 0 {
					tr.threshold[first+nd] = m.edges[f][t]
				}
			}
			for k := range ns {
				nd := node[k]
				f := tr.feature[first+int(nd)]
				right := f >= 0 && int(bins[k*d+f]) > thresholds[nd]
				node[k] = 2 * nd
				if right {
					node[k]++
				}
			}
		}
		G := make([]float64, internal+1)
		H := make([]float64, internal+1)
		for k := range ns {
			G[node[k]] += g[k]
			H[node[k]] += h[k]
		}
		for l := range tr.leaf {
			tr.leaf[l] = -o.LearningRate * G[l] / (H[l] + o.Lambda)
		}
		for k := range ns {
			score[k] += tr.leaf[node[k]]
		}
		m.trees = append(m.trees, tr)
	}
	return m, nil
}

// bestSplit returns the feature and bin threshold (go right when bin > t) of the best
// split of one node's histogram, or −1 when no split gains.
func bestSplit(hist []float64, d int, o GBDTOptions) (feature, threshold int) {
	feature, threshold = -1, 0
	var G, H float64
	for b := range o.Bins {
		G += hist[2*b]
		H += hist[2*b+1]
	}
	parent := G * G / (H + o.Lambda)
	best := 1e-12
	for f := range d {
		var gl, hl float64
		hf := hist[2*f*o.Bins : 2*(f+1)*o.Bins]
		for t := 0; t < o.Bins-1; t++ {
			gl += hf[2*t]
			hl += hf[2*t+1]
			gr, hr := G-gl, H-hl
			if hl < o.MinHessian || hr < o.MinHessian {
				continue
			}
			gain := gl*gl/(hl+o.Lambda) + gr*gr/(hr+o.Lambda) - parent
			if gain > best {
				best, feature, threshold = gain, f, t
			}
		}
	}
	return feature, threshold
}

// binEdges returns per feature up to bins−1 ascending edges at quantiles of the rows'
// values; bin b of a value is the number of edges below it.
func binEdges(x []float32, d int, rows []int, bins int) [][]float32 {
	edges := make([][]float32, d)
	vals := make([]float32, len(rows))
	for f := range d {
		for k, i := range rows {
			vals[k] = x[i*d+f]
		}
		slices.Sort(vals)
		var e []float32
		for q := 1; q < bins; q++ {
			v := vals[len(vals)*q/bins]
			if v == vals[len(vals)-1] {
				break // nothing above it
			}
			if len(e) == 0 || v > e[len(e)-1] {
				e = append(e, v)
			}
		}
		// the minimum gets its own bin when the quantiles did not give it one
		if vals[0] < vals[len(vals)-1] && (len(e) == 0 || vals[0] < e[0]) && len(e) < bins-1 {
			e = append([]float32{vals[0]}, e...)
		}
		edges[f] = e
	}
	return edges
}

// binOf is the number of edges below v.
func binOf(edges []float32, v float32) int {
	i, _ := slices.BinarySearch(edges, v)
	return i
}
