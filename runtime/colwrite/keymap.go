package colwrite

// Keys are looked up by direct indexing where they cluster: a key is split
// into a window (key >> windowBits) and an offset, and a window's indexes
// live in a slice that grows to the largest offset seen, at most 2^16
// entries (256 KiB). Window 0 (keys below 2^16: vocabulary indexes, entity
// ids numbered from zero) is always direct; a few other windows become
// direct once an eighth of their keys have arrived (entity ids above a
// fixed base, a dense run of a large population), found by counting the
// windows of hashed keys with the Misra-Gries frequent-items summary, so a
// direct window costs at most 32 bytes per key it holds. Other keys go to
// an open-addressing hash table, sized by the number of distinct keys.
// Nothing is sized by the range of the keys: a map's memory is bounded by
// the distinct keys of one column chunk (fewer still once the dictionary
// falls back, see fallback.go), not by the population they come from.
const (
	windowBits = 16
	denseKeys  = 1 << windowBits
	windows    = 4             // direct windows besides window 0
	claimAfter = denseKeys / 8 // net count of new keys in a window that makes it direct
)

// keyMap maps caller keys to dictionary indexes. Stored values are index+1,
// so 0 is empty.
type keyMap struct {
	dense []int32 // window 0
	wins  [windows]window
	nwin  int
	cands [8]candidate

	// The hash table: linear probing, load at most 1/2, Fibonacci hashing.
	// A slot holds the position+1 of an entry in ents, where the hashed
	// keys and their values are kept in insertion order: 4 bytes per slot
	// and 16 per key (24 to 32 bytes per key) rather than 16 per slot.
	slots []int32
	ents  []entry
	shift uint
}

type window struct {
	top uint64
	ids []int32
}

type candidate struct {
	top uint64
	n   int
}

type entry struct {
	key uint64
	val int32
}

// get returns the index stored for key, or -1.
func (m *keyMap) get(key uint64) int32 {
	top, low := key>>windowBits, key&(denseKeys-1)
	if top == 0 {
		if low < uint64(len(m.dense)) {
			return m.dense[low] - 1
		}
		return -1
	}
	for i := range m.nwin {
		if w := &m.wins[i]; w.top == top {
			// claim copied the window's hashed keys: it holds them all.
			if low < uint64(len(w.ids)) {
				return w.ids[low] - 1
			}
			return -1
		}
	}
	if len(m.slots) == 0 {
		return -1
	}
	mask := uint64(len(m.slots) - 1)
	for h := (key * 0x9E3779B97F4A7C15) >> m.shift; ; h = (h + 1) & mask {
		o := m.slots[h]
		if o == 0 {
			return -1
		}
		if e := &m.ents[o-1]; e.key == key {
			return e.val - 1
		}
	}
}

// put stores idx for key, which must be absent.
func (m *keyMap) put(key uint64, idx int32) {
	top, low := key>>windowBits, key&(denseKeys-1)
	if top == 0 {
		m.dense = setDirect(m.dense, low, idx+1)
		return
	}
	for i := range m.nwin {
		if w := &m.wins[i]; w.top == top {
			w.ids = setDirect(w.ids, low, idx+1)
			return
		}
	}
	if 2*(len(m.ents)+1) > len(m.slots) {
		m.grow()
	}
	m.ents = append(m.ents, entry{key, idx + 1})
	m.insert(key, int32(len(m.ents)))
	if m.nwin < windows {
		m.count(top)
	}
}

// count counts a new hashed key in window top, and claims the window when
// it has had enough.
func (m *keyMap) count(top uint64) {
	for i := range m.cands {
		if c := &m.cands[i]; c.n > 0 && c.top == top {
			if c.n++; c.n >= claimAfter {
				c.n = 0
				m.claim(top)
			}
			return
		}
	}
	for i := range m.cands {
		if c := &m.cands[i]; c.n == 0 {
			c.top, c.n = top, 1
			return
		}
	}
	for i := range m.cands {
		m.cands[i].n--
	}
}

// claim makes window top direct, copying the keys already hashed there.
func (m *keyMap) claim(top uint64) {
	w := &m.wins[m.nwin]
	m.nwin++
	w.top = top
	for _, s := range m.ents {
		if s.key>>windowBits == top {
			w.ids = setDirect(w.ids, s.key&(denseKeys-1), s.val)
		}
	}
}

// setDirect stores v at ids[low], growing ids (by doubling) as needed. The
// capacity beyond len(ids) is always zero.
func setDirect(ids []int32, low uint64, v int32) []int32 {
	if low >= uint64(len(ids)) {
		n := max(64, len(ids))
		for uint64(n) <= low {
			n *= 2
		}
		if cap(ids) >= n {
			ids = ids[:n]
		} else {
			d := make([]int32, n)
			copy(d, ids)
			ids = d
		}
	}
	ids[low] = v
	return ids
}

// insert stores o, the position+1 in ents of key's entry, in a free slot.
func (m *keyMap) insert(key uint64, o int32) {
	mask := uint64(len(m.slots) - 1)
	h := (key * 0x9E3779B97F4A7C15) >> m.shift
	for m.slots[h] != 0 {
		h = (h + 1) & mask
	}
	m.slots[h] = o
}

func (m *keyMap) grow() {
	size := max(1024, 2*len(m.slots))
	m.slots = make([]int32, size)
	m.shift = 64
	for s := size; s > 1; s >>= 1 {
		m.shift--
	}
	for i, e := range m.ents {
		m.insert(e.key, int32(i+1))
	}
}

// reset empties the map and keeps its memory.
func (m *keyMap) reset() {
	clear(m.dense)
	m.dense = m.dense[:0]
	for i := range m.wins {
		clear(m.wins[i].ids)
		m.wins[i].ids = m.wins[i].ids[:0]
	}
	m.nwin = 0
	m.cands = [len(m.cands)]candidate{}
	clear(m.slots)
	m.ents = m.ents[:0]
}
