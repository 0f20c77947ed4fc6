package pqwrite

import (
	"sync"

	"github.com/paygen/paygen/runtime/colwrite"
	"github.com/paygen/paygen/runtime/world"
)

// sched hands the work of WriteColumns to the workers one block at a time,
// in two kinds of task: filling a block (world generation; any worker, in
// block order) and appending a filled block to its row group (in block
// order within a group, one worker at a time per group; the group's last
// block also finishes it). Appends go first, since they free blocks. Unlike
// one worker per row group, this keeps every worker busy to the end: while
// one appends a group's blocks, the others fill the next ones. A fixed set
// of blocks and row groups circulates, which bounds memory; row groups are
// handed to groups in order and come back when the committer has written
// them, so the earliest unfinished group can always progress.
type sched struct {
	mu   sync.Mutex
	cond sync.Cond

	first, end int // block range
	per        int // blocks per row group
	nextFill   int // next block to fill
	filled     []*world.Block
	freeBlocks []*world.Block
	freeRGs    []*colwrite.RowGroup
	groups     []group
	nextRG     int // next group to receive a row group
	oldest     int // first group not completely appended
	quit       bool
}

// group is a row group's progress.
type group struct {
	rg   *colwrite.RowGroup
	next int  // next block to append
	busy bool // a worker is appending to it
}

// task is one unit of work: fill blk with block b, or append it to group g.
type task struct {
	fill bool
	b, g int
	blk  *world.Block
	rg   *colwrite.RowGroup
	last bool // the group's last block: finish the row group
}

func newSched(first, end, per int, blocks []*world.Block, rgs []*colwrite.RowGroup) *sched {
	n := (end - first + per - 1) / per
	s := &sched{first: first, end: end, per: per, nextFill: first,
		filled: make([]*world.Block, end-first), freeBlocks: blocks, freeRGs: rgs, groups: make([]group, n)}
	for g := range s.groups {
		s.groups[g].next = first + g*per
	}
	s.cond.L = &s.mu
	return s
}

// groupEnd is one past the last block of group g.
func (s *sched) groupEnd(g int) int { return min(s.first+(g+1)*s.per, s.end) }

// take blocks until a task is available and returns it; ok is false when
// there is nothing left to do.
func (s *sched) take() (t task, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for !s.quit && s.oldest < len(s.groups) {
		for s.nextRG < len(s.groups) && len(s.freeRGs) > 0 {
			s.groups[s.nextRG].rg = s.freeRGs[len(s.freeRGs)-1]
			s.freeRGs = s.freeRGs[:len(s.freeRGs)-1]
			s.nextRG++
		}
		for g := s.oldest; g < s.nextRG; g++ {
			gr := &s.groups[g]
			if gr.busy || gr.next >= s.groupEnd(g) {
				continue
			}
			if blk := s.filled[gr.next-s.first]; blk != nil {
				s.filled[gr.next-s.first] = nil
				gr.busy = true
				return task{b: gr.next, g: g, blk: blk, rg: gr.rg, last: gr.next+1 == s.groupEnd(g)}, true
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

// filledBlock records that t's block is filled.
func (s *sched) filledBlock(t task) {
	s.mu.Lock()
	s.filled[t.b-s.first] = t.blk
	s.mu.Unlock()
	s.cond.Broadcast()
}

// appended records that t's block is in its row group, and frees the block.
func (s *sched) appended(t task) {
	s.mu.Lock()
	gr := &s.groups[t.g]
	gr.busy = false
	gr.next++
	for s.oldest < len(s.groups) && s.groups[s.oldest].next >= s.groupEnd(s.oldest) {
		s.oldest++
	}
	s.freeBlocks = append(s.freeBlocks, t.blk)
	s.mu.Unlock()
	s.cond.Broadcast()
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
