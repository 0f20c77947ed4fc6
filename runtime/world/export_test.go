package world

// HasMemos reports whether World.New built the entity tables.
func (w *World) HasMemos() bool { return w.custTab != nil && w.cardTab != nil }

// DropMemos makes blocks of w recompute entities through their caches.
func (w *World) DropMemos() { w.custTab, w.cardTab = nil, nil }
