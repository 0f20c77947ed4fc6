package decl

import "github.com/paygen/paygen/runtime/rng"

// ColumnKey is the root key of a declared column's row draws: a function of
// the dataset's row key (world.Block.DeclaredKey: seed and date) and the
// column's name, so adding or reordering columns changes no other column.
// Row r of the dataset draws rng.At(ColumnKey(…), r) with r the global row
// index, which does not depend on blocks, workers or shards.
func ColumnKey(rowKey uint64, column string) uint64 { return rng.Key(rowKey, rng.StrKey(column)) }

// EntityKey is the root key of a declared entity attribute: a function of
// the seed only (world.Block.EntityKey), the entity kind and the column, so
// an entity's attribute is the same on all its rows, in every block, shard
// and dataset date. Entity id e draws rng.At(EntityKey(…), e).
func EntityKey(seedKey uint64, kind, column string) uint64 {
	return rng.Key(rng.Key(seedKey, rng.StrKey(kind)), rng.StrKey(column))
}

// OverrideKey is the root key of a fraud or scenario override: it draws
// from its own stream, so the ordinary rows' values do not depend on whether
// overrides exist.
func OverrideKey(colKey uint64, variant string) uint64 { return rng.Key(colKey, rng.StrKey(variant)) }
