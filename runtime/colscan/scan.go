package colscan

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding"
)

// Batch is one data page of a column, expanded to one entry per row.
// All slices are reused between calls and must not be retained after the callback returns;
// byte slices point into decoded page memory.
type Batch[T any] struct {
	// Values has one entry per row; the zero value for null rows.
	Values []T
	// Valid[i] is false when row i is null.
	Valid []bool
	// Dict is the dictionary of a dictionary-encoded page, else nil. Index[i] is the
	// dictionary index of row i (0 for null rows), so Values[i] == Dict[Index[i]].
	Dict  []T
	Index []int32
	// DictID identifies Dict: it is unique in the process and changes exactly when the
	// dictionary does (at most once per column chunk), so per-entry results can be cached.
	DictID int
	// Row is the index within the file of the first row of the batch; RowGroup its row group.
	Row      int64
	RowGroup int
}

// Len returns the number of rows in the batch.
func (b *Batch[T]) Len() int { return len(b.Valid) }

// Each Scan method calls fn once per data page, in file order (row group by row group).
// vals and valid have one entry per row of the batch; valid[i] is false for a null row,
// and vals[i] is then the zero value. Both slices are reused between calls and must not
// be retained after fn returns. An error returned by fn stops the scan and is returned
// unchanged; read errors are wrapped as "colscan: PATH: column "c": row group N: ...".

// ScanInt64 reads an INT64 or INT32 column (INT32 values are widened).
func (f *File) ScanInt64(col int, fn func(vals []int64, valid []bool) error) error {
	return f.Int64Batches(col, func(b *Batch[int64]) error { return fn(b.Values, b.Valid) })
}

// ScanFloat64 reads a DOUBLE or FLOAT column (FLOAT values are widened).
func (f *File) ScanFloat64(col int, fn func(vals []float64, valid []bool) error) error {
	return f.Float64Batches(col, func(b *Batch[float64]) error { return fn(b.Values, b.Valid) })
}

// ScanBool reads a BOOLEAN column.
func (f *File) ScanBool(col int, fn func(vals []bool, valid []bool) error) error {
	return f.BoolBatches(col, func(b *Batch[bool]) error { return fn(b.Values, b.Valid) })
}

// ScanBytes reads a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column. The byte slices point
// into decoded page memory and are valid only during the call to fn.
func (f *File) ScanBytes(col int, fn func(vals [][]byte, valid []bool) error) error {
	return f.BytesBatches(col, func(b *Batch[[]byte]) error { return fn(b.Values, b.Valid) })
}

// Int64Batches is ScanInt64 with the full batch description.
func (f *File) Int64Batches(col int, fn func(*Batch[int64]) error) error {
	return scanBatches(f, col, "ScanInt64", []string{"INT64", "INT32"}, func(v *encoding.Values, buf *[]int64, _ int) ([]int64, error) {
		switch v.Kind() {
		case encoding.Int64:
			return v.Int64(), nil
		case encoding.Int32:
			return widen(v.Int32(), buf), nil
		}
		return nil, fmt.Errorf("unexpected page kind %v", v.Kind())
	}, fn)
}

// Float64Batches is ScanFloat64 with the full batch description.
func (f *File) Float64Batches(col int, fn func(*Batch[float64]) error) error {
	return scanBatches(f, col, "ScanFloat64", []string{"DOUBLE", "FLOAT"}, func(v *encoding.Values, buf *[]float64, _ int) ([]float64, error) {
		switch v.Kind() {
		case encoding.Double:
			return v.Double(), nil
		case encoding.Float:
			return widen(v.Float(), buf), nil
		}
		return nil, fmt.Errorf("unexpected page kind %v", v.Kind())
	}, fn)
}

// BoolBatches is ScanBool with the full batch description.
func (f *File) BoolBatches(col int, fn func(*Batch[bool]) error) error {
	return scanBatches(f, col, "ScanBool", []string{"BOOLEAN"}, func(v *encoding.Values, buf *[]bool, n int) ([]bool, error) {
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
	}, fn)
}

// BytesBatches is ScanBytes with the full batch description.
func (f *File) BytesBatches(col int, fn func(*Batch[[]byte]) error) error {
	return scanBatches(f, col, "ScanBytes", []string{"BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"}, byteViews, fn)
}

// Buffer pools, one per value type, so that repeated scans reuse their buffers.
var (
	poolInt64   = sync.Pool{New: func() any { return new(batch[int64]) }}
	poolFloat64 = sync.Pool{New: func() any { return new(batch[float64]) }}
	poolBool    = sync.Pool{New: func() any { return new(batch[bool]) }}
	poolBytes   = sync.Pool{New: func() any { return new(batch[[]byte]) }}
)

func poolOf[T any]() *sync.Pool {
	switch any((*T)(nil)).(type) {
	case *int64:
		return &poolInt64
	case *float64:
		return &poolFloat64
	case *bool:
		return &poolBool
	default:
		return &poolBytes
	}
}

func scanBatches[T any](f *File, col int, method string, accept []string, conv converter[T], fn func(*Batch[T]) error) error {
	pool := poolOf[T]()
	s := pool.Get().(*batch[T])
	defer func() {
		s.release()
		pool.Put(s)
	}()
	return f.scan(col, method, accept, s.reset, func(p parquet.Page, row int64, rg int) error {
		if err := s.fill(p, conv); err != nil {
			return readError{err}
		}
		s.out.Row, s.out.RowGroup = row, rg
		return callback(fn, &s.out)
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

// callbackPanic carries a panic raised by a caller's callback through scan's recover.
type callbackPanic struct{ v any }

func callback[T any](fn func(*Batch[T]) error, b *Batch[T]) (err error) {
	defer func() {
		if p := recover(); p != nil {
			panic(callbackPanic{p})
		}
	}()
	return fn(b)
}

// dictIDs numbers dictionaries process-wide, so a DictID is never reused.
var dictIDs atomic.Int64

// batch holds the reusable buffers of one scan.
type batch[T any] struct {
	out    Batch[T]
	vbuf   []T     // owned storage for out.Values (out.Values may instead alias page memory)
	ibuf   []int32 // owned storage for out.Index
	valid  []bool  // owned storage for out.Valid
	conv   []T     // dense values converted from the page
	dconv  []T     // dictionary values converted
	dict   parquet.Dictionary
	dvals  []T
	dictID int
}

// release prepares the buffers to go back to the pool. Byte-slice buffers may keep
// pointing into old page memory until they are reused (they are never read before being
// written) or the pool is emptied by the garbage collector; clearing them would cost more
// than the scan of a small column.
func (s *batch[T]) release() {
	s.reset()
	s.dictID = 0
	s.out = Batch[T]{}
}

// reset forgets the cached dictionary; called at the start of every column chunk.
func (s *batch[T]) reset() { s.dict, s.dvals = nil, nil }

// converter turns encoded values (n of them) into a typed slice, using buf if it must copy.
type converter[T any] func(v *encoding.Values, buf *[]T, n int) ([]T, error)

// fill sets s.out to one entry per row of page p.
func (s *batch[T]) fill(p parquet.Page, conv converter[T]) error {
	data := p.Data()
	o := &s.out
	var dense, dv []T
	var idx []int32
	nonNull := 0
	o.Dict, o.Index = nil, nil
	if d := p.Dictionary(); d != nil {
		if s.dict != d {
			dd := d.Page().Data()
			vals, err := conv(&dd, &s.dconv, d.Len())
			if err != nil {
				return err
			}
			s.dict, s.dvals = d, vals
			s.dictID = int(dictIDs.Add(1))
		}
		dv = s.dvals
		if data.Kind() != encoding.Int32 {
			return fmt.Errorf("dictionary page indexes have kind %v", data.Kind())
		}
		idx = data.Int32()
		nonNull = len(idx)
		o.Dict, o.DictID = dv, s.dictID
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
		o.Valid = allTrue(&s.valid, n)
		if idx == nil {
			o.Values = dense[:n]
			return nil
		}
		out := grow(&s.vbuf, n)
		o.Values = out
		for i, k := range idx[:n] {
			if uint(k) >= uint(len(dv)) {
				return fmt.Errorf("dictionary index %d out of range [0,%d)", k, len(dv))
			}
			out[i] = dv[k]
		}
		o.Index = idx[:n]
		return nil
	}
	n := len(defs)
	out, valid := grow(&s.vbuf, n), grow(&s.valid, n)
	o.Values, o.Valid = out, valid
	var index []int32
	if idx != nil {
		index = grow(&s.ibuf, n)
	}
	var zero T
	j := 0
	for i, lvl := range defs {
		if lvl == 0 {
			out[i], valid[i] = zero, false
			if index != nil {
				index[i] = 0
			}
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
			out[i], index[i] = dv[k], k
		} else {
			out[i] = dense[j]
		}
		valid[i] = true
		j++
	}
	o.Index = index
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
func (f *File) scan(col int, method string, accept []string, reset func(), page func(p parquet.Page, row int64, rg int) error) (err error) {
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
			if cp, ok := p.(callbackPanic); ok {
				panic(cp.v) // a bug in the caller's callback, not a corrupt file
			}
			err = fmt.Errorf("colscan: %s: column %q: row group %d: %w: %v", f.path, c.Name, rgIndex, ErrCorrupt, p)
		}
	}()
	rgs := f.pf.RowGroups()
	for i := f.rgLo; i < f.rgHi; i++ {
		rgIndex = i
		reset()
		row := f.rgStart[i]
		md := &f.pf.Metadata().RowGroups[i].Columns[c.leaf].MetaData
		if err := checkCodec(md.Codec); err != nil {
			return fmt.Errorf("colscan: %s: column %q: row group %d: %w", f.path, c.Name, i, err)
		}
		if err := checkChunkPages(f.osf, md, c.Physical, f.rgStart[i+1]-row, true, c.Optional); err != nil {
			return fmt.Errorf("colscan: %s: column %q: row group %d: %w: %v", f.path, c.Name, i, ErrCorrupt, err)
		}
		err := f.scanChunk(rgs[i].ColumnChunks()[c.leaf], func(p parquet.Page) error {
			err := page(p, row, i)
			row += p.NumRows()
			return err
		})
		if err == nil && row != f.rgStart[i+1] {
			err = readError{fmt.Errorf("column chunk has %d rows, row group has %d", row-f.rgStart[i], f.rgStart[i+1]-f.rgStart[i])}
		}
		if err != nil {
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
