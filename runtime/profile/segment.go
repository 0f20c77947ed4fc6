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
	}
	return s
}
