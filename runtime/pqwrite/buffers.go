package pqwrite

import (
	"github.com/paygen/paygen/runtime/colwrite"
	"github.com/paygen/paygen/runtime/world"
)

// Buffers keeps the blocks and row group encoders of a write for the next
// write of the same world and columns (RowBytes's sample, then the file),
// which takes over their memory instead of allocating its own: no second
// set of buffers to page in, none to return to the system in between.
type Buffers struct {
	w      *world.World
	blocks []*world.Block
	rgs    []*colwrite.RowGroup
}

// take returns n blocks and m row groups, reusing kept ones.
func (b *Buffers) take(w *world.World, cols []colwrite.Column, n, m int) ([]*world.Block, []*colwrite.RowGroup) {
	if b == nil || b.w != w {
		b = &Buffers{}
	}
	blocks, rgs := b.blocks[:min(n, len(b.blocks))], b.rgs[:min(m, len(b.rgs))]
	b.blocks, b.rgs = nil, nil
	for len(blocks) < n {
		blocks = append(blocks, w.NewBlock())
	}
	for len(rgs) < m {
		rg := colwrite.NewRowGroup(cols)
		rg.SetPageLimits(pageRows, pageBytes)
		rgs = append(rgs, rg)
	}
	return blocks, rgs
}

// keep stores a finished write's blocks and (reset) row groups.
func (b *Buffers) keep(w *world.World, blocks []*world.Block, rgs []*colwrite.RowGroup) {
	if b == nil {
		return
	}
	b.w, b.blocks, b.rgs = w, blocks, rgs
}
