package colscan_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
)

type lz4Row struct {
	S string  `parquet:"s"`
	N *int64  `parquet:"n,optional"`
	F float64 `parquet:"f"`
}

// writeLZ4 writes incompressible rows (random strings and numbers: LZ4 gets less
// than 3:1, like DuckDB's COMPRESSION lz4) as LZ4_RAW.
func writeLZ4(t *testing.T, n int) (string, []lz4Row) {
	r := rand.New(rand.NewPCG(5, 6))
	rows := make([]lz4Row, n)
	for i := range rows {
		rows[i].S = fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())
		if i%7 != 0 {
			v := r.Int64()
			rows[i].N = &v
		}
		rows[i].F = r.Float64()
	}
	path := filepath.Join(t.TempDir(), "lz4.parquet")
	f, err := os.Create(path)
	require.NoError(t, err)
	w := parquet.NewGenericWriter[lz4Row](f, parquet.Compression(&parquet.Lz4Raw))
	_, err = w.Write(rows)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	require.NoError(t, f.Close())
	return path, rows
}

// Issue 13: LZ4_RAW pages compressed less than 3:1 read as zeros ("corrupt").
func TestLZ4RawIsRead(t *testing.T) {
	path, rows := writeLZ4(t, 5000)
	f := open(t, path)
	require.Equal(t, "LZ4_RAW", f.Compression())
	i := 0
	require.NoError(t, f.ScanBytes(0, func(vals [][]byte, _ []bool) error {
		for _, v := range vals {
			require.Equal(t, rows[i].S, string(v), "row %d", i)
			i++
		}
		return nil
	}))
	assert.Equal(t, len(rows), i)
	i = 0
	require.NoError(t, f.ScanInt64(1, func(vals []int64, valid []bool) error {
		for k := range vals {
			require.Equal(t, rows[i].N != nil, valid[k], "row %d", i)
			if valid[k] {
				require.Equal(t, *rows[i].N, vals[k], "row %d", i)
			}
			i++
		}
		return nil
	}))
	i = 0
	require.NoError(t, f.ScanFloat64(2, func(vals []float64, _ []bool) error {
		for _, v := range vals {
			require.Equal(t, rows[i].F, v, "row %d", i)
			i++
		}
		return nil
	}))
}

// A corrupt LZ4_RAW block is an error, not an ever-growing buffer.
func TestCorruptLZ4RawBlock(t *testing.T) {
	path, _ := writeLZ4(t, 2000)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	// Overwrite the middle of the file (page bodies) with a run of 0xff: LZ4
	// literal lengths that run past the end of the block.
	mid := len(data) / 3
	for k := mid; k < mid+64 && k < len(data)-100; k++ {
		data[k] = 0xff
	}
	require.NoError(t, os.WriteFile(path, data, 0o644))
	_, alloc, err := measured(func() error { return scanAll(path) })
	require.Error(t, err)
	assert.True(t, errors.Is(err, colscan.ErrCorrupt), err)
	assert.Less(t, alloc, uint64(64<<20))
}

func TestUnsupportedCodecIsNamed(t *testing.T) {
	path, _ := writeFixture(t, colscantest.Options{Rows: 50})
	require.NoError(t, colscantest.SetCodec(path, format.LZO))
	err := scanAll(path)
	require.Error(t, err)
	assert.True(t, errors.Is(err, colscan.ErrUnsupported), err)
	assert.Contains(t, err.Error(), "unsupported: LZO compression")
}
