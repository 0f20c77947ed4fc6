package profile

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// Fixed, seedable 64-bit hashing. The report must be reproducible, so the
// per-process random seed of hash/maphash is not an option here.

const (
	hk0 = 0x9e3779b97f4a7c15
	hk1 = 0xbf58476d1ce4e5b9
	hk2 = 0x94d049bb133111eb
)

// mix64 is a bijective avalanche finalizer (splitmix64 constants).
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= hk1
	x ^= x >> 27
	x *= hk2
	x ^= x >> 31
	return x
}

// fold multiplies two words to 128 bits and xors the halves.
func fold(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// hashBytes hashes b with seed.
func hashBytes(b []byte, seed uint64) uint64 {
	h := seed ^ (uint64(len(b)) * hk0)
	for len(b) >= 16 {
		h = fold(binary.LittleEndian.Uint64(b)^hk1^h, binary.LittleEndian.Uint64(b[8:])^hk2)
		b = b[16:]
	}
	if len(b) >= 8 {
		h = fold(binary.LittleEndian.Uint64(b)^hk1^h, hk2^uint64(len(b)))
		b = b[8:]
	}
	if len(b) > 0 {
		var t uint64
		for i, c := range b {
			t |= uint64(c) << (8 * i)
		}
		h = fold(t^hk2^h, hk1+uint64(len(b)))
	}
	return mix64(h)
}

// hashU64 hashes one word with seed.
func hashU64(v, seed uint64) uint64 { return mix64(v ^ mix64(seed+hk0)) }

// hashF64 hashes a float by value (+0 and -0 hash alike).
func hashF64(v float64, seed uint64) uint64 {
	if v == 0 {
		v = 0
	}
	return hashU64(math.Float64bits(v), seed)
}

// nullHash is the hash of a missing value in column seed.
func nullHash(seed uint64) uint64 { return mix64(seed ^ 0x6e756c6c) }
