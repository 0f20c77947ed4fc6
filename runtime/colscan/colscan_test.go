package colscan_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"

	"github.com/paygen/paygen/runtime/dataset"
)

// writeFixture writes n rows and returns the path and the rows as generated.
func writeFixture(t *testing.T, o colscantest.Options) (string, []colscantest.Payment) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "payments.parquet")
	var rows []colscantest.Payment
	o.Mutate = func(_ int, p *colscantest.Payment) { rows = append(rows, *p) }
	require.NoError(t, colscantest.Write(path, o))
	return path, rows
}

func open(t *testing.T, path string) *colscan.File {
	t.Helper()
	f, err := colscan.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func TestColumnsAndMetadata(t *testing.T) {
	path, _ := writeFixture(t, colscantest.Options{Rows: 500, RowGroupRows: 200})
	f := open(t, path)
	assert.EqualValues(t, 500, f.NumRows())
	assert.Equal(t, 3, f.RowGroups())
	assert.Equal(t, []int64{200, 200, 100}, f.RowGroupRows())
	assert.Equal(t, "SNAPPY", f.Compression())
	assert.Equal(t, "2025-05-29", f.Metadata()[dataset.MetaDate])
	v, ok := f.Lookup(dataset.MetaRows)
	assert.True(t, ok)
	assert.Equal(t, "500", v)
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, st.Size(), f.Size())

	cols := f.Columns()
	require.Len(t, cols, 24)
	want := map[string]string{
		"transaction_id": "transaction_id STRING required",
		"event_time":     "event_time TIMESTAMP(MICROS,UTC) required",
		"amount":         "amount DECIMAL(12,2) required",
		"mcc_code":       "mcc_code STRING optional",
		"latitude":       "latitude DOUBLE optional",
		"three_ds":       "three_ds BOOLEAN required",
		"fraud_scenario": "fraud_scenario STRING optional",
	}
	for _, c := range cols {
		if w, ok := want[c.Name]; ok {
			assert.Equal(t, w, c.String())
		}
	}
	amt := cols[f.ColumnIndex("amount")]
	assert.Equal(t, "INT64", amt.Physical)
	assert.Equal(t, 2, amt.Scale)
	assert.Equal(t, 12, amt.Precision)
	assert.Equal(t, "BYTE_ARRAY", cols[0].Physical)
	assert.Equal(t, "MICROS", cols[1].TimeUnit)
	assert.Equal(t, -1, f.ColumnIndex("nope"))
}

func TestScanValuesMatchWrittenRows(t *testing.T) {
	path, rows := writeFixture(t, colscantest.Options{Rows: 3000, RowGroupRows: 1100, Seed: 7})
	f := open(t, path)

	var i int
	require.NoError(t, f.ScanInt64(f.ColumnIndex("amount"), func(vals []int64, valid []bool) error {
		for k, v := range vals {
			require.True(t, valid[k])
			require.Equal(t, rows[i].Amount, v, "row %d", i)
			i++
		}
		return nil
	}))
	assert.Equal(t, len(rows), i)

	for _, name := range []string{"transaction_id", "currency", "mcc_code", "device_id", "fraud_scenario"} {
		i = 0
		require.NoError(t, f.ScanBytes(f.ColumnIndex(name), func(vals [][]byte, valid []bool) error {
			for k, v := range vals {
				want := stringField(rows[i], name)
				if want == nil {
					require.False(t, valid[k], "%s row %d", name, i)
					require.Empty(t, v)
				} else {
					require.True(t, valid[k], "%s row %d", name, i)
					require.Equal(t, *want, string(v), "%s row %d", name, i)
				}
				i++
			}
			return nil
		}), name)
		assert.Equal(t, len(rows), i, name)
	}

	i = 0
	require.NoError(t, f.ScanFloat64(f.ColumnIndex("latitude"), func(vals []float64, valid []bool) error {
		for k, v := range vals {
			if rows[i].Latitude == nil {
				require.False(t, valid[k])
				require.Zero(t, v)
			} else {
				require.True(t, valid[k])
				require.Equal(t, *rows[i].Latitude, v)
			}
			i++
		}
		return nil
	}))
	assert.Equal(t, len(rows), i)

	i = 0
	frauds := 0
	require.NoError(t, f.ScanBool(f.ColumnIndex("label_fraud"), func(vals []bool, valid []bool) error {
		for k, v := range vals {
			require.True(t, valid[k])
			require.Equal(t, rows[i].LabelFraud, v, "row %d", i)
			if v {
				frauds++
			}
			i++
		}
		return nil
	}))
	assert.Equal(t, len(rows), i)
	assert.Equal(t, colscantest.FraudCount(len(rows)), frauds)
}

func stringField(p colscantest.Payment, name string) *string {
	switch name {
	case "transaction_id":
		return &p.TransactionID
	case "currency":
		return &p.Currency
	case "mcc_code":
		return p.MCCCode
	case "device_id":
		return p.DeviceID
	case "fraud_scenario":
		return p.FraudScenario
	}
	panic(name)
}

// narrow uses INT32, FLOAT, fixed-length bytes, plain and dictionary booleans and
// data page v1, to exercise the widening and fallback paths.
type narrow struct {
	I32  int32    `parquet:"i32"`
	OI32 *int32   `parquet:"oi32,optional,dict"`
	F32  float32  `parquet:"f32"`
	Fix  [4]byte  `parquet:"fix"`
	B    *bool    `parquet:"b,optional"`
	D    *float64 `parquet:"d,optional,dict"`
}

func TestScanWideningAndV1Pages(t *testing.T) {
	for _, version := range []int{1, 2} {
		path := filepath.Join(t.TempDir(), "narrow.parquet")
		var rows []narrow
		for i := range 2500 {
			r := narrow{I32: int32(i - 1000), F32: float32(i) / 4, Fix: [4]byte{byte(i), 1, 2, 3}}
			if i%3 != 0 {
				v := int32(i % 7)
				r.OI32 = &v
			}
			if i%5 != 0 {
				b := i%2 == 0
				r.B = &b
			}
			if i%4 != 0 {
				d := float64(i % 11)
				r.D = &d
			}
			rows = append(rows, r)
		}
		require.NoError(t, parquet.WriteFile(path, rows, parquet.DataPageVersion(version), parquet.PageBufferSize(1024)))
		f := open(t, path)

		var got []int64
		require.NoError(t, f.ScanInt64(0, func(v []int64, _ []bool) error { got = append(got, v...); return nil }))
		require.Len(t, got, len(rows))
		for i, r := range rows {
			require.EqualValues(t, r.I32, got[i])
		}
		i := 0
		require.NoError(t, f.ScanInt64(1, func(v []int64, ok []bool) error {
			for k := range v {
				require.Equal(t, rows[i].OI32 != nil, ok[k], "row %d", i)
				if ok[k] {
					require.EqualValues(t, *rows[i].OI32, v[k])
				}
				i++
			}
			return nil
		}))
		require.Equal(t, len(rows), i)
		i = 0
		require.NoError(t, f.ScanFloat64(2, func(v []float64, _ []bool) error {
			for _, x := range v {
				require.EqualValues(t, rows[i].F32, x)
				i++
			}
			return nil
		}))
		i = 0
		require.NoError(t, f.ScanBytes(3, func(v [][]byte, _ []bool) error {
			for _, x := range v {
				require.Equal(t, rows[i].Fix[:], x)
				i++
			}
			return nil
		}))
		require.Equal(t, len(rows), i)
		i = 0
		require.NoError(t, f.ScanBool(4, func(v []bool, ok []bool) error {
			for k := range v {
				require.Equal(t, rows[i].B != nil, ok[k])
				if ok[k] {
					require.Equal(t, *rows[i].B, v[k], "row %d", i)
				}
				i++
			}
			return nil
		}))
		require.Equal(t, len(rows), i)
		i = 0
		require.NoError(t, f.ScanFloat64(5, func(v []float64, ok []bool) error {
			for k := range v {
				require.Equal(t, rows[i].D != nil, ok[k])
				if ok[k] {
					require.Equal(t, *rows[i].D, v[k])
				}
				i++
			}
			return nil
		}))
		require.Equal(t, len(rows), i)
	}
}

func TestScanWrongTypeAndCallbackError(t *testing.T) {
	path, _ := writeFixture(t, colscantest.Options{Rows: 100})
	f := open(t, path)
	err := f.ScanInt64(0, func([]int64, []bool) error { return nil })
	require.Error(t, err)
	assert.Contains(t, err.Error(), `column "transaction_id": ScanInt64 cannot read physical type BYTE_ARRAY`)
	err = f.ScanBool(99, func([]bool, []bool) error { return nil })
	assert.ErrorContains(t, err, "column index 99 out of range")

	stop := errors.New("stop")
	calls := 0
	err = f.ScanBytes(0, func([][]byte, []bool) error { calls++; return stop })
	assert.Same(t, stop, err)
	assert.Equal(t, 1, calls)
}

type nested struct {
	ID   int64 `parquet:"id"`
	Addr struct {
		City string `parquet:"city"`
		Zip  string `parquet:"zip"`
	} `parquet:"addr"`
	Tags []string `parquet:"tags,list"`
	N    float64  `parquet:"n"`
}

func TestNestedColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested.parquet")
	rows := []nested{{ID: 1, Tags: []string{"a"}, N: 1.5}, {ID: 2, N: 2.5}}
	require.NoError(t, parquet.WriteFile(path, rows))
	f := open(t, path)
	cols := f.Columns()
	require.Len(t, cols, 4)
	assert.True(t, cols[1].Nested)
	assert.Equal(t, "GROUP", cols[1].Physical)
	assert.Equal(t, "LIST", cols[2].Logical)
	err := f.ScanBytes(1, func([][]byte, []bool) error { return nil })
	require.ErrorIs(t, err, colscan.ErrUnsupported)
	assert.Contains(t, err.Error(), `column "addr"`)
	// the flat column after the nested ones maps to the right leaf chunk
	var got []float64
	require.NoError(t, f.ScanFloat64(3, func(v []float64, _ []bool) error { got = append(got, v...); return nil }))
	assert.Equal(t, []float64{1.5, 2.5}, got)
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	good, _ := writeFixture(t, colscantest.Options{Rows: 2000})
	data, err := os.ReadFile(good)
	require.NoError(t, err)

	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	cases := []struct {
		path string
		want string
		is   error
	}{
		{filepath.Join(dir, "missing.parquet"), "colscan: open " + filepath.Join(dir, "missing.parquet") + ": no such file or directory", nil},
		{dir, "colscan: " + dir + ": is a directory", nil},
		{write("empty.parquet", nil), "not a Parquet file (0 bytes, too small)", colscan.ErrNotParquet},
		{write("text.parquet", []byte("id,amount\n1,2\n")), "not a Parquet file (bad magic)", colscan.ErrNotParquet},
		{write("trunc.parquet", data[:len(data)/2]), "truncated or incomplete (no footer magic at end of file)", colscan.ErrCorrupt},
		{write("short.parquet", data[:8]), "truncated (8 bytes, no footer)", colscan.ErrCorrupt},
		{write("footer.parquet", append(append([]byte{}, data[:len(data)-8]...), 0xff, 0xff, 0xff, 0x7f, 'P', 'A', 'R', '1')), "footer length 2147483647 exceeds the file size", colscan.ErrCorrupt},
		{write("thrift.parquet", append(append([]byte{}, data[:len(data)-8]...), 0x10, 0, 0, 0, 'P', 'A', 'R', '1')), "corrupt Parquet file: footer", colscan.ErrCorrupt},
	}
	for _, c := range cases {
		_, err := colscan.Open(c.path)
		require.Error(t, err, c.path)
		assert.Contains(t, err.Error(), c.want)
		assert.Contains(t, err.Error(), "colscan: ")
		if c.is != nil {
			assert.ErrorIs(t, err, c.is)
		}
	}
}

// TestCorruptPagesNeverPanic flips bytes inside the column data; every scan must either
// succeed or return an error, never panic.
func TestCorruptPagesNeverPanic(t *testing.T) {
	good, _ := writeFixture(t, colscantest.Options{Rows: 3000})
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	failures := 0
	for k := 0; k < 40; k++ {
		bad := append([]byte{}, data...)
		pos := 4 + (k*7919)%(len(data)/2)
		for j := range 16 {
			bad[pos+j] ^= 0x5a
		}
		p := filepath.Join(t.TempDir(), "bad.parquet")
		require.NoError(t, os.WriteFile(p, bad, 0o644))
		f, err := colscan.Open(p)
		if err != nil {
			failures++
			continue
		}
		for i, c := range f.Columns() {
			var err error
			switch c.Physical {
			case "INT64":
				err = f.ScanInt64(i, func([]int64, []bool) error { return nil })
			case "DOUBLE":
				err = f.ScanFloat64(i, func([]float64, []bool) error { return nil })
			case "BOOLEAN":
				err = f.ScanBool(i, func([]bool, []bool) error { return nil })
			default:
				err = f.ScanBytes(i, func([][]byte, []bool) error { return nil })
			}
			if err != nil {
				failures++
				assert.Contains(t, err.Error(), "colscan: "+p+": column ")
			}
		}
		f.Close()
	}
	assert.Positive(t, failures, "flipping bytes in the data never produced an error")
}

func TestColumnBytes(t *testing.T) {
	path, _ := writeFixture(t, colscantest.Options{Rows: 1000})
	f := open(t, path)
	// transaction_id (24 distinct bytes per row) is much larger than three_ds (1 bit per row).
	assert.Greater(t, f.ColumnBytes(0), 10*f.ColumnBytes(f.ColumnIndex("three_ds")))
	assert.Positive(t, f.ColumnBytes(f.ColumnIndex("three_ds")))
}
