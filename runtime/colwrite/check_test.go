package colwrite

import (
	"bytes"
	"context"
	"io"
	"math"
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

// dataset is what a test wrote: its columns, the rows of each row group,
// and the expected value of every cell (string, int64, float64, bool, or nil
// for null).
type dataset struct {
	cols   []Column
	groups []int
	value  func(col, row int) any
	kv     [][2]string
}

func (d *dataset) rows() int {
	n := 0
	for _, g := range d.groups {
		n += g
	}
	return n
}

// same compares expected and read values; doubles compare bit for bit, so
// NaN equals NaN and -0 differs from +0.
func same(a, b any) bool {
	if x, ok := a.(float64); ok {
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	}
	return a == b
}

// arrowValue returns element i of an arrow array as the expected types.
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

// checkArrow reads data with arrow-go: metadata, schema and logical types,
// then every value through pqarrow.
func checkArrow(t *testing.T, data []byte, d *dataset) {
	f, err := file.NewParquetReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	md := f.MetaData()
	assert.Equal(t, int64(d.rows()), md.NumRows)
	require.Equal(t, len(d.groups), f.NumRowGroups())
	for g, n := range d.groups {
		assert.Equal(t, int64(n), md.RowGroup(g).NumRows())
	}
	assert.Equal(t, "paygen version 0.1.0", md.GetCreatedBy())
	for _, kv := range d.kv {
		v := md.KeyValueMetadata().FindValue(kv[0])
		require.NotNil(t, v, kv[0])
		assert.Equal(t, kv[1], *v)
	}

	sc := md.Schema
	require.Equal(t, len(d.cols), sc.NumColumns())
	for i, c := range d.cols {
		col := sc.Column(i)
		assert.Equal(t, c.Name, col.Name())
		assert.Equal(t, c.Optional, col.MaxDefinitionLevel() == 1, c.Name)
		assert.Equal(t, c.Physical.String(), col.PhysicalType().String(), c.Name)
		switch c.Logical {
		case String:
			assert.IsType(t, schema.StringLogicalType{}, col.LogicalType(), c.Name)
			assert.Equal(t, schema.ConvertedTypes.UTF8, col.ConvertedType(), c.Name)
		case TimestampMicrosUTC:
			ts, ok := col.LogicalType().(schema.TimestampLogicalType)
			require.True(t, ok, "%s: %T", c.Name, col.LogicalType())
			assert.True(t, ts.IsAdjustedToUTC(), c.Name)
			assert.False(t, ts.IsFromConvertedType(), c.Name)
			assert.Equal(t, schema.TimeUnitMicros, ts.TimeUnit(), c.Name)
			assert.Equal(t, schema.ConvertedTypes.TimestampMicros, col.ConvertedType(), c.Name)
		case Decimal:
			dec, ok := col.LogicalType().(schema.DecimalLogicalType)
			require.True(t, ok, "%s: %T", c.Name, col.LogicalType())
			assert.Equal(t, int32(c.Precision), dec.Precision(), c.Name)
			assert.Equal(t, int32(c.Scale), dec.Scale(), c.Name)
			assert.Equal(t, schema.ConvertedTypes.Decimal, col.ConvertedType(), c.Name)
		default:
			assert.IsType(t, schema.NoLogicalType{}, col.LogicalType(), c.Name)
		}
	}

	rdr, err := pqarrow.NewFileReader(f, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.DefaultAllocator)
	require.NoError(t, err)
	tbl, err := rdr.ReadTable(context.Background())
	require.NoError(t, err)
	defer tbl.Release()
	require.Equal(t, int64(d.rows()), tbl.NumRows())
	for j, c := range d.cols {
		col := tbl.Column(j)
		assert.Equal(t, c.Name, col.Name())
		row, bad := 0, 0
		for _, chunk := range col.Data().Chunks() {
			for i := 0; i < chunk.Len(); i++ {
				want, got := d.value(j, row), arrowValue(t, chunk, i)
				if !same(want, got) && bad < 3 {
					t.Errorf("arrow: column %s row %d: got %#v, want %#v", c.Name, row, got, want)
					bad++
				}
				row++
			}
		}
		assert.Equal(t, d.rows(), row, c.Name)
	}
}

// checkParquetGo reads data with parquet-go's row reader.
func checkParquetGo(t *testing.T, data []byte, d *dataset) {
	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	assert.Equal(t, int64(d.rows()), f.NumRows())
	fields := f.Schema().Fields()
	require.Len(t, fields, len(d.cols))
	for i, c := range d.cols {
		assert.Equal(t, c.Name, fields[i].Name())
		assert.Equal(t, c.Optional, fields[i].Optional())
	}
	for _, kv := range d.kv {
		v, ok := f.Lookup(kv[0])
		assert.True(t, ok, kv[0])
		assert.Equal(t, kv[1], v)
	}
	require.Len(t, f.RowGroups(), len(d.groups))

	row := 0
	buf := make([]pq.Row, 1000)
	for g, rg := range f.RowGroups() {
		assert.Equal(t, int64(d.groups[g]), rg.NumRows())
		rows := rg.Rows()
		for {
			n, err := rows.ReadRows(buf)
			for _, r := range buf[:n] {
				if len(r) != len(d.cols) {
					t.Fatalf("parquet-go: row %d has %d values", row, len(r))
				}
				for j, val := range r {
					if val.Column() != j {
						t.Fatalf("parquet-go: row %d value %d is of column %d", row, j, val.Column())
					}
					var got any
					switch {
					case val.IsNull():
					case d.cols[j].Physical == ByteArray:
						got = string(val.ByteArray())
					case d.cols[j].Physical == Int64:
						got = val.Int64()
					case d.cols[j].Physical == Double:
						got = val.Double()
					case d.cols[j].Physical == Boolean:
						got = val.Boolean()
					}
					if want := d.value(j, row); !same(want, got) {
						t.Fatalf("parquet-go: column %s row %d: got %#v, want %#v", d.cols[j].Name, row, got, want)
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
	assert.Equal(t, d.rows(), row)
}

// wantBounds computes the statistics of rows lo..hi of column col: min and
// max in the type's order (NaN ignored, a zero minimum is -0 and a zero
// maximum +0), and the null count.
func wantBounds(d *dataset, col, lo, hi int) (mn, mx any, nulls int64) {
	for i := lo; i < hi; i++ {
		v := d.value(col, i)
		if v == nil {
			nulls++
			continue
		}
		if f, ok := v.(float64); ok && math.IsNaN(f) {
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
	if f, ok := mn.(float64); ok && f == 0 {
		mn = math.Copysign(0, -1)
	}
	if f, ok := mx.(float64); ok && f == 0 {
		mx = 0.0
	}
	return mn, mx, nulls
}

func less(a, b any) bool {
	switch a := a.(type) {
	case string:
		return a < b.(string) // bytewise, unsigned
	case int64:
		return a < b.(int64)
	case float64:
		return a < b.(float64)
	case bool:
		return !a && b.(bool)
	}
	panic(a)
}

// checkStats reads every column chunk's statistics with arrow-go.
func checkStats(t *testing.T, data []byte, d *dataset) {
	f, err := file.NewParquetReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	lo := 0
	for g, n := range d.groups {
		rgm := f.MetaData().RowGroup(g)
		for j, c := range d.cols {
			cc, err := rgm.ColumnChunk(j)
			require.NoError(t, err)
			assert.Equal(t, int64(n), cc.NumValues(), c.Name)
			ok, err := cc.StatsSet()
			require.NoError(t, err)
			require.True(t, ok, c.Name)
			st, err := cc.Statistics()
			require.NoError(t, err)
			mn, mx, nulls := wantBounds(d, j, lo, lo+n)
			assert.Equal(t, nulls, st.NullCount(), c.Name)
			if mn == nil {
				assert.False(t, st.HasMinMax(), "%s row group %d has bounds but no values", c.Name, g)
				continue
			}
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
			assert.True(t, same(mn, gotMin), "%s row group %d min: got %#v, want %#v", c.Name, g, gotMin, mn)
			assert.True(t, same(mx, gotMax), "%s row group %d max: got %#v, want %#v", c.Name, g, gotMax, mx)
		}
		lo += n
	}
}
