package colscan_test

import (
	"errors"
	"testing"

	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

// readAll collects every row ReadRows hands out, n at a time.
func readAll[R any](t *testing.T, f *colscan.File, n int) []R {
	t.Helper()
	var out []R
	require.NoError(t, colscan.ReadRows(f, n, func(rows []R) error {
		require.LessOrEqual(t, len(rows), n)
		out = append(out, rows...)
		return nil
	}))
	return out
}

// Whole rows of the generated type, across row groups and small pages (so chunks and
// batches do not line up), equal the rows written, nulls included.
func TestReadRowsWholeTable(t *testing.T) {
	path, want := writeFixture(t, colscantest.Options{Rows: 2500, RowGroupRows: 1000, PageBufferSize: 4096})
	f := open(t, path)
	got := readAll[colscantest.Payment](t, f, 333)
	require.Len(t, got, len(want))
	for i := range want {
		require.Equal(t, want[i], got[i], "row %d", i)
	}
}

// A view reads its row group's rows only (not the file's row count).
func TestReadRowsInRowGroup(t *testing.T) {
	path, want := writeFixture(t, colscantest.Options{Rows: 2500, RowGroupRows: 1000})
	f := open(t, path)
	got := readAll[colscantest.Payment](t, f.InRowGroup(2), 4096)
	assert.Equal(t, want[2000:], got)
	got = readAll[colscantest.Payment](t, f.InRowGroup(1), 7)
	assert.Equal(t, want[1000:2000], got)
}

// A projection reads the columns it names, in any field order; a missing column and a
// field type the reader does not know are errors, not panics of the scan.
func TestReadRowsProjection(t *testing.T) {
	path, want := writeFixture(t, colscantest.Options{Rows: 500, RowGroupRows: 200})
	f := open(t, path)
	type proj struct {
		MCC   *string `parquet:"mcc_code,optional"`
		Time  int64   `parquet:"event_time,timestamp(microsecond)"`
		Fraud bool    `parquet:"label_fraud"`
	}
	got := readAll[proj](t, f, 64)
	require.Len(t, got, len(want))
	for i, w := range want {
		require.Equal(t, proj{MCC: w.MCCCode, Time: w.EventTime, Fraud: w.LabelFraud}, got[i], "row %d", i)
	}
	assert.Equal(t, []string{"mcc_code", "event_time", "label_fraud"}, names(colscan.Fields[proj]()))

	// a required field reads a null as the zero value (dictionary and plain pages alike)
	type required struct {
		MCC      string `parquet:"mcc_code"`
		Scenario string `parquet:"fraud_scenario"`
	}
	nulls := 0
	for i, r := range readAll[required](t, f, 50) {
		wantMCC, wantScen := "", ""
		if want[i].MCCCode != nil {
			wantMCC = *want[i].MCCCode
		} else {
			nulls++
		}
		if want[i].FraudScenario != nil {
			wantScen = *want[i].FraudScenario
		}
		require.Equal(t, required{wantMCC, wantScen}, r, "row %d", i)
	}
	assert.Positive(t, nulls)

	type missing struct {
		X string `parquet:"no_such_column"`
	}
	err := colscan.ReadRows(f, 10, func([]missing) error { return nil })
	assert.ErrorContains(t, err, `colscan: `+path+`: no column "no_such_column"`)

	type wrongType struct {
		ID int64 `parquet:"transaction_id"` // BYTE_ARRAY in the file
	}
	err = colscan.ReadRows(f, 10, func([]wrongType) error { return nil })
	assert.ErrorContains(t, err, `column "transaction_id": ScanInt64 cannot read physical type BYTE_ARRAY`)

	type untagged struct{ A int32 }
	assert.Panics(t, func() { colscan.Fields[untagged]() })
}

// The callback's error stops the read and comes back unchanged; so does a corrupt page,
// as colscan's error (the scans' page checks apply).
func TestReadRowsErrors(t *testing.T) {
	path, _ := writeFixture(t, colscantest.Options{Rows: 2500, RowGroupRows: 1000})
	f := open(t, path)
	stop := errors.New("stop")
	calls := 0
	err := colscan.ReadRows(f, 100, func([]colscantest.Payment) error { calls++; return stop })
	assert.Same(t, stop, err)
	assert.Equal(t, 1, calls)

	bad := hostile(t, 1, 0, func(h *format.PageHeader) { colscantest.SetNumValues(h, const32(2147483647)) })
	g := open(t, bad)
	err = colscan.ReadRows(g, 100, func([]colscantest.Payment) error { return nil })
	require.Error(t, err)
	assert.True(t, errors.Is(err, colscan.ErrCorrupt), err)
	assert.Contains(t, err.Error(), `column "event_time"`)
}

func names(fields []colscan.Field) []string {
	var out []string
	for _, f := range fields {
		out = append(out, f.Name)
	}
	return out
}

// Columns chosen at run time come as cells beside the rows, batch for batch: strings
// (dictionary pages, nulls), doubles with nulls, integers and booleans.
func TestReadRowsWithCells(t *testing.T) {
	path, want := writeFixture(t, colscantest.Options{Rows: 2500, RowGroupRows: 1000, PageBufferSize: 4096})
	f := open(t, path)
	type key struct {
		ID string `parquet:"transaction_id"`
	}
	names := []string{"mcc_code", "latitude", "amount", "three_ds", "fraud_scenario"}
	var extra []int
	for _, n := range names {
		extra = append(extra, f.ColumnIndex(n))
	}
	i, nulls := 0, 0
	require.NoError(t, colscan.ReadRowsWith(f.InRowGroup(1), 300, extra, func(rows []key, cells [][]colscan.Cell) error {
		require.Len(t, cells, len(names))
		for j, r := range rows {
			w := want[1000+i]
			require.Equal(t, w.TransactionID, r.ID)
			mcc, lat, amt, tds, scen := cells[0][j], cells[1][j], cells[2][j], cells[3][j], cells[4][j]
			require.Equal(t, w.MCCCode == nil, mcc.Null, "row %d", i)
			if w.MCCCode != nil {
				require.Equal(t, *w.MCCCode, mcc.Str)
			} else {
				nulls++
				require.Empty(t, mcc.Str)
			}
			require.Equal(t, w.Latitude == nil, lat.Null)
			if w.Latitude != nil {
				require.Equal(t, *w.Latitude, lat.Float)
			}
			require.Equal(t, colscan.Cell{Int: w.Amount}, amt)
			require.Equal(t, colscan.Cell{Bool: w.ThreeDS}, tds)
			require.Equal(t, w.FraudScenario == nil, scen.Null)
			i++
		}
		return nil
	}))
	assert.Equal(t, 1000, i)
	assert.Positive(t, nulls)

	err := colscan.ReadRowsWith(f, 10, []int{99}, func([]key, [][]colscan.Cell) error { return nil })
	assert.ErrorContains(t, err, "column index 99 out of range")
}
