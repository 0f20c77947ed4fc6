package colscan

import (
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding"
)

// Each Scan method calls fn once per data page, in file order (row group by row group).
// vals and valid have one entry per row of the batch; valid[i] is false for a null row,
// and vals[i] is then the zero value. Both slices are reused between calls and must not
// be retained after fn returns. An error returned by fn stops the scan and is returned
// unchanged; read errors are wrapped as "colscan: PATH: column "c": row group N: ...".

// ScanInt64 reads an INT64 or INT32 column (INT32 values are widened).
func (f *File) ScanInt64(col int, fn func(vals []int64, valid []bool) error) error {
	var s batch[int64]
	return f.scan(col, "ScanInt64", []string{"INT64", "INT32"}, s.reset, func(p parquet.Page) error {
		err := s.fill(p, func(v *encoding.Values, buf *[]int64, _ int) ([]int64, error) {
			switch v.Kind() {
			case encoding.Int64:
				return v.Int64(), nil
			case encoding.Int32:
				return widen(v.Int32(), buf), nil
			}
			return nil, fmt.Errorf("unexpected page kind %v", v.Kind())
		})
		if err != nil {
			return readError{err}
		}
		return fn(s.vals, s.valid)
	})
}

// ScanFloat64 reads a DOUBLE or FLOAT column (FLOAT values are widened).
func (f *File) ScanFloat64(col int, fn func(vals []float64, valid []bool) error) error {
	var s batch[float64]
	return f.scan(col, "ScanFloat64", []string{"DOUBLE", "FLOAT"}, s.reset, func(p parquet.Page) error {
		err := s.fill(p, func(v *encoding.Values, buf *[]float64, _ int) ([]float64, error) {
			switch v.Kind() {
			case encoding.Double:
				return v.Double(), nil
			case encoding.Float:
				return widen(v.Float(), buf), nil
			}
			return nil, fmt.Errorf("unexpected page kind %v", v.Kind())
		})
		if err != nil {
			return readError{err}
		}
		return fn(s.vals, s.valid)
	})
}

// ScanBool reads a BOOLEAN column.
func (f *File) ScanBool(col int, fn func(vals []bool, valid []bool) error) error {
	var s batch[bool]
	return f.scan(col, "ScanBool", []string{"BOOLEAN"}, s.reset, func(p parquet.Page) error {
		err := s.fill(p, func(v *encoding.Values, buf *[]bool, n int) ([]bool, error) {
			if v.Kind() != encoding.Boolean {
				return nil, fmt.Errorf("unexpected page kind %v", v.Kind())
			}
			bits := v.Boolean()
			if len(bits)*8 < n {
				return nil, fmt.Errorf("boolean page has %d bits for %d values", len(bits)*8, n)
			}
			out := grow(buf, n)
			for i := range out {
				out[i] = bits[i>>3]>>(i&7)&1 != 0
			}
			return out, nil
		})
		if err != nil {
			return readError{err}
		}
		return fn(s.vals, s.valid)
	})
}

// ScanBytes reads a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column. The byte slices point
// into decoded page memory and are valid only during the call to fn.
func (f *File) ScanBytes(col int, fn func(vals [][]byte, valid []bool) error) error {
	var s batch[[]byte]
	return f.scan(col, "ScanBytes", []string{"BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"}, s.reset, func(p parquet.Page) error {
		if err := s.fill(p, byteViews); err != nil {
			return readError{err}
		}
		return fn(s.vals, s.valid)
	})
}

// byteViews splits encoded byte array values into one slice per value.
func byteViews(v *encoding.Values, buf *[][]byte, _ int) ([][]byte, error) {
	switch v.Kind() {
	case encoding.ByteArray:
		data, offs := v.ByteArray()
		if len(offs) == 0 {
			return grow(buf, 0), nil
		}
		out := grow(buf, len(offs)-1)
		for i := range out {
			a, b := offs[i], offs[i+1]
			if a > b || int(b) > len(data) {
				return nil, errors.New("byte array offsets out of range")
			}
			out[i] = data[a:b:b]
		}
		return out, nil
	case encoding.FixedLenByteArray:
		data, size := v.FixedLenByteArray()
		if size <= 0 {
			return grow(buf, 0), nil
		}
		out := grow(buf, len(data)/size)
		for i := range out {
			out[i] = data[i*size : (i+1)*size : (i+1)*size]
		}
		return out, nil
	}
	return nil, fmt.Errorf("unexpected page kind %v", v.Kind())
}

// batch holds the reusable buffers of one scan.
type batch[T any] struct {
	vals  []T
	valid []bool
	conv  []T // dense values converted from the page
	dconv []T // dictionary values converted
	dict  parquet.Dictionary
	dvals []T
}

// reset forgets the cached dictionary; called at the start of every column chunk.
func (s *batch[T]) reset() { s.dict, s.dvals = nil, nil }

// converter turns encoded values (n of them) into a typed slice, using buf if it must copy.
type converter[T any] func(v *encoding.Values, buf *[]T, n int) ([]T, error)

// fill sets s.vals and s.valid to one entry per row of page p.
func (s *batch[T]) fill(p parquet.Page, conv converter[T]) error {
	data := p.Data()
	var dense, dv []T
	var idx []int32
	nonNull := 0
	if d := p.Dictionary(); d != nil {
		if s.dict != d {
			dd := d.Page().Data()
			vals, err := conv(&dd, &s.dconv, d.Len())
			if err != nil {
				return err
			}
			s.dict, s.dvals = d, vals
		}
		dv = s.dvals
		if data.Kind() != encoding.Int32 {
			return fmt.Errorf("dictionary page indexes have kind %v", data.Kind())
		}
		idx = data.Int32()
		nonNull = len(idx)
	} else {
		var err error
		if dense, err = conv(&data, &s.conv, int(p.NumValues()-p.NumNulls())); err != nil {
			return err
		}
		nonNull = len(dense)
	}
	defs := p.DefinitionLevels()
	if defs == nil {
		n := int(p.NumRows())
		if nonNull < n {
			return fmt.Errorf("page has %d values for %d rows", nonNull, n)
		}
		s.valid = allTrue(&s.valid, n)
		if idx == nil {
			s.vals = dense[:n]
			return nil
		}
		out := grow(&s.vals, n)
		for i, k := range idx[:n] {
			if uint(k) >= uint(len(dv)) {
				return fmt.Errorf("dictionary index %d out of range [0,%d)", k, len(dv))
			}
			out[i] = dv[k]
		}
		return nil
	}
	n := len(defs)
	out, valid := grow(&s.vals, n), grow(&s.valid, n)
	var zero T
	j := 0
	for i, lvl := range defs {
		if lvl == 0 {
			out[i], valid[i] = zero, false
			continue
		}
		if j >= nonNull {
			return fmt.Errorf("page has %d values for more non-null rows", nonNull)
		}
		if idx != nil {
			k := idx[j]
			if uint(k) >= uint(len(dv)) {
				return fmt.Errorf("dictionary index %d out of range [0,%d)", k, len(dv))
			}
			out[i] = dv[k]
		} else {
			out[i] = dense[j]
		}
		valid[i] = true
		j++
	}
	return nil
}

// grow returns (*buf)[:n], reallocating only when the capacity is too small.
func grow[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n, n+n/4)
	}
	*buf = (*buf)[:n]
	return *buf
}

// allTrue returns a slice of n true values, reusing buf when it is already all true.
func allTrue(buf *[]bool, n int) []bool {
	out := grow(buf, n)
	for i := range out {
		out[i] = true
	}
	return out
}

func widen[S int32 | float32, T int64 | float64](in []S, buf *[]T) []T {
	out := grow(buf, len(in))
	for i, v := range in {
		out[i] = T(v)
	}
	return out
}

// scan iterates the pages of column col, recovering from decoder panics.
func (f *File) scan(col int, method string, accept []string, reset func(), page func(parquet.Page) error) (err error) {
	if col < 0 || col >= len(f.cols) {
		return fmt.Errorf("colscan: %s: %s: column index %d out of range [0,%d)", f.path, method, col, len(f.cols))
	}
	c := f.cols[col]
	if !c.Scannable() {
		return fmt.Errorf("colscan: %s: column %q: %w: nested or repeated column (flat schemas only)", f.path, c.Name, ErrUnsupported)
	}
	ok := false
	for _, a := range accept {
		ok = ok || a == c.Physical
	}
	if !ok {
		return fmt.Errorf("colscan: %s: column %q: %s cannot read physical type %s", f.path, c.Name, method, c.Physical)
	}
	rgIndex := 0
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("colscan: %s: column %q: row group %d: %w: %v", f.path, c.Name, rgIndex, ErrCorrupt, p)
		}
	}()
	for i, rg := range f.pf.RowGroups() {
		rgIndex = i
		reset()
		if err := f.scanChunk(rg.ColumnChunks()[c.leaf], page); err != nil {
			var re readError
			if errors.As(err, &re) {
				return fmt.Errorf("colscan: %s: column %q: row group %d: %w: %v", f.path, c.Name, i, ErrCorrupt, re.err)
			}
			return err
		}
	}
	return nil
}

// readError marks errors coming from the Parquet decoder rather than from a callback.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }

func (f *File) scanChunk(cc parquet.ColumnChunk, page func(parquet.Page) error) error {
	pages := cc.Pages()
	defer pages.Close()
	for {
		p, err := pages.ReadPage()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return readError{err}
		}
		err = page(p)
		parquet.Release(p)
		if err != nil {
			return err
		}
	}
}
