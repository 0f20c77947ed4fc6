package world

import "github.com/paygen/paygen/runtime/rng"

// Hooks for declared columns (schema columns with `generate:`, compiled by
// schemac against runtime/decl). They read the world and the block's latent
// state and write nothing, so they are safe beside any source method.

// DeclaredKey is the root key of declared columns' row draws: a function of
// the seed and the dataset date, like the blocks' keys, but not of the block.
func (b *Block) DeclaredKey() uint64 {
	return rng.Key(rng.Key(b.w.seed, uint64(b.w.date.Unix())), rng.StrKey("declared"))
}

// EntityKey is the root key of declared entity attributes: a function of the
// seed only, like the entities themselves.
func (b *Block) EntityKey() uint64 { return rng.Key(b.w.seed, rng.StrKey("declared-entity")) }

// WindowMicros is the dataset's time window [start, end) in microseconds
// since the Unix epoch.
func (b *Block) WindowMicros() (start, end int64) {
	s, e := b.w.Window()
	return s.UnixMicro(), e.UnixMicro()
}

// DeviceKeys is the device number of each row (DeviceIDKeys without its
// formatting cursor).
func (b *Block) DeviceKeys() []uint64 { return b.dev[:b.n] }

// ScenarioNames names the scenario indexes of FraudScenarioKeys.
func (b *Block) ScenarioNames() []string { return b.w.scenarios }
