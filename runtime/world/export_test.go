package world

// HasMemos reports whether World.New built the customer and merchant tables.
func (w *World) HasMemos() bool { return w.custTab != nil && w.merTab != nil }

// DropMemos makes blocks of w recompute entities through their caches.
func (w *World) DropMemos() { w.custTab, w.merTab = nil, nil }
