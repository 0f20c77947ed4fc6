package rng

import "math"

// NormOf and ExpOf are the ziggurats of Norm and Exp for counter-based draws:
// a variate from one 64-bit value x that is already a hash (At, Key), with no
// stream to seed. About 99 % of the values are taken from x alone (7 bits
// pick the layer, 1 the sign, 53 the position: a multiply, a compare and a
// sign bit, no branch on the sign); the rest (a wedge, the tail, or a
// rejection) continue on the stream New(x), so the result is still a pure
// function of x and exactly distributed.

// rect is a ziggurat layer's rectangle: the share of the layer surely
// under the density, and the layer's width.
type rect struct{ ratio, width float64 }

// rects copies the rectangles of a ziggurat into one array of values, so the
// fast path is one load of 16 bytes and inlines into its caller's loop.
func rects(z *ziggurat) (r [zigLayers]rect) {
	for i := range r {
		r[i] = rect{z.ratio[i], z.x[i]}
	}
	return r
}

var normRects, expRects = rects(normalZig), rects(expZig)

// NormOf returns a standard normal variate determined by x.
func NormOf(x uint64) float64 {
	if v, ok := NormFast(x); ok {
		return v
	}
	return normSlow(x)
}

// NormFast is NormOf's fast path, small enough to inline into a loop: v is
// NormOf(x) when ok, which is about 99 % of the time.
func NormFast(x uint64) (v float64, ok bool) {
	l := normRects[x&(zigLayers-1)]
	u := Unit(x)
	return math.Float64frombits(math.Float64bits(u*l.width) | (x&zigLayers)<<(63-7)), u < l.ratio
}

// normSlow finishes a draw of NormOf that fell outside the layer's
// rectangle: the wedge or tail test for x, then, if x is rejected, a fresh
// ziggurat draw from the stream seeded by x.
//
//go:noinline
func normSlow(x uint64) float64 {
	z := normalZig
	i := x & (zigLayers - 1)
	v := Unit(x) * z.x[i]
	if x&zigLayers != 0 {
		v = -v
	}
	s := New(x)
	if i == 0 {
		return s.normTail(v < 0)
	}
	if z.fx[i]+Unit(s.Next())*(z.fx[i+1]-z.fx[i]) < math.Exp(-v*v/2) {
		return v
	}
	return s.Norm()
}

// normTail draws from the normal tail beyond r (Marsaglia, 1964), negative
// when neg: r + a with a drawn from exp(-r a) and kept with probability
// exp(-a²/2).
func (r *Stream) normTail(neg bool) float64 {
	z := normalZig
	for {
		a := -math.Log(UnitOpen(r.Next())) / z.r
		c := -math.Log(UnitOpen(r.Next()))
		if c+c > a*a {
			if neg {
				return -(z.r + a)
			}
			return z.r + a
		}
	}
}

// ExpOf returns an exponential variate of rate 1 determined by x.
func ExpOf(x uint64) float64 {
	if v, ok := ExpFast(x); ok {
		return v
	}
	return expSlow(x)
}

// ExpFast is ExpOf's fast path: v is ExpOf(x) when ok.
func ExpFast(x uint64) (v float64, ok bool) {
	l := expRects[x&(zigLayers-1)]
	u := Unit(x)
	return u * l.width, u < l.ratio
}

// expSlow finishes a draw of ExpOf outside the layer's rectangle.
//
//go:noinline
func expSlow(x uint64) float64 {
	z := expZig
	i := x & (zigLayers - 1)
	v := Unit(x) * z.x[i]
	s := New(x)
	if i == 0 {
		return z.r - math.Log(UnitOpen(s.Next()))
	}
	if z.fx[i]+Unit(s.Next())*(z.fx[i+1]-z.fx[i]) < math.Exp(-v) {
		return v
	}
	return s.Exp()
}
