package pqwrite

import (
	"cmp"
	"fmt"
	"io"
	"sync"

	"github.com/paygen/paygen/runtime/colwrite"
	"github.com/paygen/paygen/runtime/world"
)

// Data pages are cut at 32,768 rows or 256 KiB of values: small enough that
// the page buffers of the Workers+1 encoders stay a few MB, large enough
// for Snappy and for page statistics to be useful.
const (
	pageRows  = 32768
	pageBytes = 256 << 10
)

// WriteColumns is paygen's fast path: it generates the blocks of w in
// [FirstBlock, EndBlock) and writes them column by column with colwrite,
// through writers (generated.Writers, one per column). Workers fill blocks
// and append their columns to the row groups (see sched), several columns
// and row groups being encoded at once; one committer appends finished row
// groups to out in block order, so the bytes do not depend on the number of
// workers. Circulating(Workers) blocks and row group encoders circulate,
// which bounds memory: since the workers share a block's columns, one block
// per worker and one row group per two workers keep them busy (measured
// idle: 3-5% of worker time at 1 M rows on 2 cores, as with one more
// block and row group, for 40 MB less).
func WriteColumns(out io.Writer, w *world.World, cols []colwrite.Column,
	writers []func(*world.Block, *colwrite.RowGroup), opt Options, createdBy string) (_ Stats, err error) {
	end := opt.EndBlock
	if end == 0 {
		end = w.Blocks()
	}
	if opt.Workers < 1 || (opt.RowGroupBlocks < 1 && opt.SizeGroups == nil) || opt.FirstBlock < 0 || opt.FirstBlock > end || end > w.Blocks() {
		return Stats{}, fmt.Errorf("pqwrite: bad options %+v", opt)
	}
	if len(writers) != len(cols) {
		return Stats{}, fmt.Errorf("pqwrite: %d writers for %d columns", len(writers), len(cols))
	}
	fw, err := colwrite.NewWriter(out, cols, opt.Metadata, createdBy)
	if err != nil {
		return Stats{}, err
	}

	nBlocks, nGroups := Circulating(opt.Workers)
	var rgs []*colwrite.RowGroup
	for range nGroups {
		rg := colwrite.NewRowGroup(cols)
		rg.SetPageLimits(pageRows, pageBytes)
		if opt.SpoolDir != "" {
			rg.SpoolTo(opt.SpoolDir, cmp.Or(opt.SpoolColumnBytes, 1<<20))
		}
		rgs = append(rgs, rg)
	}
	defer func() {
		for _, rg := range rgs {
			if cerr := rg.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("pqwrite: %w", cerr)
			}
		}
	}()
	var blocks []*world.Block
	for range nBlocks {
		blocks = append(blocks, w.NewBlock())
	}
	per := opt.RowGroupBlocks
	if opt.SizeGroups != nil {
		per = 0 // known after the sample
	}
	s := newSched(opt.FirstBlock, end, per, len(cols), blocks, rgs, sampleBlock(w))
	type done struct {
		group int
		rg    *colwrite.RowGroup
		err   error
	}
	results := make(chan done, len(rgs)) // a pending result holds a row group
	var wg sync.WaitGroup
	for worker := range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				t, ok := s.take(worker)
				if !ok {
					return
				}
				if t.sampleFill {
					t.blk.Fill(t.b)
					s.sampleFilled()
					continue
				}
				if t.sampleCol {
					writers[t.col](t.blk, t.rg)
					t.rg.FinishColumn(t.col)
					if !s.sampleAppended(t.col) {
						continue
					}
					per, err := sampleBytes(cols, t.blk, t.rg)
					blocks := 0
					if err == nil {
						blocks, err = opt.SizeGroups(per)
					}
					if err == nil && blocks < 1 {
						err = fmt.Errorf("row groups of %d blocks", blocks)
					}
					if err != nil {
						results <- done{group: -1, err: err}
					}
					s.sized(blocks)
					continue
				}
				if t.fill {
					t.blk.Fill(t.b)
					s.filledBlock(t)
					continue
				}
				writers[t.col](t.blk, t.rg)
				if t.last {
					t.rg.FinishColumn(t.col) // an error resurfaces in Finish
				}
				if s.appended(t) {
					results <- done{group: t.g, rg: t.rg, err: t.rg.Finish()}
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var st Stats
	pending := map[int]done{}
	next := 0
	for r := range results {
		if err != nil {
			continue
		}
		if r.group < 0 { // the sample or SizeGroups failed: their error as is
			s.stop()
			for range results {
			}
			return st, r.err
		}
		pending[r.group] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if err = p.err; err == nil {
				err = fw.WriteRowGroup(p.rg)
			}
			if err != nil {
				s.stop()
				break
			}
			st.Rows += p.rg.Rows()
			st.RowGroups++
			next++
			p.rg.Reset()
			s.release(p.rg)
			if opt.Progress != nil {
				opt.Progress(st.Rows)
			}
		}
	}
	s.stop()
	if err != nil {
		return st, fmt.Errorf("pqwrite: %w", err)
	}
	if err := fw.Close(); err != nil {
		return st, fmt.Errorf("pqwrite: closing file: %w", err)
	}
	return st, nil
}
