// Package pqwritetest is the reference writer for tests: the same blocks as
// pqwrite.WriteColumns, turned into generated row structs and written by
// parquet-go's GenericWriter, an independent path to compare bytes and
// values against. Production code writes with pqwrite.WriteColumns.
package pqwritetest

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/parquet-go/parquet-go"

	"github.com/paygen/paygen/runtime/pqwrite"
	"github.com/paygen/paygen/runtime/world"
)

// WriterOptions are the parquet-go options every paygen file is written with.
func WriterOptions() []parquet.WriterOption {
	return []parquet.WriterOption{
		parquet.Compression(FastSnappy{}),
		parquet.PageBufferSize(256 << 10),
		parquet.CreatedBy("paygen", "", ""),
	}
}

type encoded struct {
	group int
	rows  int64
	data  *bytes.Buffer
	err   error
}

// Write generates the blocks of w in [FirstBlock, EndBlock), turns each into
// rows of T with fill, and writes them to out as a Parquet file. Row groups
// are generated and encoded by opt.Workers goroutines, each into its own
// in-memory Parquet file, and spliced verbatim (no re-encoding) into out in
// block order, so the bytes do not depend on the number of workers. At most
// Workers+1 row groups are in memory at once.
func Write[T any](out io.Writer, w *world.World, fill func(*world.Block, []T), opt pqwrite.Options) (pqwrite.Stats, error) {
	end := opt.EndBlock
	if end == 0 {
		end = w.Blocks()
	}
	if opt.Workers < 1 || opt.RowGroupBlocks < 1 || opt.FirstBlock < 0 || opt.FirstBlock > end || end > w.Blocks() {
		return pqwrite.Stats{}, fmt.Errorf("pqwritetest: bad options %+v", opt)
	}
	groups := (end - opt.FirstBlock + opt.RowGroupBlocks - 1) / opt.RowGroupBlocks
	maxRows := int64(opt.RowGroupBlocks * w.BlockRows())

	wopts := append(WriterOptions(), parquet.MaxRowsPerRowGroup(maxRows))
	for _, kv := range opt.Metadata {
		wopts = append(wopts, parquet.KeyValueMetadata(kv[0], kv[1]))
	}
	pw := parquet.NewGenericWriter[T](out, wopts...)

	jobs := make(chan int)
	results := make(chan encoded, opt.Workers)
	tokens := make(chan struct{}, opt.Workers+1) // bounds row groups in memory
	var stop sync.Once
	done := make(chan struct{})
	go func() {
		defer close(jobs)
		for g := 0; g < groups; g++ {
			select {
			case tokens <- struct{}{}:
			case <-done:
				return
			}
			select {
			case jobs <- g:
			case <-done:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			enc := newEncoder[T](w, fill, maxRows)
			for g := range jobs {
				first := opt.FirstBlock + g*opt.RowGroupBlocks
				last := min(first+opt.RowGroupBlocks, end)
				r := enc.encode(first, last)
				r.group = g
				select {
				case results <- r:
				case <-done:
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var st pqwrite.Stats
	pending := map[int]encoded{}
	next := 0
	var err error
	for r := range results {
		if err != nil {
			continue
		}
		pending[r.group] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if p.err != nil {
				err = p.err
				break
			}
			if err = splice(pw, p.data); err != nil {
				break
			}
			st.Rows += p.rows
			st.RowGroups++
			next++
			<-tokens
			if opt.Progress != nil {
				opt.Progress(st.Rows)
			}
		}
		if err != nil {
			stop.Do(func() { close(done) })
		}
	}
	stop.Do(func() { close(done) })
	if err != nil {
		return st, err
	}
	if err := pw.Close(); err != nil {
		return st, fmt.Errorf("pqwrite: closing file: %w", err)
	}
	return st, nil
}

// splice copies the single row group of an in-memory Parquet file into pw.
func splice[T any](pw *parquet.GenericWriter[T], data *bytes.Buffer) error {
	f, err := parquet.OpenFile(bytes.NewReader(data.Bytes()), int64(data.Len()), parquet.SkipBloomFilters(true))
	if err != nil {
		return fmt.Errorf("pqwrite: reopening encoded row group: %w", err)
	}
	for _, rg := range f.RowGroups() {
		if _, err := pw.WriteRowGroup(rg); err != nil {
			return fmt.Errorf("pqwrite: writing row group: %w", err)
		}
	}
	return nil
}

// encoder turns blocks into an in-memory Parquet file of one row group. Its
// buffers (block, rows, writer) are reused from row group to row group.
type encoder[T any] struct {
	block *world.Block
	rows  []T
	fill  func(*world.Block, []T)
	pw    *parquet.GenericWriter[T]
}

func newEncoder[T any](w *world.World, fill func(*world.Block, []T), maxRows int64) *encoder[T] {
	opts := append(WriterOptions(), parquet.MaxRowsPerRowGroup(maxRows))
	return &encoder[T]{
		block: w.NewBlock(),
		rows:  make([]T, w.BlockRows()),
		fill:  fill,
		pw:    parquet.NewGenericWriter[T](io.Discard, opts...),
	}
}

func (e *encoder[T]) encode(first, last int) encoded {
	buf := new(bytes.Buffer)
	e.pw.Reset(buf)
	var n int64
	for b := first; b < last; b++ {
		e.block.Fill(b)
		rows := e.rows[:e.block.Len()]
		e.fill(e.block, rows)
		if _, err := e.pw.Write(rows); err != nil {
			return encoded{err: fmt.Errorf("pqwrite: encoding block %d: %w", b, err)}
		}
		n += int64(len(rows))
	}
	if err := e.pw.Close(); err != nil {
		return encoded{err: fmt.Errorf("pqwrite: encoding row group: %w", err)}
	}
	return encoded{rows: n, data: buf}
}
