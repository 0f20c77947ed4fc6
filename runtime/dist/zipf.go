package dist

import (
	"math"

	"github.com/paygen/paygen/runtime/rng"
)

// ZipfTableMax is the largest population worth an alias table (256 KiB of
// slots, for all the tables a caller draws from together). Larger tables no
// longer fit in a core's cache, and an alias draw reads a uniformly random
// slot, so nearly every draw would be a cache miss however skewed the
// weights: past it, draw by rejection-inversion, with no table.
const ZipfTableMax = 1 << 15

// Zipf samples a rank in [0, n) with probability proportional to
// 1/(rank+1)^s: from an alias table for small n, by rejection-inversion
// (W. Hörmann and G. Derflinger, "Rejection-inversion to generate variates
// from monotone discrete distributions", ACM TOMACS 6(3), 1996) for large
// n, which is exact too and costs a few arithmetic operations and no
// memory.
type Zipf struct {
	alias *Alias
	n     float64
	s     float64
	hx1   float64 // hIntegral(1.5) - 1
	hn    float64 // hIntegral(n + 0.5)
	s0    float64 // 2 - hInverse(hIntegral(2.5) - h(2))
}

// NewZipf returns a sampler of n ranks with exponent s >= 0, with an alias
// table or by rejection-inversion.
func NewZipf(n int, s float64, table bool) *Zipf {
	if table {
		return &Zipf{alias: NewAlias(ZipfWeights(n, s))}
	}
	z := &Zipf{n: float64(n), s: s}
	z.hx1 = z.hIntegral(1.5) - 1
	z.hn = z.hIntegral(z.n + 0.5)
	z.s0 = 2 - z.hInverse(z.hIntegral(2.5)-z.h(2))
	return z
}

// Len is the number of ranks.
func (z *Zipf) Len() int {
	if z.alias != nil {
		return z.alias.Len()
	}
	return int(z.n)
}

// Table is the alias table Pick draws from, or nil when it draws by
// rejection-inversion.
func (z *Zipf) Table() *Alias { return z.alias }

// Pick maps 64 random bits to a rank. A rejected candidate (rare) draws
// again from the bits mixed.
func (z *Zipf) Pick(x uint64) int {
	if z.alias != nil {
		return z.alias.Pick(x)
	}
	for {
		u := z.hn + rng.Unit(x)*(z.hx1-z.hn)
		v := z.hInverse(u)
		k := math.Floor(v + 0.5)
		k = math.Max(1, math.Min(k, z.n))
		if k-v <= z.s0 || u >= z.hIntegral(k+0.5)-z.h(k) {
			return int(k) - 1
		}
		x = rng.Mix(x)
	}
}

// h is the unnormalised weight x^-s.
func (z *Zipf) h(x float64) float64 {
	switch z.s {
	case 0.5:
		return 1 / math.Sqrt(x)
	case 1:
		return 1 / x
	}
	return math.Exp(-z.s * math.Log(x))
}

// hIntegral is an antiderivative of h: (x^(1-s) - 1)/(1-s), log x at s = 1.
func (z *Zipf) hIntegral(x float64) float64 {
	switch z.s {
	case 0.5:
		return 2 * (math.Sqrt(x) - 1)
	case 1:
		return math.Log(x)
	}
	lx := math.Log(x)
	return expm1Over((1-z.s)*lx) * lx
}

// hInverse inverts hIntegral.
func (z *Zipf) hInverse(y float64) float64 {
	switch z.s {
	case 0.5:
		t := y/2 + 1
		return t * t
	case 1:
		return math.Exp(y)
	}
	t := math.Max(-1, y*(1-z.s))
	return math.Exp(log1pOver(t) * y)
}

// expm1Over is (e^x - 1)/x, 1 at 0.
func expm1Over(x float64) float64 {
	if math.Abs(x) < 1e-8 {
		return 1 + x/2
	}
	return math.Expm1(x) / x
}

// log1pOver is log(1+x)/x, 1 at 0.
func log1pOver(x float64) float64 {
	if math.Abs(x) < 1e-8 {
		return 1 - x/2
	}
	return math.Log1p(x) / x
}
