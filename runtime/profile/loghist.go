package profile

import "math"

// logHist is a log-linear histogram over float64 values (the idea of
// HdrHistogram/DDSketch): a value's bucket is its sign, exponent and the top
// lhMant bits of its mantissa. Buckets are exact counters, so the sketch is
// mergeable and deterministic; its only error is resolution: a bucket
// [lo, hi) has (hi-lo) ≤ 2^-lhMant·|lo|, and answering with the bucket
// midpoint errs by at most lhRelErr relative to the true value.
// Memory is bounded: one 2^lhMant page per (sign, exponent) actually used.
type logHist struct {
	pages [lhPages]*[lhPageSize]uint64
	n     uint64
}

const (
	lhMant     = 7
	lhShift    = 52 - lhMant
	lhPageSize = 1 << lhMant
	lhPages    = 2 * 2048 // sign × exponent
	// lhRelErr bounds |midpoint - v| / |v| for any v in a bucket.
	lhRelErr = 1.0 / (1 << (lhMant + 1))
)

// lhKey maps a finite float to a monotone signed bucket key.
func lhKey(v float64) int32 {
	b := math.Float64bits(v)
	if b>>63 == 0 {
		return int32(b >> lhShift)
	}
	return -int32((b&^(1<<63))>>lhShift) - 1
}

// lhBounds returns the value range [lo, hi] of bucket key.
func lhBounds(k int32) (lo, hi float64) {
	if k >= 0 {
		return math.Float64frombits(uint64(k) << lhShift), math.Float64frombits(uint64(k+1) << lhShift)
	}
	m := uint64(-(k + 1))
	return -math.Float64frombits((m + 1) << lhShift), -math.Float64frombits(m << lhShift)
}

func lhMid(k int32) float64 {
	if k == 0 {
		return 0 // zero and subnormals below 2^-1067
	}
	lo, hi := lhBounds(k)
	if math.IsInf(hi, 0) || math.IsInf(lo, 0) {
		if math.IsInf(hi, 0) {
			return lo
		}
		return hi
	}
	return lo + (hi-lo)/2
}

func lhPage(k int32) int { return int(k>>lhMant) + lhPages/2 }

// add counts a finite value (callers filter NaN and ±Inf).
func (h *logHist) add(v float64) { h.addN(v, 1) }

func (h *logHist) addN(v float64, c uint64) {
	if v == 0 {
		v = 0 // -0 → +0
	}
	k := lhKey(v)
	p := h.pages[lhPage(k)]
	if p == nil {
		p = new([lhPageSize]uint64)
		h.pages[lhPage(k)] = p
	}
	p[k&(lhPageSize-1)] += c
	h.n += c
}

// lhBucket is one non-empty bucket.
type lhBucket struct {
	key int32
	n   uint64
}

// buckets lists the non-empty buckets in increasing value order.
func (h *logHist) buckets() []lhBucket {
	var out []lhBucket
	for i, p := range h.pages {
		if p == nil {
			continue
		}
		base := int32(i-lhPages/2) << lhMant
		for j, c := range p {
			if c != 0 {
				out = append(out, lhBucket{base + int32(j), c})
			}
		}
	}
	return out
}

// quantile returns the value at nearest rank ceil(q·n) (1-based; q=0 → the
// minimum) as its bucket midpoint, clamped to [min, max].
func (h *logHist) quantile(q, min, max float64) float64 {
	return quantileOf(h.buckets(), h.n, q, min, max)
}

func quantileOf(bs []lhBucket, n uint64, q, min, max float64) float64 {
	if n == 0 {
		return math.NaN()
	}
	rank := uint64(math.Ceil(q * float64(n)))
	if rank < 1 {
		rank = 1
	}
	var cum uint64
	for _, b := range bs {
		cum += b.n
		if cum >= rank {
			return math.Min(math.Max(lhMid(b.key), min), max)
		}
	}
	return max
}
