package colwrite

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// randomFile writes a file of random columns (every physical type, encoding
// and append method, optional or not), random values, random batch sizes and
// page limits, and returns it with the dataset it should hold. spool > 0
// spools each column's pages to disk past spool bytes (RowGroup.SpoolTo).
func randomFile(t *testing.T, seed uint64, spool int) ([]byte, *dataset) {
	r := rand.New(rand.NewPCG(seed, 99))
	type gen struct {
		col    Column
		method int // 0 typed append, 1 Keyed/KeyedDouble
		vals   []any
	}
	words := []string{"", "a", "ab", "b", "ä", "zz", "a\x00b", "\xff"}
	nrows := 1 + r.IntN(3000)
	var gens []gen
	for i := range 1 + r.IntN(8) {
		c := Column{Name: "c" + strconv.Itoa(i), Optional: r.IntN(2) == 0}
		method := 0
		switch r.IntN(7) {
		case 0:
			c.Physical, c.Encoding = Boolean, Plain
		case 1:
			c.Physical, c.Encoding = Int64, []Encoding{Plain, Dict, Delta}[r.IntN(3)]
			c.Logical = []Logical{None, TimestampMicrosUTC, Decimal}[r.IntN(3)]
			c.Precision, c.Scale = 18, 3
		case 2:
			c.Physical, c.Encoding = Double, []Encoding{Plain, Dict}[r.IntN(2)]
		case 3, 4:
			c.Physical, c.Encoding = ByteArray, []Encoding{Plain, Dict, Delta}[r.IntN(3)]
			if r.IntN(2) == 0 {
				c.Logical = String
			}
		case 5:
			c.Physical, c.Encoding, method = ByteArray, Dict, 1
		case 6:
			c.Physical, c.Encoding, method = Double, Dict, 1
		}
		distinct := 1 + r.IntN([]int{1, 10, 1000, 100000}[r.IntN(4)])
		nullRate := []float64{0, 0.1, 0.9, 1}[r.IntN(4)]
		g := gen{col: c, method: method, vals: make([]any, nrows)}
		for j := range g.vals {
			if c.Optional && r.Float64() < nullRate {
				continue
			}
			k := r.IntN(distinct)
			switch {
			case method == 1:
				g.vals[j] = uint64(k) * 0x10001 // keys spread over windows
			case c.Physical == Boolean:
				g.vals[j] = k%2 == 0
			case c.Physical == Int64:
				g.vals[j] = []int64{math.MinInt64, math.MaxInt64, -1, 0}[k%4] + int64(k)*int64(r.IntN(3)-1)
			case c.Physical == Double:
				g.vals[j] = []float64{math.NaN(), math.Inf(-1), math.Copysign(0, -1), 0, 1e300}[k%5] + float64(k%7)
			default:
				g.vals[j] = words[k%len(words)] + strconv.Itoa(k/len(words))
			}
		}
		gens = append(gens, g)
	}

	cols := make([]Column, len(gens))
	for i, g := range gens {
		cols[i] = g.col
	}
	keyString := func(dst []byte, k uint64) []byte { return strconv.AppendUint(append(dst, 'k'), k, 16) }
	keyDouble := func(k uint64) float64 { return float64(k) / 7 }
	value := func(col, row int) any {
		v := gens[col].vals[row]
		if k, ok := v.(uint64); ok {
			if gens[col].col.Physical == Double {
				return keyDouble(k)
			}
			return string(keyString(nil, k))
		}
		return v
	}

	// Row groups of random sizes, each in random batches.
	var groups []int
	for left := nrows; left > 0; {
		n := min(left, 1+r.IntN(nrows))
		groups = append(groups, n)
		left -= n
	}
	d := &dataset{cols: cols, groups: groups, value: value}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, cols, nil, "paygen version 0.1.0")
	require.NoError(t, err)
	rg := NewRowGroup(cols)
	if spool > 0 {
		rg.SpoolTo(t.TempDir(), spool)
		defer func() { require.NoError(t, rg.Close()) }()
	}
	lo := 0
	for _, n := range groups {
		rg.Reset()
		rg.SetPageLimits(1+r.IntN(2000), 1+r.IntN(20000))
		for end := lo + n; lo < end; {
			hi := min(end, lo+1+r.IntN(n))
			for i, g := range gens {
				valid := make([]bool, hi-lo)
				for j := range valid {
					valid[j] = g.vals[lo+j] != nil
				}
				if !g.col.Optional {
					valid = nil
				}
				switch {
				case g.method == 1:
					keys := make([]uint64, hi-lo)
					for j := range keys {
						keys[j], _ = g.vals[lo+j].(uint64)
					}
					if g.col.Physical == Double {
						rg.KeyedDouble(i, keys, valid, keyDouble)
					} else {
						rg.Keyed(i, keys, valid, keyString)
					}
				case g.col.Physical == Boolean:
					vals := make([]bool, hi-lo)
					for j := range vals {
						vals[j], _ = g.vals[lo+j].(bool)
					}
					rg.Bool(i, vals, valid)
				case g.col.Physical == Int64:
					vals := make([]int64, hi-lo)
					for j := range vals {
						vals[j], _ = g.vals[lo+j].(int64)
					}
					rg.Int64(i, vals, valid)
				case g.col.Physical == Double:
					vals := make([]float64, hi-lo)
					for j := range vals {
						vals[j], _ = g.vals[lo+j].(float64)
					}
					rg.Double(i, vals, valid)
				default:
					vals := make([]string, hi-lo)
					for j := range vals {
						vals[j], _ = g.vals[lo+j].(string)
					}
					rg.Strings(i, vals, valid)
				}
			}
			lo = hi
		}
		require.NoError(t, rg.Finish())
		require.NoError(t, w.WriteRowGroup(rg))
	}
	require.NoError(t, w.Close())
	return buf.Bytes(), d
}

// TestRandomFiles round-trips random files through both readers and checks
// their statistics.
func TestRandomFiles(t *testing.T) {
	t.Parallel()
	for seed := range uint64(24) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			data, d := randomFile(t, seed, 0)
			checkArrow(t, data, d)
			checkParquetGo(t, data, d)
			checkStats(t, data, d)
		})
	}
}

// Spooling a row group's pages to disk, however often (after every page,
// or every few), writes the same bytes; a reused row group overwrites its
// spool files from their start; Close leaves no file behind.
func TestSpooledRowGroupsWriteSameBytes(t *testing.T) {
	t.Parallel()
	for seed := range uint64(24) {
		want, _ := randomFile(t, seed, 0)
		for _, spool := range []int{1, 700, 50000} {
			got, _ := randomFile(t, seed, spool)
			require.Equal(t, want, got, "seed %d, spool past %d bytes", seed, spool)
		}
	}
	dir := t.TempDir()
	cols := []Column{{Name: "s", Physical: ByteArray, Logical: String, Encoding: Plain}}
	rg := NewRowGroup(cols)
	rg.SpoolTo(dir, 1)
	rg.SetPageLimits(2, 1<<20)
	rg.Strings(0, []string{"a", "b", "c", "d", "e"}, nil)
	require.NoError(t, rg.Finish())
	require.Positive(t, rg.cols[0].pages.spooled, "pages went to the spool file")
	require.NoError(t, rg.Close())
	left, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Empty(t, left, "no spool file left")
}
