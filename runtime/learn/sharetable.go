package learn

// shareTable maps an entity (an IP or a device, by hash) to its sharing record: open
// addressing with linear probing, one slot per entity and no pointers, so a lookup is
// usually one cache miss and the collector has nothing to scan.
type shareTable struct {
	slots []shareSlot
	n     int
}

type shareSlot struct {
	key uint64 // 0 = empty
	s   sharing
}

// get returns the record of key, adding an empty one if the key is new.
func (t *shareTable) get(key uint64) *sharing {
	if key == 0 {
		key = 1
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := mix(key) & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.key == key {
			return &sl.s
		}
		if sl.key == 0 {
			sl.key = key
			t.n++
			return &sl.s
		}
	}
}

func (t *shareTable) grow() {
	old := t.slots
	t.slots = make([]shareSlot, max(1024, 2*len(old)))
	t.n = 0
	for _, sl := range old {
		if sl.key != 0 {
			*t.get(sl.key) = sl.s
		}
	}
}
