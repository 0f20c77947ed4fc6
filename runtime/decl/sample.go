package decl

import (
	"math"

	"github.com/paygen/paygen/runtime/dist"
	"github.com/paygen/paygen/runtime/rng"
)

// Every sampler maps one 64-bit draw x (rng.At of the column's key and the
// row, or rng.Key of the column's key and the entity) to a value, so a value
// depends only on its key: the same at any worker, shard or block count.

// Uniform is a uniform variate in [lo, hi).
func Uniform(x uint64, lo, hi float64) float64 { return lo + rng.Unit(x)*(hi-lo) }

// Normal is a normal variate with the given mean and standard deviation
// (the exact ziggurat of package rng, from x itself in ~99 % of the draws).
func Normal(x uint64, mean, sd float64) float64 { return mean + sd*rng.NormOf(x) }

// LogNormal is exp of a normal variate N(mu, sigma²).
func LogNormal(x uint64, mu, sigma float64) float64 { return Exp(Normal(x, mu, sigma)) }

// Exponential is an exponential variate with the given mean (the ziggurat of
// package rng, from x itself in ~99 % of the draws).
func Exponential(x uint64, mean float64) float64 { return mean * rng.ExpOf(x) }

// Poisson draws a Poisson variate of a fixed mean from a table: an alias
// table over the counts whose probabilities are above 1e-17 (the rest, in
// total below 1e-15, is left out), so a draw is one pick whatever the mean.
type Poisson struct {
	lo float64
	a  *dist.Alias
}

// NewPoisson builds the table of mean (schemac checks 0 < mean <= 1e6).
func NewPoisson(mean float64) *Poisson {
	logp := func(k float64) float64 {
		lg, _ := math.Lgamma(k + 1)
		return -mean + k*math.Log(mean) - lg
	}
	mode := math.Floor(mean)
	lo, hi := mode, mode
	for lo > 0 && logp(lo-1) > -39 {
		lo--
	}
	for logp(hi+1) > -39 {
		hi++
	}
	w := make([]float64, int(hi-lo)+1)
	for i := range w {
		w[i] = math.Exp(logp(lo + float64(i)))
	}
	return &Poisson{lo: lo, a: dist.NewAlias(w)}
}

// Draw is the count drawn by x.
func (p *Poisson) Draw(x uint64) float64 { return p.lo + float64(p.a.Pick(x)) }

// Zipf draws ranks 1..n with probability proportional to 1/rank^s.
type Zipf struct{ a *dist.Alias }

// NewZipf builds the rank table once (schemac checks 1 <= n <= 1e6, s >= 0).
func NewZipf(n int, s float64) *Zipf { return &Zipf{a: dist.NewAlias(dist.ZipfWeights(n, s))} }

// Rank is the rank drawn by x.
func (z *Zipf) Rank(x uint64) float64 { return float64(z.a.Pick(x) + 1) }

// Categorical picks one of a fixed list of outcomes by weight.
type Categorical struct{ a *dist.Alias }

// NewCategorical builds the alias table of weights (schemac checks they are
// positive and sum to 1, at most 65,536 of them).
func NewCategorical(weights []float64) *Categorical {
	return &Categorical{a: dist.NewAlias(weights)}
}

// Pick is the index of the outcome drawn by x.
func (c *Categorical) Pick(x uint64) uint16 { return uint16(c.a.Pick(x)) }

// Clamp limits v to [lo, hi].
func Clamp(v, lo, hi float64) float64 { return min(max(v, lo), hi) }

// Round rounds v to digits decimal places (half away from zero). Generated
// code inlines it for a constant digits: math.Round(v*1e3) / 1e3.
func Round(v float64, digits int) float64 {
	p := math.Pow10(digits)
	return math.Round(v*p) / p
}

// Scaled is v in units of 10^-scale, rounded: a decimal column's int64.
// Generated code inlines it for its constant scale: Int(math.Round(v*1e2)).
func Scaled(v float64, scale int) int64 { return Int(math.Round(v * math.Pow10(scale))) }

// Unscaled is the value of an int64 decimal of the given scale. Generated
// code inlines it for its constant scale: float64(v) / 1e2.
func Unscaled(v int64, scale int) float64 { return float64(v) / math.Pow10(scale) }
