package decl

import "sync"

// Pool hands out scratch slices of one element type, reused from block to
// block: a declared column's writer takes one per block (no allocation per
// row, and none per block once the pool is warm) and gives it back after
// appending it.
type Pool[T any] struct{ p sync.Pool }

// Get returns a slice of length n (contents unspecified).
func (p *Pool[T]) Get(n int) *[]T {
	if v, ok := p.p.Get().(*[]T); ok && cap(*v) >= n {
		*v = (*v)[:n]
		return v
	}
	s := make([]T, n)
	return &s
}

// Put returns s to the pool.
func (p *Pool[T]) Put(s *[]T) { p.p.Put(s) }

// Scratch pools of the element types generated code uses.
var (
	Float64s Pool[float64]
	Int64s   Pool[int64]
	Bools    Pool[bool]
	Uint16s  Pool[uint16]
	Uint32s  Pool[uint32]
	Strings  Pool[string]
	Bytes    Pool[byte]
)
