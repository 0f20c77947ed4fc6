package pqwrite_test

import (
	"bytes"
	"io"
	"os"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/pqwrite"
	"github.com/paygen/paygen/runtime/pqwrite/pqwritetest"
	"github.com/paygen/paygen/runtime/world"
	"github.com/stretchr/testify/require"
)

var date = time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)

func newWorld(t testing.TB, rows int64) *world.World {
	w, err := world.New(generated.Config, 42, rows, date)
	require.NoError(t, err)
	return w
}

func readRows(t *testing.T, data []byte) []generated.Payment {
	r := parquet.NewGenericReader[generated.Payment](bytes.NewReader(data))
	defer r.Close()
	rows := make([]generated.Payment, r.NumRows())
	n, err := r.Read(rows)
	if err != io.EOF {
		require.NoError(t, err)
	}
	require.Equal(t, len(rows), n)
	return rows
}

// The fast column writer and parquet-go's own GenericWriter, fed the same
// blocks, must store the same rows: the reference path is an oracle for the
// fast one (dictionary keys, delta encodings, nulls, statistics aside).
func TestColumnWriterMatchesReferenceWriter(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 150_000)
	opt := pqwrite.Options{Workers: 2, RowGroupBlocks: 1}
	var fast, ref bytes.Buffer
	st, err := pqwrite.WriteColumns(&fast, w, generated.Columns, generated.Writers, opt, "test")
	require.NoError(t, err)
	require.EqualValues(t, 150_000, st.Rows)
	require.Equal(t, 3, st.RowGroups)
	_, err = pqwritetest.Write(&ref, w, generated.Fill, opt)
	require.NoError(t, err)
	requireSameRows(t, ref.Bytes(), fast.Bytes())
}

// Workers do not change the bytes. Workers append different columns of a
// block at once, so this also runs under the race detector (make test):
// the source methods and row group columns must not share state. The
// 20M-row world is too large for the memo tables, which exercises the
// blocks' entity caches too; it writes its first three blocks only.
func TestWorkersDoNotChangeBytes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		rows int64
		end  int
	}{{200_000, 0}, {20_000_000, 3}} {
		w := newWorld(t, c.rows)
		var one, four bytes.Buffer
		_, err := pqwrite.WriteColumns(&one, w, generated.Columns, generated.Writers, pqwrite.Options{Workers: 1, RowGroupBlocks: 1, EndBlock: c.end}, "t")
		require.NoError(t, err)
		_, err = pqwrite.WriteColumns(&four, w, generated.Columns, generated.Writers, pqwrite.Options{Workers: 4, RowGroupBlocks: 1, EndBlock: c.end}, "t")
		require.NoError(t, err)
		require.True(t, bytes.Equal(one.Bytes(), four.Bytes()), "%d rows: 1 and 4 workers wrote different bytes", c.rows)
	}
}

// Spooling the row groups' pages to disk writes the same bytes, with
// large groups (several blocks) and with the row-size sample, and leaves
// no file in the spool directory.
func TestSpoolDoesNotChangeBytes(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 300_000)
	for _, opt := range []pqwrite.Options{
		{Workers: 2, RowGroupBlocks: 3},
		{Workers: 3, SizeGroups: func(float64) (int, error) { return 2, nil }},
	} {
		var mem, disk bytes.Buffer
		_, err := pqwrite.WriteColumns(&mem, w, generated.Columns, generated.Writers, opt, "t")
		require.NoError(t, err)
		dir := t.TempDir()
		opt.SpoolDir, opt.SpoolColumnBytes = dir, 64<<10
		_, err = pqwrite.WriteColumns(&disk, w, generated.Columns, generated.Writers, opt, "t")
		require.NoError(t, err)
		require.True(t, bytes.Equal(mem.Bytes(), disk.Bytes()), "spooled and in-memory writes differ")
		left, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Empty(t, left)
	}
}

func benchmarkWrite(b *testing.B, rows int64, write func(io.Writer, *world.World) error) {
	w := newWorld(b, rows)
	b.ReportAllocs()
	b.SetBytes(rows) // "MB/s" reads as million rows per second
	for b.Loop() {
		if err := write(io.Discard, w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteColumns is the generate hot path: world blocks → colwrite →
// Snappy Parquet, 1M rows, 2 workers.
func BenchmarkWriteColumns(b *testing.B) {
	benchmarkWrite(b, 1_000_000, func(out io.Writer, w *world.World) error {
		_, err := pqwrite.WriteColumns(out, w, generated.Columns, generated.Writers, pqwrite.Options{Workers: 2, RowGroupBlocks: 3}, "bench")
		return err
	})
}

// BenchmarkWriteRows is the reference path through parquet-go's GenericWriter.
func BenchmarkWriteRows(b *testing.B) {
	benchmarkWrite(b, 1_000_000, func(out io.Writer, w *world.World) error {
		_, err := pqwritetest.Write(out, w, generated.Fill, pqwrite.Options{Workers: 2, RowGroupBlocks: 3})
		return err
	})
}

// BenchmarkBlockFill is world generation alone, one block of 65,536 rows.
func BenchmarkBlockFill(b *testing.B) {
	w := newWorld(b, 1_000_000)
	blk := w.NewBlock()
	b.ReportAllocs()
	b.SetBytes(int64(w.BlockRows()))
	i := 0
	for b.Loop() {
		blk.Fill(i % w.Blocks())
		i++
	}
}

// requireSameRows reads two files and requires the same rows in the same order.
func requireSameRows(t *testing.T, want, got []byte) {
	t.Helper()
	a, b := readRows(t, got), readRows(t, want)
	require.Equal(t, len(b), len(a))
	for i := range a {
		require.Equal(t, b[i], a[i], "row %d differs", i)
	}
}
