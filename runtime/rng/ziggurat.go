package rng

import "math"

// The ziggurat method (Marsaglia and Tsang, 2000) samples a decreasing
// density f on [0, ∞) exactly, with one 64-bit draw and no logarithm in
// about 99 % of the draws. The area under f is covered by zigLayers
// horizontal layers of equal area v: layer i spans [0, x[i]] horizontally
// and [f(x[i]), f(x[i+1])] vertically (x[zigLayers] = 0, f(0) = 1); the
// bottom layer is the rectangle [0, r] × [0, f(r)] plus the tail beyond r,
// with x[0] = v/f(r) so that a uniform point of [0, x[0]] past r stands for
// the tail. A draw picks a layer and a point x uniformly in [0, x[i]]: when
// x < x[i+1] the point is under f (the common case); otherwise it is in the
// layer's wedge, or in the tail, which are sampled exactly by rejection.
// The tables are computed at start-up: r solves f(x[zigLayers]) = 1.
const zigLayers = 128

type ziggurat struct {
	x     [zigLayers + 1]float64 // layer widths
	fx    [zigLayers + 1]float64 // f(x[i])
	ratio [zigLayers]float64     // x[i+1] / x[i]: the share of layer i that is surely under f
	r     float64                // start of the tail
}

// newZiggurat builds the tables for density f with inverse finv and tail
// area tail(r) = ∫_r^∞ f.
func newZiggurat(f, finv, tail func(float64) float64) *ziggurat {
	// top returns f(x[zigLayers]) - 1 for a tail start r: positive when
	// the layers are too thick (r too small), negative when too thin.
	build := func(z *ziggurat, r float64) float64 {
		v := r*f(r) + tail(r)
		z.r = r
		z.x[0], z.x[1] = v/f(r), r
		for i := 1; i < zigLayers; i++ {
			y := v/z.x[i] + f(z.x[i])
			if y >= 1 {
				return y - 1 + float64(zigLayers-i)
			}
			z.x[i+1] = finv(y)
		}
		return v/z.x[zigLayers-1] + f(z.x[zigLayers-1]) - 1
	}
	z := new(ziggurat)
	lo, hi := 0.5, 20.0
	for {
		mid := (lo + hi) / 2
		if mid <= lo || mid >= hi { // lo and hi are adjacent floats
			break
		}
		if build(z, mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	build(z, hi)
	z.x[zigLayers] = 0
	for i := range z.x {
		z.fx[i] = f(z.x[i])
	}
	z.fx[zigLayers] = 1
	for i := range z.ratio {
		z.ratio[i] = z.x[i+1] / z.x[i]
	}
	return z
}

var (
	normalZig = newZiggurat(
		func(x float64) float64 { return math.Exp(-x * x / 2) },
		func(y float64) float64 { return math.Sqrt(-2 * math.Log(y)) },
		func(r float64) float64 { return math.Sqrt(math.Pi/2) * math.Erfc(r/math.Sqrt2) },
	)
	expZig = newZiggurat(
		func(x float64) float64 { return math.Exp(-x) },
		func(y float64) float64 { return -math.Log(y) },
		func(r float64) float64 { return math.Exp(-r) },
	)
)

// Norm returns a standard normal variate (ziggurat).
func (r *Stream) Norm() float64 {
	z := normalZig
	for {
		// 7 bits pick the layer, 1 the sign, 53 the position.
		b := r.Next()
		i := b & (zigLayers - 1)
		u := Unit(b)
		x := u * z.x[i]
		if b&zigLayers != 0 {
			x = -x
		}
		if u < z.ratio[i] {
			return x
		}
		if i == 0 {
			return r.normTail(x < 0)
		}
		// The wedge: keep x when a uniform height in the layer is under f.
		if z.fx[i]+Unit(r.Next())*(z.fx[i+1]-z.fx[i]) < math.Exp(-x*x/2) {
			return x
		}
	}
}

// Exp returns an exponential variate with rate 1 (ziggurat).
func (r *Stream) Exp() float64 {
	z := expZig
	for {
		b := r.Next()
		i := b & (zigLayers - 1)
		u := Unit(b)
		x := u * z.x[i]
		if u < z.ratio[i] {
			return x
		}
		if i == 0 {
			// The tail beyond r is r plus an exponential (memorylessness).
			return z.r - math.Log(UnitOpen(r.Next()))
		}
		if z.fx[i]+Unit(r.Next())*(z.fx[i+1]-z.fx[i]) < math.Exp(-x) {
			return x
		}
	}
}
