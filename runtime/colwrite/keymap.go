package colwrite

// denseKeys bounds the keys looked up by direct indexing: small keys
// (vocabulary indexes, entity ids numbered from zero) index a slice that
// grows to the largest key seen, at most 4 MiB.
const denseKeys = 1 << 20

// keyMap maps caller keys to dictionary indexes. Keys below denseKeys index
// dense; others live in an open-addressing table (linear probing, load at
// most 1/2, Fibonacci hashing) whose slots hold key and value side by side,
// so a probe touches one cache line. Stored values are index+1: 0 is empty.
type keyMap struct {
	dense []int32
	slots []slot
	shift uint
	n     int
}

type slot struct {
	key uint64
	val int32
}

// get returns the index stored for key, or -1.
func (m *keyMap) get(key uint64) int32 {
	if key < uint64(len(m.dense)) {
		return m.dense[key] - 1
	}
	if key < denseKeys || len(m.slots) == 0 {
		return -1
	}
	mask := uint64(len(m.slots) - 1)
	for h := (key * 0x9E3779B97F4A7C15) >> m.shift; ; h = (h + 1) & mask {
		s := &m.slots[h]
		if s.val == 0 {
			return -1
		}
		if s.key == key {
			return s.val - 1
		}
	}
}

// put stores idx for key, which must be absent.
func (m *keyMap) put(key uint64, idx int32) {
	if key < denseKeys {
		if key >= uint64(len(m.dense)) {
			n := max(64, len(m.dense))
			for uint64(n) <= key {
				n *= 2
			}
			if cap(m.dense) >= n {
				m.dense = m.dense[:n] // reset cleared the reused part
			} else {
				d := make([]int32, n)
				copy(d, m.dense)
				m.dense = d
			}
		}
		m.dense[key] = idx + 1
		return
	}
	if 2*(m.n+1) > len(m.slots) {
		m.grow()
	}
	m.insert(key, idx+1)
	m.n++
}

func (m *keyMap) insert(key uint64, v int32) {
	mask := uint64(len(m.slots) - 1)
	h := (key * 0x9E3779B97F4A7C15) >> m.shift
	for m.slots[h].val != 0 {
		h = (h + 1) & mask
	}
	m.slots[h] = slot{key, v}
}

func (m *keyMap) grow() {
	size := max(1024, 2*len(m.slots))
	old := m.slots
	m.slots = make([]slot, size)
	m.shift = 64
	for s := size; s > 1; s >>= 1 {
		m.shift--
	}
	for _, s := range old {
		if s.val != 0 {
			m.insert(s.key, s.val)
		}
	}
}

// reset empties the map and keeps its memory.
func (m *keyMap) reset() {
	clear(m.dense)
	m.dense = m.dense[:0]
	clear(m.slots)
	m.n = 0
}
