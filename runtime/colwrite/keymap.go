package colwrite

// denseKeys bounds the keys looked up by direct indexing: small keys
// (vocabulary indexes) never reach the hash table.
const denseKeys = 1 << 20

// keyMap maps caller keys to dictionary indexes. Keys below denseKeys index
// a slice; others live in an open-addressing table (linear probing, load at
// most 1/2, Fibonacci hashing). Stored values are index+1 so zero is empty.
type keyMap struct {
	dense []int32
	keys  []uint64
	vals  []int32
	shift uint
	n     int
}

// get returns the index stored for key, or -1.
func (m *keyMap) get(key uint64) int32 {
	if key < uint64(len(m.dense)) {
		return m.dense[key] - 1
	}
	if key < denseKeys || len(m.vals) == 0 {
		return -1
	}
	mask := uint64(len(m.vals) - 1)
	h := (key * 0x9E3779B97F4A7C15) >> m.shift
	for {
		v := m.vals[h]
		if v == 0 {
			return -1
		}
		if m.keys[h] == key {
			return v - 1
		}
		h = (h + 1) & mask
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
				m.dense = m.dense[:n] // reused buffers are cleared by reset
			} else {
				d := make([]int32, n)
				copy(d, m.dense)
				m.dense = d
			}
		}
		m.dense[key] = idx + 1
		return
	}
	if 2*(m.n+1) > len(m.vals) {
		m.grow()
	}
	m.insert(key, idx+1)
	m.n++
}

func (m *keyMap) insert(key uint64, v int32) {
	mask := uint64(len(m.vals) - 1)
	h := (key * 0x9E3779B97F4A7C15) >> m.shift
	for m.vals[h] != 0 {
		h = (h + 1) & mask
	}
	m.keys[h] = key
	m.vals[h] = v
}

func (m *keyMap) grow() {
	size := max(1024, 2*len(m.vals))
	oldKeys, oldVals := m.keys, m.vals
	m.keys = make([]uint64, size)
	m.vals = make([]int32, size)
	m.shift = 64
	for s := size; s > 1; s >>= 1 {
		m.shift--
	}
	for i, v := range oldVals {
		if v != 0 {
			m.insert(oldKeys[i], v)
		}
	}
}

// reset empties the map and keeps its memory.
func (m *keyMap) reset() {
	clear(m.dense)
	m.dense = m.dense[:0]
	clear(m.vals)
	m.n = 0
}
