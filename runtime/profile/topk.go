package profile

import (
	"slices"
	"sort"
)

// misraGries finds the frequent values of a stream in bounded memory
// (Misra & Gries 1982). With k counters over a stream of n items, every
// value's counter underestimates its true count by at most n/(k+1), and every
// value occurring more than n/(k+1) times is guaranteed to be present.
// Keys are 64-bit hashes; the value bytes are kept in a reused per-slot
// buffer so an update never allocates once the slots are warm.
type misraGries struct {
	k     int
	n     uint64
	slots []mgSlot
	index []int32 // open addressing over slots, -1 = empty
	spare [][]byte
	extra []mgEntry // reused by addCounts
	cnts  []uint64
}

type mgSlot struct {
	hash  uint64
	count uint64
	value []byte
}

func newMisraGries(k int) *misraGries {
	m := &misraGries{k: k, slots: make([]mgSlot, 0, k)}
	size := 1
	for size < 2*k {
		size <<= 1
	}
	m.index = make([]int32, size)
	for i := range m.index {
		m.index[i] = -1
	}
	return m
}

func (m *misraGries) find(h uint64) (pos int, slot int32) {
	mask := len(m.index) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := m.index[i]
		if s < 0 || m.slots[s].hash == h {
			return i, s
		}
	}
}

func (m *misraGries) add(h uint64, v []byte) {
	m.n++
	pos, s := m.find(h)
	if s >= 0 {
		m.slots[s].count++
		return
	}
	if len(m.slots) < m.k {
		m.slots = m.slots[:len(m.slots)+1]
		sl := &m.slots[len(m.slots)-1]
		sl.hash, sl.count, sl.value = h, 1, append(sl.value[:0], v...)
		m.index[pos] = int32(len(m.slots) - 1)
		return
	}
	// Table full: decrement every counter (the new item's own count of one is
	// cancelled with them) and drop the counters that reach zero.
	live := m.slots[:0]
	m.spare = m.spare[:0]
	for i := range m.slots {
		sl := m.slots[i]
		sl.count--
		if sl.count > 0 {
			live = append(live, sl)
		} else {
			m.spare = append(m.spare, sl.value)
		}
	}
	// Keep the dropped buffers reachable past len for reuse.
	for i, b := range m.spare {
		m.slots[:m.k][len(live)+i].value = b
	}
	m.slots = live
	m.rebuild()
}

func (m *misraGries) rebuild() {
	for i := range m.index {
		m.index[i] = -1
	}
	for s := range m.slots {
		pos, _ := m.find(m.slots[s].hash)
		m.index[pos] = int32(s)
	}
}

// errBound is the largest possible undercount of any counter.
func (m *misraGries) errBound() uint64 { return m.n / uint64(m.k+1) }

type mgItem struct {
	value string
	count uint64 // lower bound of the true count
}

// items returns the counters by decreasing count.
func (m *misraGries) items() []mgItem {
	out := make([]mgItem, 0, len(m.slots))
	for _, s := range m.slots {
		out = append(out, mgItem{string(s.value), s.count})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].count != out[j].count {
			return out[i].count > out[j].count
		}
		return out[i].value < out[j].value
	})
	return out
}

// mgEntry is an exactly counted value to fold into a summary.
type mgEntry struct {
	hash  uint64
	count uint64
	value []byte
}

// addCounts folds exact counts of a stream segment into the summary. Both
// are Misra-Gries summaries (exact counts are one with zero error), and
// merging them — add the counters, subtract the (k+1)-th largest from all,
// keep the positive ones — keeps the n/(k+1) bound for the whole stream
// (Agarwal et al., "Mergeable summaries", 2012). Entries with a zero count
// are ignored; kept values are copied.
func (m *misraGries) addCounts(es []mgEntry) {
	extra := m.extra[:0]
	for _, e := range es {
		if e.count == 0 {
			continue
		}
		m.n += e.count
		if _, s := m.find(e.hash); s >= 0 {
			m.slots[s].count += e.count
		} else {
			extra = append(extra, e)
		}
	}
	var cut uint64
	if len(m.slots)+len(extra) > m.k {
		counts := m.cnts[:0]
		for _, s := range m.slots {
			counts = append(counts, s.count)
		}
		for _, e := range extra {
			counts = append(counts, e.count)
		}
		slices.Sort(counts)
		cut = counts[len(counts)-1-m.k] // the (k+1)-th largest
		m.cnts = counts
	}
	live := m.slots[:0]
	for _, s := range m.slots {
		if s.count > cut {
			s.count -= cut
			live = append(live, s)
		}
	}
	for _, e := range extra {
		if e.count > cut && len(live) < m.k {
			live = append(live, mgSlot{hash: e.hash, count: e.count - cut, value: append([]byte(nil), e.value...)})
		}
	}
	// Slots past len may still alias the buffers of moved live slots: drop
	// them so that add never reuses a buffer that is in use.
	for i := len(live); i < cap(live); i++ {
		live[:cap(live)][i].value = nil
	}
	m.slots = live
	m.extra = extra[:0]
	m.rebuild()
}
