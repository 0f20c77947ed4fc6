package world

// cache is a direct-mapped memo of an entity attribute function. Entity
// attributes are pure functions of their id, so a cache can only save work,
// never change a value; busy entities (the Zipf head) hit it most. A slot
// holds the id beside the value, so a lookup touches one cache line.
type cache[T any] struct {
	slots []slot[T]
	mask  uint64
}

type slot[T any] struct {
	id  uint64 // id+1 of the entry; 0 = empty
	val T
}

func newCache[T any](bits uint) cache[T] {
	n := 1 << bits
	return cache[T]{slots: make([]slot[T], n), mask: uint64(n - 1)}
}

// get returns f(id), computing it only on a miss.
func (c *cache[T]) get(id uint64, f func(uint64) T) T {
	s := &c.slots[(id*0x9e3779b97f4a7c15>>20)&c.mask]
	if s.id == id+1 {
		return s.val
	}
	v := f(id)
	s.id, s.val = id+1, v
	return v
}
