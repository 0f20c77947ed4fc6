package colwrite

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/apache/arrow-go/v18/parquet/schema"
	pq "github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testKV = [][2]string{{"paygen.seed", "7"}, {"paygen.rows", "36000"}}

// layout cuts a table into row groups of batches: layout[g][b] is the
// number of rows of batch b of row group g.
type layout [][]int

func (l layout) rows() int {
	n := 0
	for _, g := range l {
		for _, b := range g {
			n += b
		}
	}
	return n
}

// encodeGroup appends the batches of row group g (starting at row lo) to rg
// and finishes it.
func encodeGroup(t testing.TB, rg *RowGroup, tab *table, batches []int, lo int) {
	for _, n := range batches {
		appendRows(rg, tab, lo, lo+n)
		lo += n
	}
	require.NoError(t, rg.Finish())
}

// writeTable writes tab as a file with the given layout, encoding the row
// groups one after the other with one reused RowGroup.
func writeTable(t testing.TB, tab *table, l layout, pageRows int) []byte {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, testColumns(), testKV, "paygen version 0.1.0")
	require.NoError(t, err)
	rg := NewRowGroup(testColumns())
	rg.SetPageLimits(pageRows, DefaultPageBytes)
	lo := 0
	for _, g := range l {
		rg.Reset()
		encodeGroup(t, rg, tab, g, lo)
		require.NoError(t, w.WriteRowGroup(rg))
		for _, n := range g {
			lo += n
		}
	}
	require.NoError(t, w.Close())
	return buf.Bytes()
}

var testLayout = layout{{5000, 5000, 2000}, {7000, 3000, 2000}, {1, 4999, 6000}}

func testTable() *table {
	return genTable(testLayout.rows(), 7, tableOpts{customers: 3000, merchants: 400, singleType: true})
}

// arrowValue returns element i of an arrow array as the table's expected
// value types.
func arrowValue(t *testing.T, a arrow.Array, i int) any {
	if a.IsNull(i) {
		return nil
	}
	switch a := a.(type) {
	case *array.String:
		return a.Value(i)
	case *array.Binary:
		return string(a.Value(i))
	case *array.Int64:
		return a.Value(i)
	case *array.Timestamp:
		return int64(a.Value(i))
	case *array.Decimal128:
		return int64(a.Value(i).LowBits())
	case *array.Decimal64:
		return int64(a.Value(i))
	case *array.Float64:
		return a.Value(i)
	case *array.Boolean:
		return a.Value(i)
	}
	t.Fatalf("unexpected arrow array type %s", a.DataType())
	return nil
}

func TestArrowReadsEveryValue(t *testing.T) {
	tab := testTable()
	data := writeTable(t, tab, testLayout, 3000)

	f, err := file.NewParquetReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	md := f.MetaData()
	assert.Equal(t, int64(tab.n), md.NumRows)
	assert.Equal(t, len(testLayout), f.NumRowGroups())
	assert.Equal(t, "paygen version 0.1.0", md.GetCreatedBy())
	for _, kv := range testKV {
		v := md.KeyValueMetadata().FindValue(kv[0])
		require.NotNil(t, v, kv[0])
		assert.Equal(t, kv[1], *v)
	}

	// Schema: names, repetition, physical and logical types.
	sc := md.Schema
	cols := testColumns()
	require.Equal(t, len(cols), sc.NumColumns())
	for i, c := range cols {
		d := sc.Column(i)
		assert.Equal(t, c.Name, d.Name())
		assert.Equal(t, c.Optional, d.MaxDefinitionLevel() == 1, c.Name)
		assert.Equal(t, c.Physical.String(), d.PhysicalType().String(), c.Name)
		switch c.Logical {
		case String:
			assert.IsType(t, schema.StringLogicalType{}, d.LogicalType(), c.Name)
			assert.Equal(t, schema.ConvertedTypes.UTF8, d.ConvertedType(), c.Name)
		case TimestampMicrosUTC:
			ts, ok := d.LogicalType().(schema.TimestampLogicalType)
			require.True(t, ok, "%s: %T", c.Name, d.LogicalType())
			assert.True(t, ts.IsAdjustedToUTC())
			assert.False(t, ts.IsFromConvertedType())
			assert.Equal(t, schema.TimeUnitMicros, ts.TimeUnit())
			assert.Equal(t, schema.ConvertedTypes.TimestampMicros, d.ConvertedType(), c.Name)
		case Decimal:
			dec, ok := d.LogicalType().(schema.DecimalLogicalType)
			require.True(t, ok, "%s: %T", c.Name, d.LogicalType())
			assert.Equal(t, int32(12), dec.Precision())
			assert.Equal(t, int32(2), dec.Scale())
			assert.Equal(t, schema.ConvertedTypes.Decimal, d.ConvertedType(), c.Name)
		default:
			assert.IsType(t, schema.NoLogicalType{}, d.LogicalType(), c.Name)
		}
	}

	// Every value, through pqarrow.
	rdr, err := pqarrow.NewFileReader(f, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.DefaultAllocator)
	require.NoError(t, err)
	tbl, err := rdr.ReadTable(context.Background())
	require.NoError(t, err)
	defer tbl.Release()
	require.Equal(t, int64(tab.n), tbl.NumRows())
	for j := range cols {
		col := tbl.Column(j)
		assert.Equal(t, cols[j].Name, col.Name())
		row, bad := 0, 0
		for _, chunk := range col.Data().Chunks() {
			for i := 0; i < chunk.Len(); i++ {
				want, got := tab.value(j, row), arrowValue(t, chunk, i)
				if want != got && bad < 3 {
					t.Errorf("arrow: column %s row %d: got %#v, want %#v", cols[j].Name, row, got, want)
					bad++
				}
				row++
			}
		}
		assert.Equal(t, tab.n, row, cols[j].Name)
	}
}

func TestParquetGoReadsEveryValue(t *testing.T) {
	tab := testTable()
	data := writeTable(t, tab, testLayout, 3000)

	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	assert.Equal(t, int64(tab.n), f.NumRows())
	cols := testColumns()
	fields := f.Schema().Fields()
	require.Len(t, fields, len(cols))
	for i, c := range cols {
		assert.Equal(t, c.Name, fields[i].Name())
		assert.Equal(t, c.Optional, fields[i].Optional())
	}
	v, ok := f.Lookup("paygen.seed")
	assert.True(t, ok)
	assert.Equal(t, "7", v)

	row := 0
	buf := make([]pq.Row, 1000)
	for _, g := range f.RowGroups() {
		rows := g.Rows()
		for {
			n, err := rows.ReadRows(buf)
			for _, r := range buf[:n] {
				if len(r) != len(cols) {
					t.Fatalf("parquet-go: row %d has %d values", row, len(r))
				}
				for j, val := range r {
					if val.Column() != j {
						t.Fatalf("parquet-go: row %d value %d is of column %d", row, j, val.Column())
					}
					want := tab.value(j, row)
					var got any
					switch {
					case val.IsNull():
					case cols[j].Physical == ByteArray:
						got = string(val.ByteArray())
					case cols[j].Physical == Int64:
						got = val.Int64()
					case cols[j].Physical == Double:
						got = val.Double()
					case cols[j].Physical == Boolean:
						got = val.Boolean()
					}
					if want != got {
						t.Fatalf("parquet-go: column %s row %d: got %#v, want %#v", cols[j].Name, row, got, want)
					}
				}
				row++
			}
			if err == io.EOF {
				break
			}
			require.NoError(t, err)
		}
		require.NoError(t, rows.Close())
	}
	assert.Equal(t, tab.n, row)
}

// wantBounds computes the statistics a column chunk holding rows lo..hi of
// column col should carry.
func wantBounds(tab *table, col, lo, hi int) (mn, mx any, nulls int64) {
	for i := lo; i < hi; i++ {
		v := tab.value(col, i)
		if v == nil {
			nulls++
			continue
		}
		if mn == nil {
			mn, mx = v, v
			continue
		}
		if less(v, mn) {
			mn = v
		}
		if less(mx, v) {
			mx = v
		}
	}
	return mn, mx, nulls
}

func less(a, b any) bool {
	switch a := a.(type) {
	case string:
		return a < b.(string) // Go compares strings bytewise, unsigned
	case int64:
		return a < b.(int64)
	case float64:
		return a < b.(float64)
	case bool:
		return !a && b.(bool)
	}
	panic(a)
}

func TestStatisticsReadByArrow(t *testing.T) {
	tab := testTable()
	data := writeTable(t, tab, testLayout, 3000)
	f, err := file.NewParquetReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()

	cols := testColumns()
	lo := 0
	for g, batches := range testLayout {
		n := 0
		for _, b := range batches {
			n += b
		}
		rgm := f.MetaData().RowGroup(g)
		assert.Equal(t, int64(n), rgm.NumRows())
		for j, c := range cols {
			cc, err := rgm.ColumnChunk(j)
			require.NoError(t, err)
			assert.Equal(t, int64(n), cc.NumValues(), c.Name)
			ok, err := cc.StatsSet()
			require.NoError(t, err)
			require.True(t, ok, c.Name)
			st, err := cc.Statistics()
			require.NoError(t, err)
			mn, mx, nulls := wantBounds(tab, j, lo, lo+n)
			assert.Equal(t, nulls, st.NullCount(), c.Name)
			require.True(t, st.HasMinMax(), c.Name)
			var gotMin, gotMax any
			switch s := st.(type) {
			case *metadata.ByteArrayStatistics:
				gotMin, gotMax = string(s.Min()), string(s.Max())
			case *metadata.Int64Statistics:
				gotMin, gotMax = s.Min(), s.Max()
			case *metadata.Float64Statistics:
				gotMin, gotMax = s.Min(), s.Max()
			case *metadata.BooleanStatistics:
				gotMin, gotMax = s.Min(), s.Max()
			default:
				t.Fatalf("%s: statistics of type %T", c.Name, st)
			}
			assert.Equal(t, mn, gotMin, "%s row group %d min", c.Name, g)
			assert.Equal(t, mx, gotMax, "%s row group %d max", c.Name, g)
		}
		lo += n
	}
}

// TestParallelEncodingSameBytes encodes the row groups concurrently, one
// goroutine and RowGroup each, and checks the file is byte for byte the one
// written sequentially.
func TestParallelEncodingSameBytes(t *testing.T) {
	tab := testTable()
	want := writeTable(t, tab, testLayout, 3000)

	groups := make([]*RowGroup, len(testLayout))
	done := make(chan error, len(testLayout))
	lo := 0
	for g, batches := range testLayout {
		rg := NewRowGroup(testColumns())
		rg.SetPageLimits(3000, DefaultPageBytes)
		groups[g] = rg
		go func(lo int) {
			for _, n := range batches {
				appendRows(rg, tab, lo, lo+n)
				lo += n
			}
			done <- rg.Finish()
		}(lo)
		for _, n := range batches {
			lo += n
		}
	}
	for range groups {
		require.NoError(t, <-done)
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, testColumns(), testKV, "paygen version 0.1.0")
	require.NoError(t, err)
	for _, rg := range groups {
		require.NoError(t, w.WriteRowGroup(rg))
	}
	require.NoError(t, w.Close())
	assert.True(t, bytes.Equal(want, buf.Bytes()), "parallel file differs from sequential file")
}
