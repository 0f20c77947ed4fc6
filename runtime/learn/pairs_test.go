package learn

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// countPairs, which enumerates only non-default conditions, agrees with counting every
// pair of every row.
func TestCountPairsMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	const nf, rows = 5, 3000
	sizes := []int{2, 3, 7, 1, 4} // values per family; values map to conditions below
	offset := make([]int, nf+1)
	for f, s := range sizes {
		offset[f+1] = offset[f] + s
	}
	// conditions: value v of family f is its own condition, except values ≥ 2 of family 2,
	// which share one (a "rare" bucket)
	condOf := make([]int32, offset[nf])
	var family []int
	for f := range nf {
		for v := range sizes[f] {
			if f == 2 && v > 2 {
				condOf[offset[f]+v] = condOf[offset[f]+2]
				continue
			}
			condOf[offset[f]+v] = int32(len(family))
			family = append(family, f)
		}
	}
	k := len(family)
	slots := make([]uint16, rows*nf)
	isFraud := make([]bool, rows)
	support := make([]int64, k)
	fraud := make([]int64, k)
	naiveT := make([]uint32, k*k)
	naiveF := make([]uint32, k*k)
	for i := range rows {
		isFraud[i] = rng.Float64() < 0.1
		var cs []int32
		for f := range nf {
			v := rng.IntN(sizes[f])
			if rng.Float64() < 0.5 {
				v = 0 // a skewed family: value 0 is the default
			}
			slots[i*nf+f] = uint16(v)
			c := condOf[offset[f]+v]
			cs = append(cs, c)
			support[c]++
			if isFraud[i] {
				fraud[c]++
			}
		}
		for x, a := range cs {
			for _, b := range cs[x+1:] {
				naiveT[int(a)*k+int(b)]++
				if isFraud[i] {
					naiveF[int(a)*k+int(b)]++
				}
			}
		}
	}
	pc := countPairs(slots, nf, offset, condOf, family, support, fraud, isFraud)
	for a := range k {
		for b := a + 1; b < k; b++ {
			if family[a] == family[b] {
				continue
			}
			require.Equal(t, naiveT[a*k+b], pc.total[a*k+b], "rows of %d ∧ %d", a, b)
			require.Equal(t, naiveF[a*k+b], pc.fraud[a*k+b], "fraud of %d ∧ %d", a, b)
		}
	}
}
