// Package world is the synthetic payment world: entities, time, amounts and fraud, generated block by block as pure functions of (seed, date, block).
package world
