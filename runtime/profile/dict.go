package profile

// dict assigns small integer codes to the first `cap` distinct values of a
// categorical column and counts them exactly. Codes feed the row-aligned
// analyses (fraud rate by category, Cramér's V, correlation ratio). Once a
// column has more than `cap` distinct values the dictionary stops growing:
// known values keep exact counts, new ones get codeOther and go to the
// Misra-Gries summary.
type dict struct {
	cap     int
	codes   map[string]int32
	values  []string
	counts  []uint64
	overflw bool
}

const (
	codeNull  int32 = -1
	codeOther int32 = -2
)

func newDict(cap int) *dict {
	return &dict{cap: cap, codes: make(map[string]int32)}
}

// code returns v's code, adding v while there is room, and counts v.
func (d *dict) code(v []byte) int32 {
	c := d.assign(v)
	if c >= 0 {
		d.counts[c]++
	}
	return c
}

// assign returns v's code, adding v while there is room, without counting.
func (d *dict) assign(v []byte) int32 {
	if c, ok := d.codes[string(v)]; ok {
		return c
	}
	if len(d.values) >= d.cap {
		d.overflw = true
		return codeOther
	}
	c := int32(len(d.values))
	s := string(v)
	d.codes[s] = c
	d.values = append(d.values, s)
	d.counts = append(d.counts, 0)
	return c
}
