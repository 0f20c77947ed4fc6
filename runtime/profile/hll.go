package profile

import (
	"math"
	"math/bits"
)

// hllP is the HyperLogLog precision: m = 2^14 registers, standard error
// 1.04/sqrt(m) ≈ 0.81 % of the distinct count.
const hllP = 14

// hll is a HyperLogLog distinct counter over 64-bit hashes. Estimation uses
// Ertl's improved raw estimator (arXiv:1702.01284, "New cardinality estimation
// algorithms for HyperLogLog sketches"), which needs no bias tables and stays
// unbiased from tiny to huge cardinalities.
type hll struct {
	reg [1 << hllP]uint8
}

func (s *hll) add(h uint64) {
	i := h >> (64 - hllP)
	w := h<<hllP | 1<<(hllP-1) // guard bit caps the rank at 64-p+1
	r := uint8(bits.LeadingZeros64(w) + 1)
	if r > s.reg[i] {
		s.reg[i] = r
	}
}

func (s *hll) merge(o *hll) {
	for i, r := range o.reg {
		if r > s.reg[i] {
			s.reg[i] = r
		}
	}
}

// hllRelErr is the standard error of estimate relative to the true count.
var hllRelErr = 1.04 / math.Sqrt(1<<hllP)

func (s *hll) estimate() float64 {
	const q = 64 - hllP
	m := float64(len(s.reg))
	var c [q + 2]int
	for _, r := range s.reg {
		c[r]++
	}
	z := m * hllTau(1-float64(c[q+1])/m)
	for k := q; k >= 1; k-- {
		z = 0.5 * (z + float64(c[k]))
	}
	z += m * hllSigma(float64(c[0])/m)
	return (m / (2 * math.Ln2)) * m / z
}

func hllSigma(x float64) float64 {
	if x == 1 {
		return math.Inf(1)
	}
	y, z := 1.0, x
	for {
		x *= x
		zp := z
		z += x * y
		y += y
		if z == zp {
			return z
		}
	}
}

func hllTau(x float64) float64 {
	if x == 0 || x == 1 {
		return 0
	}
	y, z := 1.0, 1-x
	for {
		x = math.Sqrt(x)
		zp := z
		y *= 0.5
		z -= (1 - x) * (1 - x) * y
		if z == zp {
			return z / 3
		}
	}
}
