package world

// cache is a direct-mapped memo of an entity attribute function. Entity
// attributes are pure functions of their id, so a cache can only save work,
// never change a value; busy entities (the Zipf head) hit it most.
type cache[T any] struct {
	ids  []uint64 // id+1 of the entry in each slot; 0 = empty
	vals []T
	mask uint64
}

func newCache[T any](bits uint) cache[T] {
	n := 1 << bits
	return cache[T]{ids: make([]uint64, n), vals: make([]T, n), mask: uint64(n - 1)}
}

// get returns f(id), computing it only on a miss.
func (c *cache[T]) get(id uint64, f func(uint64) T) T {
	s := (id * 0x9e3779b97f4a7c15 >> 20) & c.mask
	if c.ids[s] == id+1 {
		return c.vals[s]
	}
	v := f(id)
	c.ids[s], c.vals[s] = id+1, v
	return v
}
