package colwrite

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The edge dataset: a row group of 70,000 rows (dictionaries of more than
// 65,536 entries, so 17-bit indexes; pages cut by size) and one of 5 rows.
var edgeLayout = layout{{30000, 30000, 10000}, {5}}

func edgeColumns() []Column {
	return []Column{
		{Name: "wide", Physical: ByteArray, Logical: String, Encoding: Dict},
		{Name: "all_null", Physical: ByteArray, Logical: String, Encoding: Dict, Optional: true},
		{Name: "opt_int", Physical: Int64, Optional: true},
		{Name: "delta_str", Physical: ByteArray, Logical: String, Encoding: Delta, Optional: true},
		{Name: "plain_bytes", Physical: ByteArray, Optional: true},
		{Name: "dbl", Physical: Double, Optional: true},
		{Name: "int_dict", Physical: Int64, Logical: Decimal, Precision: 12, Scale: 2, Encoding: Dict},
		{Name: "bool_opt", Physical: Boolean, Optional: true},
		{Name: "delta_int", Physical: Int64, Logical: TimestampMicrosUTC, Encoding: Delta, Optional: true},
		{Name: "str_dict_opt", Physical: ByteArray, Logical: String, Encoding: Dict, Optional: true},
		{Name: "dense_keys", Physical: ByteArray, Logical: String, Encoding: Dict},
		{Name: "keyed_dbl", Physical: Double, Encoding: Dict, Optional: true},
		{Name: "single_key", Physical: ByteArray, Logical: String, Encoding: Dict},
	}
}

var edgeStrings = []string{"", "a", "ab", "abc", "abcdefghijklmnop", "abcdefghijklmnoq", "é", "z", strings.Repeat("x", 300)}

func edgeString(i int) string {
	s := edgeStrings[i%len(edgeStrings)]
	if i%len(edgeStrings) >= 4 {
		s += strconv.Itoa(i)
	}
	return s
}

func wideKey(i int) uint64                 { return uint64(i)*7919 + 5 }
func fmtKey(dst []byte, k uint64) []byte   { return strconv.AppendUint(append(dst, 'k'), k, 10) }
func fmtDense(dst []byte, k uint64) []byte { return strconv.AppendUint(append(dst, 'd'), k, 10) }
func fmtOnly(dst []byte, _ uint64) []byte  { return append(dst, "only"...) }
func keyedDouble(k uint64) float64         { return float64(k)/3 - 10 }
func edgeDouble(i int) (v float64, valid bool) {
	if i >= 70000 { // the small row group: its minimum is zero
		return [...]float64{0, math.NaN(), 2.5, 0, math.Copysign(0, -1)}[i-70000], i != 70003
	}
	switch i % 11 {
	case 1:
		return math.NaN(), i%4 != 0
	case 2:
		return math.Copysign(0, -1), i%4 != 0
	case 4:
		if i == 4 {
			return math.Inf(1), false
		}
	}
	return float64(int(mix(uint64(i))%1000)-500) / 8, i%4 != 0
}

// edgeValue is the expected value of the edge dataset.
func edgeValue(col, i int) any {
	null := func(cond bool, v any) any {
		if cond {
			return nil
		}
		return v
	}
	switch col {
	case 0:
		return string(fmtKey(nil, wideKey(i)))
	case 1:
		return nil
	case 2:
		v := int64(mix(uint64(i)))
		if i == 1 {
			v = math.MinInt64
		} else if i == 2 {
			v = math.MaxInt64
		}
		return null(i%3 == 0, v)
	case 3:
		return null(i%5 == 0, edgeString(i))
	case 4:
		return null(i%7 == 0, edgeString(i))
	case 5:
		v, ok := edgeDouble(i)
		return null(!ok, v)
	case 6:
		return int64(i%1000)*100 - 50000
	case 7:
		return null(i%6 == 0, i%4 == 1)
	case 8:
		v := int64(i)*1000 - int64(mix(uint64(i))%500)
		switch i { // deltas that overflow int64 wrap around
		case 1, 5:
			v = math.MinInt64
		case 2, 4:
			v = math.MaxInt64
		}
		return null(i%10 == 3, v)
	case 9:
		return null(i%8 == 0, []string{"", "x", "yy", "é"}[i%4])
	case 10:
		return string(fmtDense(nil, uint64(i)))
	case 11:
		return null(i%9 == 0, keyedDouble(uint64(i%70)))
	case 12:
		return "only"
	}
	panic(col)
}

// writeEdge writes the edge dataset with the typed append methods.
func writeEdge(t *testing.T) ([]byte, *dataset) {
	return writeEdgeLimit(t, 0)
}

// writeEdgeLimit is writeEdge with a dictionary limit (SetDictLimit; 0
// keeps the default).
func writeEdgeLimit(t *testing.T, dictLimit int) ([]byte, *dataset) {
	groups := edgeLayout.groups()
	n := 0
	for _, g := range groups {
		n += g
	}
	d := &dataset{cols: edgeColumns(), groups: groups, value: edgeValue, kv: [][2]string{{"k", "v"}}}

	// Column slices, as a generator would hold them.
	valid := func(col int) []bool {
		v := make([]bool, n)
		for i := range v {
			v[i] = edgeValue(col, i) != nil
		}
		return v
	}
	keys := func(f func(int) uint64) []uint64 {
		k := make([]uint64, n)
		for i := range k {
			k[i] = f(i)
		}
		return k
	}
	ints := func(col int) []int64 {
		v := make([]int64, n)
		for i := range v {
			if x, ok := edgeValue(col, i).(int64); ok {
				v[i] = x
			}
		}
		return v
	}
	strs := func(col int) []string {
		v := make([]string, n)
		for i := range v {
			if x, ok := edgeValue(col, i).(string); ok {
				v[i] = x
			}
		}
		return v
	}
	wide, dense := keys(wideKey), keys(func(i int) uint64 { return uint64(i) })
	small, single := keys(func(i int) uint64 { return uint64(i % 70) }), keys(func(int) uint64 { return 42 })
	optInt, decimals, deltaInt := ints(2), ints(6), ints(8)
	deltaStr, plainStr, dictStr := strs(3), strs(4), strs(9)
	dbl, bools := make([]float64, n), make([]bool, n)
	for i := range n {
		dbl[i], _ = edgeDouble(i)
		bools[i] = i%4 == 1
	}
	nulls := make([]bool, n)
	v2, v3, v4, v5, v7, v8, v9, v11 := valid(2), valid(3), valid(4), valid(5), valid(7), valid(8), valid(9), valid(11)

	var buf bytes.Buffer
	w, err := NewWriter(&buf, d.cols, d.kv, "paygen version 0.1.0")
	require.NoError(t, err)
	rg := NewRowGroup(d.cols)
	rg.SetPageLimits(DefaultPageRows, 100_000)
	if dictLimit != 0 {
		rg.SetDictLimit(dictLimit)
	}
	lo := 0
	for _, g := range edgeLayout {
		rg.Reset()
		for _, b := range g {
			hi := lo + b
			rg.Keyed(0, wide[lo:hi], nil, fmtKey)
			rg.Keyed(1, wide[lo:hi], nulls[lo:hi], fmtKey)
			rg.Int64(2, optInt[lo:hi], v2[lo:hi])
			rg.Strings(3, deltaStr[lo:hi], v3[lo:hi])
			rg.Strings(4, plainStr[lo:hi], v4[lo:hi])
			rg.Double(5, dbl[lo:hi], v5[lo:hi])
			rg.Int64(6, decimals[lo:hi], nil)
			rg.Bool(7, bools[lo:hi], v7[lo:hi])
			rg.Int64(8, deltaInt[lo:hi], v8[lo:hi])
			rg.Strings(9, dictStr[lo:hi], v9[lo:hi])
			rg.Keyed(10, dense[lo:hi], nil, fmtDense)
			rg.KeyedDouble(11, small[lo:hi], v11[lo:hi], keyedDouble)
			rg.Keyed(12, single[lo:hi], nil, fmtOnly)
			lo = hi
		}
		require.NoError(t, rg.Finish())
		require.NoError(t, w.WriteRowGroup(rg))
	}
	require.NoError(t, w.Close())
	return buf.Bytes(), d
}

func TestEdgeCasesReadByArrow(t *testing.T) {
	t.Parallel()
	data, d := writeEdge(t)
	checkArrow(t, data, d)
}

func TestEdgeCasesReadByParquetGo(t *testing.T) {
	t.Parallel()
	data, d := writeEdge(t)
	checkParquetGo(t, data, d)
}

func TestEdgeCasesStatistics(t *testing.T) {
	t.Parallel()
	data, d := writeEdge(t)
	checkStats(t, data, d)
}

func TestFinishRejectsUnevenColumns(t *testing.T) {
	t.Parallel()
	cols := []Column{{Name: "a", Physical: Int64}, {Name: "b", Physical: Int64}}
	rg := NewRowGroup(cols)
	rg.Int64(0, []int64{1, 2}, nil)
	rg.Int64(1, []int64{1}, nil)
	assert.ErrorContains(t, rg.Finish(), "column \"a\" has 2 rows, column \"b\" has 1")
}

func TestMisuseIsReported(t *testing.T) {
	t.Parallel()
	cols := []Column{{Name: "a", Physical: Int64}, {Name: "s", Physical: ByteArray, Encoding: Plain}}
	rg := NewRowGroup(cols)
	assert.PanicsWithValue(t, `colwrite: null in required column "a"`, func() { rg.Int64(0, []int64{1}, []bool{false}) })
	assert.Panics(t, func() { rg.Double(0, []float64{1}, nil) })
	assert.Panics(t, func() { rg.Keyed(1, []uint64{1}, nil, fmtKey) })
	assert.Panics(t, func() { rg.Int64(0, []int64{1, 2}, []bool{true}) })

	_, err := NewWriter(&bytes.Buffer{}, []Column{{Name: "t", Physical: ByteArray, Logical: TimestampMicrosUTC}}, nil, "x")
	assert.ErrorContains(t, err, "TIMESTAMP needs INT64")
	_, err = NewWriter(&bytes.Buffer{}, []Column{{Name: "b", Physical: Boolean, Encoding: Dict}}, nil, "x")
	assert.Error(t, err)
	_, err = NewWriter(&bytes.Buffer{}, []Column{{Name: "d", Physical: Int64, Logical: Decimal, Precision: 19}}, nil, "x")
	assert.Error(t, err)
	_, err = NewWriter(&bytes.Buffer{}, []Column{{Name: "a", Physical: Int64}, {Name: "a", Physical: Int64}}, nil, "x")
	assert.ErrorContains(t, err, "duplicate")

	w, err := NewWriter(&bytes.Buffer{}, cols, nil, "x")
	require.NoError(t, err)
	assert.ErrorContains(t, w.WriteRowGroup(NewRowGroup(cols)), "not finished")
	other := NewRowGroup([]Column{{Name: "z", Physical: Int64}, {Name: "s", Physical: ByteArray}})
	other.Int64(0, []int64{1}, nil)
	other.Strings(1, []string{"x"}, nil)
	require.NoError(t, other.Finish())
	assert.ErrorContains(t, w.WriteRowGroup(other), "row group column 0")
}

// TestEmptyRowGroupSkipped checks a finished row group of no rows writes
// nothing and the file stays readable.
func TestEmptyRowGroupSkipped(t *testing.T) {
	t.Parallel()
	cols := []Column{{Name: "a", Physical: Int64}}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, cols, nil, "paygen version 0.1.0")
	require.NoError(t, err)
	rg := NewRowGroup(cols)
	require.NoError(t, rg.Finish())
	require.NoError(t, w.WriteRowGroup(rg))
	rg.Reset()
	rg.Int64(0, []int64{3, 1, 2}, nil)
	require.NoError(t, rg.Finish())
	require.NoError(t, w.WriteRowGroup(rg))
	require.NoError(t, w.Close())
	vals := []int64{3, 1, 2}
	d := &dataset{cols: cols, groups: []int{3}, value: func(_, i int) any { return vals[i] }}
	checkArrow(t, buf.Bytes(), d)
	checkParquetGo(t, buf.Bytes(), d)
}
