package decl

import "math"

// Exp is e^y to within 4e-16 relative (TestExp), for the lognormal sampler:
// on this machine's amd64 math.Exp costs ~18-35 ns, more than the rest of a
// declared column's row; Exp ~6. It is the table method of Tang (1989):
// y = (k + j/N) ln 2 + r with |r| <= ln2/2N, e^y = 2^k · 2^(j/N) · e^r, the
// N powers 2^(j/N) from a table and e^r from its Taylor polynomial of
// degree 4 (truncation below 4e-17 at N = 256). Outside the normal range of
// float64 results, and for NaN, it is math.Exp.
func Exp(y float64) float64 {
	if !(y > -708 && y < 709) {
		return math.Exp(y)
	}
	return expTable(y)
}

// expTable is Exp for -708 < y < 709.
func expTable(y float64) float64 {
	// kd = round(y·N/ln2), by adding and removing 1.5·2^52 (the sum's low
	// mantissa bits are then the integer).
	const shift = 0x1.8p52
	kd := y*(expN/math.Ln2) + shift
	ki := math.Float64bits(kd)
	kd -= shift
	r := y - kd*ln2HiN - kd*ln2LoN
	// 2^(ki/N): the table's mantissa with ki/N added to its exponent.
	s := math.Float64frombits(exp2Table[ki%expN] + (ki/expN)<<52)
	p := r + r*r*(1.0/2+r*(1.0/6+r*(1.0/24)))
	return s + s*p
}

const expN = 256

// ln2/N split in two: the high part has 21 significant bits so kd·ln2HiN
// is exact for |kd| < 2^32, and the low part (an exact constant expression)
// carries the rest.
const (
	ln2HiN = 0x1.62e42p-9
	ln2LoN = math.Ln2/expN - ln2HiN
)

// exp2Table holds the bits of 2^(j/N), j = 0..N-1.
var exp2Table = func() (t [expN]uint64) {
	for j := range t {
		t[j] = math.Float64bits(math.Exp2(float64(j) / expN))
	}
	return t
}()
