package colscan

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"golang.org/x/sync/errgroup"
)

// Whole rows, for analyses that need them (learnability, the realism scorecard): ReadRows
// scans each column a row type names in its own goroutine, page by page, into chunks, and
// assembles rows from the chunks in file order, n at a time. Memory is a few pages per
// column, whatever the row group size; the columns are read with the Batch methods, so
// every page is checked as in any other scan.

// Field is one column of a row type: the Parquet name (the first part of the field's
// `parquet` tag), the physical type its Go type reads, and whether the field is a pointer
// (nil for a null).
type Field struct {
	Name     string
	Physical string // BYTE_ARRAY, INT64, DOUBLE or BOOLEAN
	Optional bool

	kind   reflect.Kind // of the value (behind the pointer for optional fields)
	offset uintptr      // of the field in the row type
	null   int          // offset of a bool set for nulls (Cell.Null), or -1
}

// Fields lists the columns of row type R in field order. R is a struct whose fields are
// string, int64, float64, bool or pointers to them, each tagged `parquet:"name,..."`;
// Fields panics on anything else (a programming error, not a property of a file).
func Fields[R any]() []Field {
	t := reflect.TypeFor[R]()
	physical := map[reflect.Kind]string{reflect.String: "BYTE_ARRAY", reflect.Int64: "INT64",
		reflect.Float64: "DOUBLE", reflect.Bool: "BOOLEAN"}
	var out []Field
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("parquet"), ",")
		f := Field{Name: name, offset: sf.Offset, kind: sf.Type.Kind(), null: -1}
		if f.kind == reflect.Pointer {
			f.Optional, f.kind = true, sf.Type.Elem().Kind()
		}
		f.Physical = physical[f.kind]
		if name == "" || f.Physical == "" {
			panic(fmt.Sprintf("colscan: %s field %s (%s) has no Parquet column ReadRows knows", t, sf.Name, sf.Type))
		}
		out = append(out, f)
	}
	return out
}

// ReadRows reads the rows of f (of its row group for an InRowGroup view) as values of R,
// the columns named by Fields[R], and calls fn with up to n rows at a time, in file order.
// The slice is reused between calls, and rows of a dictionary page share the strings a
// pointer field points to (read them, do not write through them). An error of fn stops the
// read and is returned unchanged; a missing column or a read error reads "colscan: PATH: ...".
func ReadRows[R any](f *File, n int, fn func(rows []R) error) error {
	return ReadRowsWith(f, n, nil, func(rows []R, _ [][]Cell) error { return fn(rows) })
}

// Cell is one value of a column chosen at run time (ReadRowsWith): Str for a BYTE_ARRAY or
// FIXED_LEN_BYTE_ARRAY column, Int for INT64 or INT32, Float for DOUBLE or FLOAT, Bool for
// BOOLEAN; Null for a null (the value is then the zero value).
type Cell struct {
	Str   string
	Int   int64
	Float float64
	Bool  bool
	Null  bool
}

// ReadRowsWith is ReadRows that also reads the file's columns extra (column indexes, flat
// ones), handed to fn with each batch as one []Cell per column: extra[c][i] is column
// extra[c] of rows[i]. The cells are reused between calls too.
func ReadRowsWith[R any](f *File, n int, extra []int, fn func(rows []R, extra [][]Cell) error) (err error) {
	fields := Fields[R]()
	cols := make([]int, len(fields))
	for i, fd := range fields {
		if cols[i] = f.ColumnIndex(fd.Name); cols[i] < 0 {
			return fmt.Errorf("colscan: %s: no column %q", f.path, fd.Name)
		}
	}
	cells := make([]Field, len(extra))
	for i, col := range extra {
		if col < 0 || col >= len(f.cols) {
			return fmt.Errorf("colscan: %s: column index %d out of range [0,%d)", f.path, col, len(f.cols))
		}
		if cells[i], err = cellField(f.cols[col]); err != nil {
			return fmt.Errorf("colscan: %s: column %q: %w", f.path, f.cols[col].Name, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	g, gctx := errgroup.WithContext(ctx)
	defer func() {
		cancel()
		if werr := g.Wait(); werr != nil && (err == nil || errors.Is(err, errShortColumn)) && !errors.Is(werr, context.Canceled) {
			err = werr // a column's read error explains its short feed
		}
	}()
	feeds := startFeeds[R](gctx, g, f, cols, fields)
	cellFeeds := startFeeds[Cell](gctx, g, f, extra, cells)
	n = max(n, 1)
	buf := make([]R, n)
	cellBuf := make([][]Cell, len(extra))
	for i := range cellBuf {
		cellBuf[i] = make([]Cell, n)
	}
	out := make([][]Cell, len(extra))
	for left := f.rgStart[f.rgHi] - f.rgStart[f.rgLo]; left > 0; {
		k := int(min(int64(n), left))
		rows := buf[:k]
		clear(rows)
		for _, fd := range feeds {
			if err := fd.fill(rows); err != nil {
				return err
			}
		}
		for i, fd := range cellFeeds {
			out[i] = cellBuf[i][:k]
			clear(out[i])
			if err := fd.fill(out[i]); err != nil {
				return err
			}
		}
		if err := fn(rows, out); err != nil {
			return err
		}
		left -= int64(k)
	}
	return nil
}

// startFeeds starts one goroutine per field, scanning column cols[i] of f into chunks of
// rows of type R, and returns the assembler's ends.
func startFeeds[R any](ctx context.Context, g *errgroup.Group, f *File, cols []int, fields []Field) []*feed[R] {
	feeds := make([]*feed[R], len(fields))
	for i := range fields {
		fd := &fields[i]
		ch := make(chan chunk[R], 1)
		feeds[i] = &feed[R]{path: f.path, name: fd.Name, ch: ch}
		g.Go(func() error {
			defer close(ch)
			return scanField(f, cols[i], fd, func(c chunk[R]) error {
				select {
				case ch <- c:
					return nil
				case <-ctx.Done():
					return context.Canceled
				}
			})
		})
	}
	return feeds
}

// cellField is the Field of Cell that holds column c's values.
func cellField(c Column) (Field, error) {
	var zero Cell
	fd := Field{Name: c.Name, Physical: c.Physical, null: int(unsafe.Offsetof(zero.Null))}
	switch c.Physical {
	case "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY":
		fd.kind, fd.offset = reflect.String, unsafe.Offsetof(zero.Str)
	case "INT64", "INT32":
		fd.kind, fd.offset = reflect.Int64, unsafe.Offsetof(zero.Int)
	case "DOUBLE", "FLOAT":
		fd.kind, fd.offset = reflect.Float64, unsafe.Offsetof(zero.Float)
	case "BOOLEAN":
		fd.kind, fd.offset = reflect.Bool, unsafe.Offsetof(zero.Bool)
	default:
		return Field{}, fmt.Errorf("%w: %s values", ErrUnsupported, c.Type())
	}
	return fd, nil
}

// fieldAt returns a pointer to the field at offset off of row r, typed T (the field's type).
func fieldAt[T, R any](r *R, off uintptr) *T {
	return (*T)(unsafe.Add(unsafe.Pointer(r), off))
}

// chunk is one page of one column, copied out of the scan's reused buffers.
type chunk[R any] struct {
	n   int
	set func(dst []R, lo int) // writes rows lo .. lo+len(dst) of the chunk into dst
}

// scanField scans field fd (column col of f) and sends one chunk per page.
func scanField[R any](f *File, col int, fd *Field, send func(chunk[R]) error) error {
	switch fd.kind {
	case reflect.String:
		dictID := -1
		var dict []string
		return f.BytesBatches(col, func(b *Batch[[]byte]) error {
			if b.Dict == nil {
				vals := make([]string, b.Len())
				for i := range vals {
					if b.Valid[i] {
						vals[i] = string(b.Values[i])
					}
				}
				return send(column[string, R](fd, vals, b.Valid))
			}
			if b.DictID != dictID {
				dictID, dict = b.DictID, make([]string, len(b.Dict))
				for i, v := range b.Dict {
					dict[i] = string(v)
				}
			}
			// the page's dictionary indexes (in range: the batch's fill checked them), not
			// its strings: a quarter of the memory while the chunk waits
			index := make([]int32, b.Len()) // b.Index is empty on a page of nulls only
			copy(index, b.Index)
			return send(dictColumn[R](fd, dict, index, b.Valid))
		})
	case reflect.Int64:
		return f.Int64Batches(col, func(b *Batch[int64]) error {
			return send(column[int64, R](fd, append([]int64(nil), b.Values...), b.Valid))
		})
	case reflect.Float64:
		return f.Float64Batches(col, func(b *Batch[float64]) error {
			return send(column[float64, R](fd, append([]float64(nil), b.Values...), b.Valid))
		})
	default:
		return f.BoolBatches(col, func(b *Batch[bool]) error {
			return send(column[bool, R](fd, append([]bool(nil), b.Values...), b.Valid))
		})
	}
}

// column makes the chunk of one page: vals (owned by the chunk) and, for an optional
// field, which rows are null (copied). A required field reads a null as the zero value.
func column[T, R any](fd *Field, vals []T, valid []bool) chunk[R] {
	off := fd.offset
	if fd.null >= 0 {
		ok, null := append([]bool(nil), valid...), uintptr(fd.null)
		return chunk[R]{n: len(vals), set: func(dst []R, lo int) {
			for i := range dst {
				*fieldAt[T](&dst[i], off) = vals[lo+i]
				*fieldAt[bool](&dst[i], null) = !ok[lo+i]
			}
		}}
	}
	if !fd.Optional {
		return chunk[R]{n: len(vals), set: func(dst []R, lo int) {
			for i := range dst {
				*fieldAt[T](&dst[i], off) = vals[lo+i]
			}
		}}
	}
	ok := append([]bool(nil), valid...)
	return chunk[R]{n: len(vals), set: func(dst []R, lo int) {
		for i := range dst {
			if ok[lo+i] {
				*fieldAt[*T](&dst[i], off) = &vals[lo+i]
			}
		}
	}}
}

// dictColumn is column for a dictionary page of strings: row i is dict[index[i]], or null
// (the zero value for a required field) where valid[i] is false. index is the chunk's own.
func dictColumn[R any](fd *Field, dict []string, index []int32, valid []bool) chunk[R] {
	for i, ok := range valid {
		if !ok {
			index[i] = -1
		}
	}
	off, null := fd.offset, uintptr(max(fd.null, 0))
	if !fd.Optional {
		return chunk[R]{n: len(index), set: func(dst []R, lo int) {
			for i := range dst {
				if k := index[lo+i]; k >= 0 {
					*fieldAt[string](&dst[i], off) = dict[k]
				} else if fd.null >= 0 {
					*fieldAt[bool](&dst[i], null) = true
				}
			}
		}}
	}
	return chunk[R]{n: len(index), set: func(dst []R, lo int) {
		for i := range dst {
			if k := index[lo+i]; k >= 0 {
				*fieldAt[*string](&dst[i], off) = &dict[k]
			}
		}
	}}
}

// feed is the assembler's end of one column: the chunk being read and the ones to come.
type feed[R any] struct {
	path, name string
	ch         <-chan chunk[R]
	cur        chunk[R]
	pos        int
}

var errShortColumn = errors.New("fewer values than rows")

// fill writes the next len(rows) values of the column into rows.
func (fd *feed[R]) fill(rows []R) error {
	for len(rows) > 0 {
		if fd.pos == fd.cur.n {
			c, ok := <-fd.ch
			if !ok {
				return fmt.Errorf("colscan: %s: column %q: %w", fd.path, fd.name, errShortColumn)
			}
			fd.cur, fd.pos = c, 0
			continue
		}
		k := min(len(rows), fd.cur.n-fd.pos)
		fd.cur.set(rows[:k], fd.pos)
		fd.pos += k
		rows = rows[k:]
	}
	return nil
}
