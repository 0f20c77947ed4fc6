package tests

import (
	"context"
	"os"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/stretchr/testify/require"
)

// table reads a whole Parquet file with arrow-go, an implementation
// independent of the parquet-go library paygen writes with.
type table struct {
	tbl  arrow.Table
	meta map[string]string
	rgs  int
}

func readArrow(t testing.TB, path string, columns ...string) *table {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rdr, err := file.NewParquetReader(f)
	require.NoError(t, err)
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{Parallel: true, BatchSize: 1 << 16}, memory.DefaultAllocator)
	require.NoError(t, err)
	var idx []int
	if len(columns) > 0 {
		sc := rdr.MetaData().Schema
		for _, c := range columns {
			i := sc.ColumnIndexByName(c)
			require.GreaterOrEqual(t, i, 0, "column %s", c)
			idx = append(idx, i)
		}
	}
	var tbl arrow.Table
	if idx == nil {
		tbl, err = fr.ReadTable(context.Background())
	} else {
		rgs := make([]int, rdr.NumRowGroups())
		for i := range rgs {
			rgs[i] = i
		}
		tbl, err = fr.ReadRowGroups(context.Background(), idx, rgs)
	}
	require.NoError(t, err)
	meta := map[string]string{}
	kv := rdr.MetaData().KeyValueMetadata()
	for i, k := range kv.Keys() {
		meta[k] = kv.Values()[i]
	}
	return &table{tbl: tbl, meta: meta, rgs: rdr.NumRowGroups()}
}

func (tb *table) col(t testing.TB, name string) *arrow.Chunked {
	t.Helper()
	idx := tb.tbl.Schema().FieldIndices(name)
	require.Len(t, idx, 1, "column %s", name)
	return tb.tbl.Column(idx[0]).Data()
}

// strings returns a string column's values ("" for nulls) and validity.
func (tb *table) strings(t testing.TB, name string) ([]string, []bool) {
	var vals []string
	var ok []bool
	for _, ch := range tb.col(t, name).Chunks() {
		switch a := ch.(type) {
		case *array.String:
			for i := 0; i < a.Len(); i++ {
				ok = append(ok, a.IsValid(i))
				vals = append(vals, a.Value(i))
			}
		case *array.Dictionary:
			d := a.Dictionary().(*array.String)
			for i := 0; i < a.Len(); i++ {
				ok = append(ok, a.IsValid(i))
				if a.IsValid(i) {
					vals = append(vals, d.Value(a.GetValueIndex(i)))
				} else {
					vals = append(vals, "")
				}
			}
		default:
			t.Fatalf("column %s: unexpected arrow type %T", name, ch)
		}
	}
	return vals, ok
}

func (tb *table) int64s(t testing.TB, name string) []int64 {
	var vals []int64
	for _, ch := range tb.col(t, name).Chunks() {
		switch a := ch.(type) {
		case *array.Timestamp:
			for i := 0; i < a.Len(); i++ {
				vals = append(vals, int64(a.Value(i)))
			}
		case *array.Decimal128:
			for i := 0; i < a.Len(); i++ {
				vals = append(vals, int64(a.Value(i).LowBits()))
			}
		case *array.Int64:
			vals = append(vals, a.Int64Values()...)
		default:
			t.Fatalf("column %s: unexpected arrow type %T", name, ch)
		}
	}
	return vals
}

func (tb *table) floats(t testing.TB, name string) ([]float64, []bool) {
	var vals []float64
	var ok []bool
	for _, ch := range tb.col(t, name).Chunks() {
		a := ch.(*array.Float64)
		for i := 0; i < a.Len(); i++ {
			ok = append(ok, a.IsValid(i))
			vals = append(vals, a.Value(i))
		}
	}
	return vals, ok
}

func (tb *table) bools(t testing.TB, name string) []bool {
	var vals []bool
	for _, ch := range tb.col(t, name).Chunks() {
		a := ch.(*array.Boolean)
		for i := 0; i < a.Len(); i++ {
			vals = append(vals, a.Value(i))
		}
	}
	return vals
}

func (tb *table) nulls(t testing.TB, name string) int {
	return tb.col(t, name).NullN()
}
