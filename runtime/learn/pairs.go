package learn

// rareValue marks the condition that stands for all of a family's values below the
// minimum support (it is counted, never reported).
const rareValue = 0xFFFF

// pairCounts holds, for every two conditions a < b of different families, the rows and
// the fraud rows matching both, at [a*k+b].
type pairCounts struct {
	k            int
	total, fraud []uint32
}

// countPairs counts the pairs of conditions over rows given each row's value id of each of
// the nf families (slots); value v of family f is condition condOf[offset[f]+v].
// Conditions are numbered in family order and each value falls in exactly one. Only the
// conditions other than their family's most frequent (its default) are enumerated per
// row; a pair with a default is derived from the singles: rows(a ∧ d₂) = rows(a) −
// Σ rows(a ∧ b) over the other conditions b of d₂'s family.
func countPairs(slots []uint16, nf int, offset []int, condOf []int32, family []int, support, fraud []int64, isFraud []bool) pairCounts {
	k := len(family)
	pc := pairCounts{k: k, total: make([]uint32, k*k), fraud: make([]uint32, k*k)}
	members := make([][]int32, nf)
	for c, f := range family {
		members[f] = append(members[f], int32(c))
	}
	def := make([]int32, nf)
	for f, ms := range members {
		def[f] = ms[0]
		for _, c := range ms {
			if support[c] > support[def[f]] {
				def[f] = c
			}
		}
	}
	ids := make([]int32, 0, nf)
	rows := len(slots) / nf
	for i := range rows {
		ids = ids[:0]
		for f, v := range slots[i*nf : (i+1)*nf] {
			if c := condOf[offset[f]+int(v)]; c != def[f] {
				ids = append(ids, c)
			}
		}
		for x, a := range ids {
			row := pc.total[int(a)*k : int(a+1)*k]
			for _, b := range ids[x+1:] {
				row[b]++
			}
		}
		if isFraud[i] {
			for x, a := range ids {
				row := pc.fraud[int(a)*k : int(a+1)*k]
				for _, b := range ids[x+1:] {
					row[b]++
				}
			}
		}
	}
	for _, counts := range []struct {
		single []int64
		pair   []uint32
	}{{support, pc.total}, {fraud, pc.fraud}} {
		at := func(a, b int32) *uint32 {
			if a > b {
				a, b = b, a
			}
			return &counts.pair[int(a)*k+int(b)]
		}
		for f1 := range nf {
			for f2 := range nf {
				if f1 == f2 {
					continue
				}
				d2 := def[f2]
				for _, a := range members[f1] { // a (not a default) with the default of f2
					if a == def[f1] {
						continue
					}
					n := counts.single[a]
					for _, b := range members[f2] {
						if b != d2 {
							n -= int64(*at(a, b))
						}
					}
					*at(a, d2) = uint32(n)
				}
			}
		}
		for f1 := range nf {
			for f2 := f1 + 1; f2 < nf; f2++ { // both defaults
				d1, d2 := def[f1], def[f2]
				n := counts.single[d1]
				for _, b := range members[f2] {
					if b != d2 {
						n -= int64(*at(d1, b))
					}
				}
				*at(d1, d2) = uint32(n)
			}
		}
	}
	return pc
}
