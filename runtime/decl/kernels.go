package decl

import "github.com/paygen/paygen/runtime/rng"

// Column kernels: the standard variates of a whole block in one loop, for
// the base variant of a normal, lognormal or exponential column. A loop
// over rows that calls Normal per row pays a call (and the spills around
// it) per row; here the hash and the ziggurat's fast path are inlined and
// only ~1 % of the rows call the slow path. Each value is exactly the one
// the per-row function gives for the same draw (Normal(x, m, s) =
// m + s·z, LogNormal = Exp(m + s·z), Exponential(x, m) = m·z), so a column
// draws the same values either way.

// NormalsAt sets z[i] to rng.NormOf(rng.At(key, row+i)).
func NormalsAt(z []float64, key, row uint64) {
	for i := range z {
		x := rng.At(key, row+uint64(i))
		v, ok := rng.NormFast(x)
		if !ok {
			v = rng.NormOf(x)
		}
		z[i] = v
	}
}

// NormalsOf sets z[i] to rng.NormOf(rng.At(ek, ids[i])): an entity
// attribute's standard normal.
func NormalsOf[I uint32 | uint64](z []float64, ek uint64, ids []I) {
	ids = ids[:len(z)]
	for i := range z {
		x := rng.At(ek, uint64(ids[i]))
		v, ok := rng.NormFast(x)
		if !ok {
			v = rng.NormOf(x)
		}
		z[i] = v
	}
}

// ExpsAt sets z[i] to rng.ExpOf(rng.At(key, row+i)).
func ExpsAt(z []float64, key, row uint64) {
	for i := range z {
		x := rng.At(key, row+uint64(i))
		v, ok := rng.ExpFast(x)
		if !ok {
			v = rng.ExpOf(x)
		}
		z[i] = v
	}
}

// ExpsOf sets z[i] to rng.ExpOf(rng.At(ek, ids[i])).
func ExpsOf[I uint32 | uint64](z []float64, ek uint64, ids []I) {
	ids = ids[:len(z)]
	for i := range z {
		x := rng.At(ek, uint64(ids[i]))
		v, ok := rng.ExpFast(x)
		if !ok {
			v = rng.ExpOf(x)
		}
		z[i] = v
	}
}

// ExpAffine sets z[i] to Exp(mu + sigma·z[i]): standard normals to
// lognormals.
func ExpAffine(z []float64, mu, sigma float64) {
	for i, v := range z {
		y := mu + sigma*v
		if y > -708 && y < 709 {
			z[i] = expTable(y)
		} else {
			z[i] = Exp(y)
		}
	}
}
