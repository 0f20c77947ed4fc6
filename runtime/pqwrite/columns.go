package pqwrite

import (
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
// through write (generated.Write). Workers encode whole row groups
// concurrently; one committer appends them to out in block order, so the
// bytes do not depend on the number of workers. Exactly Workers+1 row group
// encoders circulate, which bounds memory: a worker takes a free encoder,
// fills it, and the committer frees it once written.
func WriteColumns(out io.Writer, w *world.World, cols []colwrite.Column,
	write func(*world.Block, *colwrite.RowGroup), opt Options, createdBy string) (Stats, error) {
	end := opt.EndBlock
	if end == 0 {
		end = w.Blocks()
	}
	if opt.Workers < 1 || opt.RowGroupBlocks < 1 || opt.FirstBlock < 0 || opt.FirstBlock > end || end > w.Blocks() {
		return Stats{}, fmt.Errorf("pqwrite: bad options %+v", opt)
	}
	groups := (end - opt.FirstBlock + opt.RowGroupBlocks - 1) / opt.RowGroupBlocks
	fw, err := colwrite.NewWriter(out, cols, opt.Metadata, createdBy)
	if err != nil {
		return Stats{}, err
	}

	free := make(chan *colwrite.RowGroup, opt.Workers+1)
	for range opt.Workers + 1 {
		rg := colwrite.NewRowGroup(cols)
		rg.SetPageLimits(pageRows, pageBytes)
		free <- rg
	}
	type done struct {
		group int
		rg    *colwrite.RowGroup
		err   error
	}
	jobs := make(chan int)
	results := make(chan done, opt.Workers+1)
	quit := make(chan struct{})
	var quitOnce sync.Once
	stop := func() { quitOnce.Do(func() { close(quit) }) }

	go func() {
		defer close(jobs)
		for g := 0; g < groups; g++ {
			select {
			case jobs <- g:
			case <-quit:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			blk := w.NewBlock()
			for g := range jobs {
				var rg *colwrite.RowGroup
				select {
				case rg = <-free:
				case <-quit:
					return
				}
				first := opt.FirstBlock + g*opt.RowGroupBlocks
				last := min(first+opt.RowGroupBlocks, end)
				err := encodeGroup(blk, rg, write, first, last)
				select {
				case results <- done{group: g, rg: rg, err: err}:
				case <-quit:
					return
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
				stop()
				break
			}
			st.Rows += p.rg.Rows()
			st.RowGroups++
			next++
			p.rg.Reset()
			free <- p.rg
			if opt.Progress != nil {
				opt.Progress(st.Rows)
			}
		}
	}
	stop()
	if err != nil {
		return st, fmt.Errorf("pqwrite: %w", err)
	}
	if err := fw.Close(); err != nil {
		return st, fmt.Errorf("pqwrite: closing file: %w", err)
	}
	return st, nil
}

// encodeGroup generates blocks [first, last) into rg and finishes it.
func encodeGroup(blk *world.Block, rg *colwrite.RowGroup, write func(*world.Block, *colwrite.RowGroup), first, last int) error {
	for b := first; b < last; b++ {
		blk.Fill(b)
		write(blk, rg)
	}
	return rg.Finish()
}
