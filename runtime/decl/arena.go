package decl

import "unsafe"

// Arena holds the bytes of the strings an expression formats in one block
// (`format(…)`): appended to, then read back as strings that stay valid
// until the arena is reset. Generated code takes one from Arenas per block.
type Arena struct {
	b    []byte
	mark int
}

// Arenas pools arenas; Get resets one.
var Arenas arenaPool

type arenaPool struct{ p Pool[byte] }

// Get returns an empty arena.
func (p *arenaPool) Get() *Arena {
	s := p.p.Get(0)
	return &Arena{b: (*s)[:0]}
}

// Put returns a's bytes to the pool; strings read from a are invalid after.
func (p *arenaPool) Put(a *Arena) {
	b := a.b[:0]
	p.p.Put(&b)
}

// Begin starts a string (formats do not nest).
func (a *Arena) Begin() *Arena { a.mark = len(a.b); return a }

// S appends s.
func (a *Arena) S(s string) *Arena { a.b = append(a.b, s...); return a }

// D appends v in decimal, at least width digits (zero-padded when zero,
// space-padded otherwise).
func (a *Arena) D(v int64, width int, zero bool) *Arena {
	var tmp [24]byte
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	digits := len(tmp) - i
	if neg {
		digits++
	}
	if !zero && neg {
		for ; digits < width; digits++ {
			a.b = append(a.b, ' ')
		}
	}
	if neg {
		a.b = append(a.b, '-')
	}
	pad := byte(' ')
	if zero {
		pad = '0'
	}
	for ; digits < width; digits++ {
		a.b = append(a.b, pad)
	}
	a.b = append(a.b, tmp[i:]...)
	return a
}

// F appends v with prec decimals.
func (a *Arena) F(v float64, prec int) *Arena {
	a.b = appendFloat(a.b, v, prec)
	return a
}

// End returns the string appended since Begin.
func (a *Arena) End() string {
	if len(a.b) == a.mark {
		return ""
	}
	return unsafe.String(&a.b[a.mark], len(a.b)-a.mark)
}
