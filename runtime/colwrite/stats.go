package colwrite

import (
	"bytes"
	"encoding/binary"
	"math"

	"github.com/parquet-go/parquet-go/format"
)

// bounds tracks the minimum and maximum of the non-null values seen, in the
// column's type-defined order: signed for INT64 (timestamps and decimals
// too), IEEE for DOUBLE with NaN ignored, false < true for BOOLEAN and
// unsigned lexicographic for BYTE_ARRAY. Byte bounds are copies.
type bounds struct {
	has        bool
	imin, imax int64
	fmin, fmax float64
	bmin, bmax []byte
}

func (b *bounds) reset() {
	b.has = false
	b.bmin = b.bmin[:0]
	b.bmax = b.bmax[:0]
}

func (b *bounds) int64(v int64) {
	if !b.has {
		b.has, b.imin, b.imax = true, v, v
		return
	}
	if v < b.imin {
		b.imin = v
	}
	if v > b.imax {
		b.imax = v
	}
}

func (b *bounds) double(v float64) {
	if v != v { // NaN takes no part in bounds
		return
	}
	if !b.has {
		b.has, b.fmin, b.fmax = true, v, v
		return
	}
	if v < b.fmin {
		b.fmin = v
	}
	if v > b.fmax {
		b.fmax = v
	}
}

func (b *bounds) bytes(v []byte) {
	if !b.has {
		b.has = true
		b.bmin = append(b.bmin[:0], v...)
		b.bmax = append(b.bmax[:0], v...)
		return
	}
	if bytes.Compare(v, b.bmax) > 0 {
		b.bmax = append(b.bmax[:0], v...)
	} else if bytes.Compare(v, b.bmin) < 0 {
		b.bmin = append(b.bmin[:0], v...)
	}
}

func (b *bounds) string(v string) {
	if !b.has {
		b.has = true
		b.bmin = append(b.bmin[:0], v...)
		b.bmax = append(b.bmax[:0], v...)
		return
	}
	if v > string(b.bmax) {
		b.bmax = append(b.bmax[:0], v...)
	} else if v < string(b.bmin) {
		b.bmin = append(b.bmin[:0], v...)
	}
}

// merge folds o into b; both hold values of physical type p.
func (b *bounds) merge(o *bounds, p Physical) {
	if !o.has {
		return
	}
	switch p {
	case ByteArray:
		b.bytes(o.bmin)
		b.bytes(o.bmax)
	case Double:
		b.double(o.fmin)
		b.double(o.fmax)
	default:
		b.int64(o.imin)
		b.int64(o.imax)
	}
}

// statistics renders the bounds and null count as Parquet statistics, into
// newly allocated byte slices when alloc is set (chunk statistics outlive the
// row group's buffers) or into the scratch buffers otherwise (page headers
// are encoded at once).
func (b *bounds) statistics(p Physical, nulls int64, scratch *[2][]byte, alloc bool) format.Statistics {
	s := format.Statistics{NullCount: nulls}
	if !b.has {
		return s
	}
	var lo, hi []byte
	if !alloc {
		lo, hi = scratch[0][:0], scratch[1][:0]
	}
	switch p {
	case ByteArray:
		lo = append(lo, b.bmin...)
		hi = append(hi, b.bmax...)
	case Double:
		mn, mx := b.fmin, b.fmax
		// Readers may assume -0 when the minimum is zero and +0 when the
		// maximum is, so write them that way.
		if mn == 0 {
			mn = math.Copysign(0, -1)
		}
		if mx == 0 {
			mx = 0
		}
		lo = binary.LittleEndian.AppendUint64(lo, math.Float64bits(mn))
		hi = binary.LittleEndian.AppendUint64(hi, math.Float64bits(mx))
	case Int64:
		lo = binary.LittleEndian.AppendUint64(lo, uint64(b.imin))
		hi = binary.LittleEndian.AppendUint64(hi, uint64(b.imax))
	case Boolean:
		lo = append(lo, byte(b.imin))
		hi = append(hi, byte(b.imax))
	}
	if !alloc {
		scratch[0], scratch[1] = lo, hi
	}
	s.MinValue, s.MaxValue = lo, hi
	if p != ByteArray {
		// The deprecated fields use signed order, which is the type order
		// for everything but byte arrays: set them for older readers.
		s.Min, s.Max = lo, hi
	}
	return s
}
