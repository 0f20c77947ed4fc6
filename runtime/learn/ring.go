package learn

import "slices"

// A sorted ring keeps the latest len(ring) of a stream's values, in arrival order (ring,
// slot n % len(ring) for the n-th) and sorted (the first min(n, len(ring)) entries of
// sorted), for running medians of a customer's or a card's recent amounts.

// ringAdd records v as the n-th value (counting from 0), dropping the value it replaces
// in the ring once the ring is full.
func ringAdd(ring, sorted []float32, n int, v float32) {
	size := len(ring)
	k := min(n, size)
	slot := n % size
	if n >= size { // remove the value the ring slot held
		i, _ := slices.BinarySearch(sorted[:k], ring[slot])
		copy(sorted[i:k-1], sorted[i+1:k])
		k--
	}
	ring[slot] = v
	i, _ := slices.BinarySearch(sorted[:k], v)
	copy(sorted[i+1:k+1], sorted[i:k])
	sorted[i] = v
}

// ringMedian returns the median of the latest min(n, len(sorted)) values (n ≥ 1).
func ringMedian(sorted []float32, n int) float64 {
	k := min(n, len(sorted))
	m := float64(sorted[k/2])
	if k%2 == 0 {
		m = (float64(sorted[k/2-1]) + m) / 2
	}
	return m
}
