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
// (the exact ziggurat sampler of package rng on a stream seeded by x).
func Normal(x uint64, mean, sd float64) float64 {
	s := rng.New(x)
	return mean + sd*s.Norm()
}

// LogNormal is exp of a normal variate N(mu, sigma²).
func LogNormal(x uint64, mu, sigma float64) float64 { return math.Exp(Normal(x, mu, sigma)) }

// Exponential is an exponential variate with the given mean.
func Exponential(x uint64, mean float64) float64 {
	s := rng.New(x)
	return mean * s.Exp()
}

// Poisson is a Poisson variate with the given mean: inversion by sequential
// search for a mean up to 30 (on average mean+1 steps), and above that the
// PTRS transformed rejection of Hörmann (1993), which takes about 1.1 draws.
func Poisson(x uint64, mean float64) float64 {
	if mean <= 0 {
		return 0
	}
	if mean <= 30 {
		u := rng.Unit(x)
		p := math.Exp(-mean)
		k, c := 0.0, p
		for u >= c && k < 1000 {
			k++
			p *= mean / k
			c += p
		}
		return k
	}
	s := rng.New(x)
	slam := math.Sqrt(mean)
	loglam := math.Log(mean)
	b := 0.931 + 2.53*slam
	a := -0.059 + 0.02483*b
	invalpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	for {
		u := rng.Unit(s.Next()) - 0.5
		v := rng.UnitOpen(s.Next())
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + mean + 0.43)
		if us >= 0.07 && v <= vr {
			return k
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		lg, _ := math.Lgamma(k + 1)
		if math.Log(v)+math.Log(invalpha)-math.Log(a/(us*us)+b) <= -mean+k*loglam-lg {
			return k
		}
	}
}

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

// Round rounds v to digits decimal places (half away from zero).
func Round(v float64, digits int) float64 {
	p := math.Pow10(digits)
	return math.Round(v*p) / p
}

// Scaled is v in units of 10^-scale, rounded: a decimal column's int64.
func Scaled(v float64, scale int) int64 { return Int(math.Round(v * math.Pow10(scale))) }

// Unscaled is the value of an int64 decimal of the given scale.
func Unscaled(v int64, scale int) float64 { return float64(v) / math.Pow10(scale) }
