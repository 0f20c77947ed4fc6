package profile

// segment carries one column's values for one window of rows to the
// row-aligned (cross-column) stage, in compact form.
type segment struct {
	col  int
	win  int
	n    int
	hash []uint64  // value hash per row (seeded per column); all kinds
	num  []float64 // numeric value / time in µs (kNumeric, kTime)
	ok   []bool    // num is present and finite
	code []int32   // category / boolean code, codeNull, codeOther
	aux  []int32   // UTC offset in minutes of the country, or noOffset
	// bucket is code folded to corrCats buckets, corrNull for null
	// (correlation columns only; filled when the segment is handed on).
	bucket []uint8
}

// corrNull is the bucket of a null value in correlation tables.
const corrNull = corrCats

// corrStride is the row length of a contingency table (buckets + null).
const corrStride = corrCats + 1

func (s *segment) fillBuckets() {
	for i, c := range s.code[:s.n] {
		switch {
		case c == codeNull:
			s.bucket[i] = corrNull
		case c < 0 || c >= corrCats-1:
			s.bucket[i] = corrCats - 1
		default:
			s.bucket[i] = uint8(c)
		}
	}
}

const noOffset = int32(-1 << 30)

func newSegment(p *colPlan, w int) *segment {
	s := &segment{col: p.idx, hash: make([]uint64, w)}
	switch p.kind {
	case kNumeric, kTime:
		s.num = make([]float64, w)
		s.ok = make([]bool, w)
	case kCategory, kBool:
		s.code = make([]int32, w)
		if p.local {
			s.aux = make([]int32, w)
		}
		if p.corrCat {
			s.bucket = make([]uint8, w)
		}
	}
	return s
}
