// Package rng provides counter-based random streams: every draw is a pure function of a key, so blocks can be generated in any order.
package rng

import "math/bits"

const golden = 0x9e3779b97f4a7c15

// Mix is the SplitMix64 finalizer: a bijective 64-bit hash.
func Mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Key combines a parent key with a label into a child key.
func Key(parent, label uint64) uint64 {
	return Mix(parent ^ Mix(label+golden))
}

// StrKey hashes a string label (FNV-1a) into a key component.
func StrKey(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return h
}

// At returns the i-th value of the stream keyed by key.
func At(key, i uint64) uint64 {
	return Mix(key + (i+1)*golden)
}

// Unit maps 64 random bits to a float64 in [0, 1).
func Unit(x uint64) float64 {
	return float64(x>>11) * (1.0 / (1 << 53))
}

// UnitOpen maps 64 random bits to a float64 in (0, 1).
func UnitOpen(x uint64) float64 {
	return (float64(x>>12) + 0.5) * (1.0 / (1 << 52))
}

// Below maps 64 random bits to an integer in [0, n) (Lemire's multiply-shift).
func Below(x uint64, n uint64) uint64 {
	hi, _ := bits.Mul64(x, n)
	return hi
}

// Stream is a sequential SplitMix64 generator.
type Stream struct{ s uint64 }

// New returns a stream whose draws are determined by key.
func New(key uint64) Stream { return Stream{s: Mix(key)} }

// Next returns the next 64 random bits.
func (r *Stream) Next() uint64 {
	r.s += golden
	return Mix(r.s)
}

// Float64 returns a uniform float64 in [0, 1).
func (r *Stream) Float64() float64 { return Unit(r.Next()) }

// IntN returns a uniform integer in [0, n).
func (r *Stream) IntN(n int) int { return int(Below(r.Next(), uint64(n))) }
