package decl

import (
	"runtime"
	"sync"
	"weak"
)

// Memo holds one declared column's values for each live block, so that a
// column other declared columns read is drawn once per block: by the first
// of its own writer and its readers' writers that asks, the others (on the
// same or other goroutines) wait for it and share the slice. B is the block
// type (world.Block); a block is known by a weak pointer, and its entry is
// dropped when the block is collected, so a Memo never keeps a block, or a
// finished dataset's values, alive.
//
// The values of a block are a pure function of its world and rows
// [first, first+n) (a block belongs to one world for its life), so an entry
// stays right until the block is refilled with other rows, which Get
// detects. The caller guarantees what pqwrite's scheduler does: a block is
// not refilled while any column of it is still being written, so nobody
// reads a slice Get returned once it is redrawn.
type Memo[B, T any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[B]]*memoEntry[T]
}

type memoEntry[T any] struct {
	mu    sync.Mutex
	ok    bool
	first int64
	n     int
	vals  []T
	ar    Arena // the bytes of formatted values
}

// Get returns the values of block b, whose rows are [first, first+n):
// the slice fill drew for it, or, on the first call for those rows, a slice
// of length n that fill draws (into ar when it formats strings).
func (m *Memo[B, T]) Get(b *B, first int64, n int, fill func(out []T, ar *Arena)) []T {
	e := m.entry(b)
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.ok || e.first != first || e.n != n {
		e.ok = false
		if cap(e.vals) < n {
			e.vals = make([]T, n)
		}
		e.vals = e.vals[:n]
		e.ar.b, e.ar.mark = e.ar.b[:0], 0
		fill(e.vals, &e.ar)
		e.ok, e.first, e.n = true, first, n
	}
	return e.vals
}

// entry is b's entry, made on first use with a cleanup that drops it.
func (m *Memo[B, T]) entry(b *B) *memoEntry[T] {
	wp := weak.Make(b)
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.m[wp]; ok {
		return e
	}
	if m.m == nil {
		m.m = map[weak.Pointer[B]]*memoEntry[T]{}
	}
	e := new(memoEntry[T])
	m.m[wp] = e
	runtime.AddCleanup(b, m.drop, wp)
	return e
}

func (m *Memo[B, T]) drop(wp weak.Pointer[B]) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.m, wp)
}

// Len is the number of blocks with an entry (for tests).
func (m *Memo[B, T]) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.m)
}
