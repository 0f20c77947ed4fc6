package colscan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

func TestBatchesDictionaryAndRows(t *testing.T) {
	path, rows := writeFixture(t, colscantest.Options{Rows: 2500, RowGroupRows: 1000})
	f := open(t, path)

	// mcc_code is optional and dictionary encoded.
	col := f.ColumnIndex("mcc_code")
	next := int64(0)
	dictBatches, lastID := 0, 0
	ids := map[int]bool{}
	require.NoError(t, f.BytesBatches(col, func(b *colscan.Batch[[]byte]) error {
		require.Equal(t, next, b.Row, "batches are contiguous")
		require.Equal(t, int(b.Row/1000), b.RowGroup)
		require.Len(t, b.Values, b.Len())
		if b.Dict != nil {
			dictBatches++
			require.Len(t, b.Index, b.Len())
			require.GreaterOrEqual(t, b.DictID, lastID)
			lastID = b.DictID
			ids[b.DictID] = true
			for i := range b.Values {
				if b.Valid[i] {
					require.Equal(t, b.Dict[b.Index[i]], b.Values[i])
				}
			}
		}
		for i := range b.Values {
			r := rows[b.Row+int64(i)]
			require.Equal(t, r.MCCCode != nil, b.Valid[i])
			if r.MCCCode != nil {
				require.Equal(t, *r.MCCCode, string(b.Values[i]))
			}
		}
		next += int64(b.Len())
		return nil
	}))
	assert.EqualValues(t, 2500, next)
	assert.Positive(t, dictBatches)
	assert.Len(t, ids, 3, "one dictionary per row group")

	// transaction_id is delta encoded: no dictionary.
	require.NoError(t, f.BytesBatches(0, func(b *colscan.Batch[[]byte]) error {
		assert.Nil(t, b.Dict)
		assert.Nil(t, b.Index)
		return nil
	}))
}

func TestInRowGroup(t *testing.T) {
	path, rows := writeFixture(t, colscantest.Options{Rows: 2500, RowGroupRows: 1000})
	f := open(t, path)
	assert.EqualValues(t, 2000, f.RowGroupStart(2))
	g := f.InRowGroup(1)
	var got []int64
	first := int64(-1)
	require.NoError(t, g.Int64Batches(g.ColumnIndex("amount"), func(b *colscan.Batch[int64]) error {
		if first < 0 {
			first = b.Row
		}
		got = append(got, b.Values...)
		return nil
	}))
	assert.EqualValues(t, 1000, first)
	require.Len(t, got, 1000)
	for i, v := range got {
		require.Equal(t, rows[1000+i].Amount, v)
	}
	require.NoError(t, g.Close(), "closing a view leaves the file open")
	require.NoError(t, f.ScanBool(f.ColumnIndex("three_ds"), func([]bool, []bool) error { return nil }))
	assert.Panics(t, func() { f.InRowGroup(3) })
}

func TestDictIDsDifferAcrossViews(t *testing.T) {
	path, _ := writeFixture(t, colscantest.Options{Rows: 2500, RowGroupRows: 1000})
	f := open(t, path)
	col := f.ColumnIndex("card_brand")
	ids := map[int]bool{}
	for rg := range f.RowGroups() {
		require.NoError(t, f.InRowGroup(rg).BytesBatches(col, func(b *colscan.Batch[[]byte]) error {
			require.NotNil(t, b.Dict)
			ids[b.DictID] = true
			return nil
		}))
	}
	assert.Len(t, ids, 3)
}

func TestCallbackPanicIsNotACorruptFile(t *testing.T) {
	path, _ := writeFixture(t, colscantest.Options{Rows: 100})
	f := open(t, path)
	assert.PanicsWithValue(t, "boom", func() {
		_ = f.ScanBool(f.ColumnIndex("three_ds"), func([]bool, []bool) error { panic("boom") })
	})
}
