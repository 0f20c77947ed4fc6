// Package gbm trains gradient-boosted decision trees for binary labels (logistic loss, histogram splits).
package gbm

import (
	"fmt"
	"math"
	"slices"
)

// Params sets the booster. The zero value is not usable: start from Defaults.
type Params struct {
	Trees       int     // boosting rounds
	Depth       int     // levels per tree (leaves at most 2^Depth)
	Rate        float64 // learning rate (shrinkage)
	Bins        int     // histogram bins per feature, at most 255
	Lambda      float64 // L2 regularisation of leaf values
	MinHessian  float64 // least hessian sum in a child
	NegSample   float64 // share of negative rows kept for training (weights compensate); 1 keeps all
	Seed        uint64  // for the negative sample
	MinGainFrac float64 // a split must gain at least this share of the root's loss
}

// Defaults are parameters that suit a few hundred thousand rows and a
// few dozen features with a rare positive class.
func Defaults() Params {
	return Params{Trees: 200, Depth: 4, Rate: 0.1, Bins: 64, Lambda: 1, MinHessian: 1, NegSample: 0.05, Seed: 1}
}

// Model is a trained booster.
type Model struct {
	base  float64 // initial log-odds
	trees []tree
	cuts  [][]float64 // per feature: bin upper edges (value <= cuts[b] falls in bin b)
}

// tree is a complete binary tree of depth d: node i has children 2i+1 and
// 2i+2; internal nodes split feature feat[i] at bin thr[i] (bin <= thr goes
// left); leaves hold values.
type tree struct {
	feat  []int32
	thr   []uint8
	leaf  []float64 // values of the 2^d leaves
	depth int
}

// Train fits a model on x, n rows of d features stored row after row, and
// labels y (one per row).
func Train(x []float32, d int, y []bool, p Params) (*Model, error) {
	n := len(y)
	if n == 0 || d < 1 || len(x) != n*d {
		return nil, fmt.Errorf("gbm: %d values for %d rows of %d features", len(x), n, d)
	}
	if p.Trees < 1 || p.Depth < 1 || p.Depth > 12 || p.Bins < 2 || p.Bins > 255 || p.Rate <= 0 {
		return nil, fmt.Errorf("gbm: bad parameters %+v", p)
	}
	// the training sample: every positive, a hashed share of negatives,
	// weighted back to the population
	var rows []int
	var w []float64
	pos, wsum := 0.0, 0.0
	for i := range n {
		wt := 1.0
		if !y[i] {
			if p.NegSample < 1 && unit(p.Seed, uint64(i)) >= p.NegSample {
				continue
			}
			if p.NegSample < 1 {
				wt = 1 / p.NegSample
			}
		} else {
			pos += wt
		}
		rows = append(rows, i)
		w = append(w, wt)
		wsum += wt
	}
	if pos == 0 || pos == wsum {
		return nil, fmt.Errorf("gbm: need both classes")
	}
	m := &Model{cuts: make([][]float64, d)}
	m.base = math.Log(pos / (wsum - pos))
	// bins, column-major
	bins := make([][]uint8, d)
	vals := make([]float64, len(rows))
	for f := range d {
		for j, i := range rows {
			vals[j] = float64(x[i*d+f])
		}
		m.cuts[f] = edges(vals, p.Bins)
		b := make([]uint8, len(rows))
		for j, v := range vals {
			b[j] = uint8(binOf(m.cuts[f], v))
		}
		bins[f] = b
	}
	ns := len(rows)
	label := make([]float64, ns)
	score := make([]float64, ns)
	for j, i := range rows {
		if y[i] {
			label[j] = 1
		}
		score[j] = m.base
	}
	g := make([]float64, ns)
	h := make([]float64, ns)
	node := make([]int32, ns)
	leaves := 1 << p.Depth
	hg := make([]float64, leaves*d*256)
	hh := make([]float64, leaves*d*256)
	rootLoss := 0.0
	for t := 0; t < p.Trees; t++ {
		G, H := 0.0, 0.0
		for j := range ns {
			pr := 1 / (1 + math.Exp(-score[j]))
			g[j] = w[j] * (pr - label[j])
			h[j] = w[j] * math.Max(pr*(1-pr), 1e-6)
			node[j] = 0
			G += g[j]
			H += h[j]
		}
		if t == 0 {
			rootLoss = G * G / (H + p.Lambda)
		}
		tr := tree{depth: p.Depth, feat: make([]int32, leaves-1), thr: make([]uint8, leaves-1), leaf: make([]float64, leaves)}
		for level := 0; level < p.Depth; level++ {
			first := 1<<level - 1
			width := 1 << level
			clear(hg[:width*d*256])
			clear(hh[:width*d*256])
			for j := range ns {
				k := int(node[j]) - first
				base := k * d * 256
				gj, hj := g[j], h[j]
				for f := range d {
					o := base + f*256 + int(bins[f][j])
					hg[o] += gj
					hh[o] += hj
				}
			}
			for k := range width {
				best, bf, bt := p.MinGainFrac*rootLoss, int32(-1), uint8(0)
				base := k * d * 256
				for f := range d {
					sg, sh := 0.0, 0.0
					for b := range 256 {
						sg += hg[base+f*256+b]
						sh += hh[base+f*256+b]
					}
					parent := sg * sg / (sh + p.Lambda)
					lg, lh := 0.0, 0.0
					nb := len(m.cuts[f]) + 1
					for b := 0; b < nb-1; b++ {
						lg += hg[base+f*256+b]
						lh += hh[base+f*256+b]
						rg, rh := sg-lg, sh-lh
						if lh < p.MinHessian || rh < p.MinHessian {
							continue
						}
						if gain := lg*lg/(lh+p.Lambda) + rg*rg/(rh+p.Lambda) - parent; gain > best {
							best, bf, bt = gain, int32(f), uint8(b)
						}
					}
				}
				tr.feat[first+k], tr.thr[first+k] = bf, bt
			}
			for j := range ns {
				i := node[j]
				c := 2*i + 1
				if f := tr.feat[i]; f >= 0 && bins[f][j] > tr.thr[i] {
					c++
				}
				node[j] = c
			}
		}
		// leaf values: Newton step -G/(H+λ), shrunk
		lg := make([]float64, leaves)
		lh := make([]float64, leaves)
		for j := range ns {
			k := int(node[j]) - (leaves - 1)
			lg[k] += g[j]
			lh[k] += h[j]
		}
		for k := range leaves {
			tr.leaf[k] = -p.Rate * lg[k] / (lh[k] + p.Lambda)
		}
		for j := range ns {
			score[j] += tr.leaf[int(node[j])-(leaves-1)]
		}
		m.trees = append(m.trees, tr)
	}
	return m, nil
}

// Score returns the model's log-odds for one row of features.
func (m *Model) Score(row []float32) float64 {
	s := m.base
	for ti := range m.trees {
		t := &m.trees[ti]
		i := int32(0)
		for range t.depth {
			c := 2*i + 1
			if f := t.feat[i]; f >= 0 && binOf(m.cuts[f], float64(row[f])) > int(t.thr[i]) {
				c++
			}
			i = c
		}
		s += t.leaf[int(i)-(len(t.leaf)-1)]
	}
	return s
}

// edges returns up to bins-1 quantile cut points of v (sorted in place).
func edges(v []float64, bins int) []float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	var out []float64
	for b := 1; b < bins; b++ {
		c := s[(len(s)-1)*b/bins]
		if len(out) == 0 || c > out[len(out)-1] {
			out = append(out, c)
		}
	}
	if len(out) > 0 && out[len(out)-1] >= s[len(s)-1] {
		out = out[:len(out)-1] // the last bin must hold the maximum
	}
	return out
}

// binOf is the bin of v: the first cut at or above it.
func binOf(cuts []float64, v float64) int {
	lo, hi := 0, len(cuts)
	for lo < hi {
		mid := (lo + hi) >> 1
		if v <= cuts[mid] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// unit is a hash of (seed, i) in [0,1).
func unit(seed, i uint64) float64 {
	x := seed*0x9e3779b97f4a7c15 ^ i
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return float64(x>>11) / (1 << 53)
}
