package pqwrite

import (
	"sync"

	"github.com/paygen/paygen/runtime/colwrite"
	"github.com/paygen/paygen/runtime/world"
)

// sched hands the work of WriteColumns to the workers in two kinds of task:
// filling a block (world generation; any worker, in block order) and
// appending one column of a filled block to its row group (for each column,
// in block order, one worker at a time; a column's last block also finishes
// the column). Appends go first, since they free blocks. Columns are
// independent (colwrite.RowGroup), so the workers share the appends of one
// block, and of the last row group at the end of a run, instead of one
// worker appending a whole row group while the other waits. A worker scans
// the columns from its own end (even workers from the first, odd ones from
// the last), so each tends to keep the same columns and their dictionaries
// in its cache. A fixed set of blocks and row groups circulates, which
// bounds memory: row groups are handed to groups in order and come back
// when the committer has written them, so the earliest unfinished group can
// always progress.
type sched struct {
	mu   sync.Mutex
	cond sync.Cond

	first, end int // block range
	per        int // blocks per row group
	cols       int
	nextFill   int            // next block to fill
	filled     []*world.Block // by block - first, until every column is appended
	left       []int          // by block - first: columns still to append
	freeBlocks []*world.Block
	freeRGs    []*colwrite.RowGroup
	groups     []group
	nextRG     int // next group to receive a row group
	oldest     int // first group with a column not finished
	quit       bool
	sample     *sample // the row size sample, until per is known (nil: per given)
}

// sample is the row size sample of Options.SizeGroups: the world's middle
// block, filled by one task, then appended column by column to a row group
// of its own by any worker, like a one-block group, while the other
// workers fill the first blocks.
type sample struct {
	b      int // the block
	blk    *world.Block
	rg     *colwrite.RowGroup
	filled bool
	busy   []bool // per column: a worker is appending it
	done   []bool // per column: appended and finished
	left   int    // columns not done
}

// group is a row group's progress.
type group struct {
	rg   *colwrite.RowGroup
	next []int  // per column: next block to append
	busy []bool // per column: a worker is appending to it
	open int    // columns not finished
}

// task is one unit of work: fill blk with block b, or append column col of
// it to group g.
type task struct {
	fill bool
	b, g int
	col  int
	blk  *world.Block
	rg   *colwrite.RowGroup
	last bool // the group's last block: finish the column
	// sampleFill: fill blk with block b for the row size sample;
	// sampleCol: append column col of it to rg
	sampleFill, sampleCol bool
}

func newSched(first, end, per, cols int, blocks []*world.Block, rgs []*colwrite.RowGroup, sampleBlock int) *sched {
	s := &sched{first: first, end: end, cols: cols, nextFill: first,
		filled: make([]*world.Block, end-first), left: make([]int, end-first),
		freeBlocks: blocks, freeRGs: rgs}
	s.cond.L = &s.mu
	if per > 0 {
		s.setPer(per)
	} else {
		s.sample = &sample{b: sampleBlock, busy: make([]bool, cols), done: make([]bool, cols), left: cols}
	}
	return s
}

// setPer sets the blocks per row group and lays out the groups; until then
// (per 0: the write sizes its groups from a sample) only fills are handed out.
func (s *sched) setPer(per int) {
	n := (s.end - s.first + per - 1) / per
	s.per, s.groups = per, make([]group, n)
	for g := range s.groups {
		gr := &s.groups[g]
		gr.next, gr.busy, gr.open = make([]int, s.cols), make([]bool, s.cols), s.cols
		for c := range gr.next {
			gr.next[c] = s.first + g*per
		}
	}
}

// sampleFilled records that the sample's block is filled.
func (s *sched) sampleFilled() {
	s.mu.Lock()
	s.sample.filled = true
	s.mu.Unlock()
	s.cond.Broadcast()
}

// sampleAppended records that a column of the sample is appended and
// finished, and reports whether it was the last.
func (s *sched) sampleAppended(col int) (last bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sm := s.sample
	sm.busy[col], sm.done[col] = false, true
	sm.left--
	return sm.left == 0
}

// sized records the sample's verdict (per 0: it failed) and takes back its
// block and row group.
func (s *sched) sized(per int) {
	s.mu.Lock()
	s.freeBlocks = append(s.freeBlocks, s.sample.blk)
	s.freeRGs = append(s.freeRGs, s.sample.rg)
	s.sample = nil
	if per > 0 {
		s.setPer(per)
	} else {
		s.quit = true
	}
	s.mu.Unlock()
	s.cond.Broadcast()
}

// sampleTask hands out the sample's fill, then its columns.
func (s *sched) sampleTask(worker int) (task, bool) {
	sm := s.sample
	if sm.blk == nil {
		if len(s.freeBlocks) == 0 || len(s.freeRGs) == 0 {
			return task{}, false
		}
		sm.blk, sm.rg = s.freeBlocks[len(s.freeBlocks)-1], s.freeRGs[len(s.freeRGs)-1]
		s.freeBlocks, s.freeRGs = s.freeBlocks[:len(s.freeBlocks)-1], s.freeRGs[:len(s.freeRGs)-1]
		return task{sampleFill: true, b: sm.b, blk: sm.blk}, true
	}
	if !sm.filled {
		return task{}, false
	}
	for i := range s.cols {
		c := i
		if worker%2 == 1 {
			c = s.cols - 1 - i
		}
		if !sm.busy[c] && !sm.done[c] {
			sm.busy[c] = true
			return task{sampleCol: true, b: sm.b, col: c, blk: sm.blk, rg: sm.rg}, true
		}
	}
	return task{}, false
}

// groupEnd is one past the last block of group g.
func (s *sched) groupEnd(g int) int { return min(s.first+(g+1)*s.per, s.end) }

// take blocks until a task is available for worker and returns it; ok is
// false when there is nothing left to do.
func (s *sched) take(worker int) (t task, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for !s.quit && (s.per == 0 || s.oldest < len(s.groups)) {
		if s.sample != nil {
			if t, ok := s.sampleTask(worker); ok {
				return t, true
			}
		}
		for s.nextRG < len(s.groups) && len(s.freeRGs) > 0 {
			s.groups[s.nextRG].rg = s.freeRGs[len(s.freeRGs)-1]
			s.freeRGs = s.freeRGs[:len(s.freeRGs)-1]
			s.nextRG++
		}
		for g := s.oldest; g < s.nextRG; g++ {
			if c, ok := s.appendable(g, worker); ok {
				gr := &s.groups[g]
				gr.busy[c] = true
				b := gr.next[c]
				return task{b: b, g: g, col: c, blk: s.filled[b-s.first], rg: gr.rg, last: b+1 == s.groupEnd(g)}, true
			}
		}
		if s.nextFill < s.end && len(s.freeBlocks) > 0 {
			blk := s.freeBlocks[len(s.freeBlocks)-1]
			s.freeBlocks = s.freeBlocks[:len(s.freeBlocks)-1]
			b := s.nextFill
			s.nextFill++
			return task{fill: true, b: b, blk: blk}, true
		}
		s.cond.Wait()
	}
	return task{}, false
}

// appendable finds a column of group g whose next block is filled and that
// no worker is appending to, scanning from the worker's end.
func (s *sched) appendable(g, worker int) (int, bool) {
	gr := &s.groups[g]
	end := s.groupEnd(g)
	for i := range s.cols {
		c := i
		if worker%2 == 1 {
			c = s.cols - 1 - i
		}
		if b := gr.next[c]; !gr.busy[c] && b < end && s.filled[b-s.first] != nil {
			return c, true
		}
	}
	return 0, false
}

// filledBlock records that t's block is filled.
func (s *sched) filledBlock(t task) {
	s.mu.Lock()
	s.filled[t.b-s.first] = t.blk
	s.left[t.b-s.first] = s.cols
	s.mu.Unlock()
	s.cond.Broadcast()
}

// appended records that t's column of its block is in the row group (and
// finished, when t.last), frees the block once all its columns are, and
// reports whether t completed its row group.
func (s *sched) appended(t task) (complete bool) {
	s.mu.Lock()
	gr := &s.groups[t.g]
	gr.busy[t.col] = false
	gr.next[t.col]++
	if t.last {
		gr.open--
		complete = gr.open == 0
	}
	if s.left[t.b-s.first]--; s.left[t.b-s.first] == 0 {
		s.filled[t.b-s.first] = nil
		s.freeBlocks = append(s.freeBlocks, t.blk)
	}
	for s.oldest < len(s.groups) && s.groups[s.oldest].open == 0 {
		s.oldest++
	}
	s.mu.Unlock()
	s.cond.Broadcast()
	return complete
}

// release returns a written row group for reuse.
func (s *sched) release(rg *colwrite.RowGroup) {
	s.mu.Lock()
	s.freeRGs = append(s.freeRGs, rg)
	s.mu.Unlock()
	s.cond.Broadcast()
}

// stop makes every take return false.
func (s *sched) stop() {
	s.mu.Lock()
	s.quit = true
	s.mu.Unlock()
	s.cond.Broadcast()
}
