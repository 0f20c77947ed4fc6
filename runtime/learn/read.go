package learn

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"golang.org/x/sync/errgroup"

	"github.com/paygen/paygen/runtime/colscan"
)

// The analysis reads files through colscan, the one Parquet reader of the analysis layer:
// one goroutine scans each column the Row type names, page by page, into chunks; the
// assembler takes BatchRows rows at a time from every column's chunks and hands them to the
// Analyzer in file order. Memory is a few pages per column, whatever the row group size.

// rowField is one column of Row: its Parquet name and physical type (from the generated
// row type's tags and Go type), whether Row allows nulls there, and where the value goes.
type rowField struct {
	name     string
	physical string       // BYTE_ARRAY, INT64, DOUBLE or BOOLEAN
	optional bool         // a pointer field: the column may be optional
	kind     reflect.Kind // of the value (behind the pointer for optional fields)
	offset   uintptr      // of the field in Row
}

// rowFields lists Row's columns in order, read off the generated type once.
var rowFields = fieldsOf(reflect.TypeFor[Row]())

func fieldsOf(t reflect.Type) []rowField {
	physical := map[reflect.Kind]string{reflect.String: "BYTE_ARRAY", reflect.Int64: "INT64",
		reflect.Float64: "DOUBLE", reflect.Bool: "BOOLEAN"}
	var out []rowField
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("parquet"), ",")
		f := rowField{name: name, offset: sf.Offset, kind: sf.Type.Kind()}
		if f.kind == reflect.Pointer {
			f.optional, f.kind = true, sf.Type.Elem().Kind()
		}
		f.physical = physical[f.kind]
		if name == "" || f.physical == "" {
			panic(fmt.Sprintf("learn: Row field %s (%s) has no Parquet column the reader knows", sf.Name, sf.Type))
		}
		out = append(out, f)
	}
	return out
}

// fieldAt returns a pointer to field f of row r, typed T (the field's type).
func fieldAt[T any](r *Row, f *rowField) *T {
	return (*T)(unsafe.Add(unsafe.Pointer(r), f.offset))
}

// chunk is one page of one column, copied out of colscan's reused buffers.
type chunk struct {
	n   int
	set func(dst []Row, lo int) // writes rows lo .. lo+len(dst) of the chunk into dst
}

// scanField scans field f (column col of cf) and sends one chunk per page.
func scanField(cf *colscan.File, col int, f *rowField, send func(chunk) error) error {
	switch f.kind {
	case reflect.String:
		var dictID = -1
		var dict []string
		return cf.BytesBatches(col, func(b *colscan.Batch[[]byte]) error {
			if b.Dict != nil && b.DictID != dictID {
				dictID, dict = b.DictID, make([]string, len(b.Dict))
				for i, v := range b.Dict {
					dict[i] = string(v)
				}
			}
			vals := make([]string, b.Len())
			for i := range vals {
				switch {
				case !b.Valid[i]:
				case b.Dict != nil:
					k := int(b.Index[i])
					if k < 0 || k >= len(dict) {
						return fmt.Errorf("colscan: column %s: dictionary index %d out of range [0,%d)", f.name, k, len(dict))
					}
					vals[i] = dict[k]
				default:
					vals[i] = string(b.Values[i])
				}
			}
			return send(column(f, vals, b.Valid))
		})
	case reflect.Int64:
		return cf.Int64Batches(col, func(b *colscan.Batch[int64]) error {
			return send(column(f, append([]int64(nil), b.Values...), b.Valid))
		})
	case reflect.Float64:
		return cf.Float64Batches(col, func(b *colscan.Batch[float64]) error {
			return send(column(f, append([]float64(nil), b.Values...), b.Valid))
		})
	default:
		return cf.BoolBatches(col, func(b *colscan.Batch[bool]) error {
			return send(column(f, append([]bool(nil), b.Values...), b.Valid))
		})
	}
}

// column makes the chunk of one page: vals (owned by the chunk) and, for an optional
// field, which rows are null (copied).
func column[T any](f *rowField, vals []T, valid []bool) chunk {
	if !f.optional {
		return chunk{n: len(vals), set: func(dst []Row, lo int) {
			for i := range dst {
				*fieldAt[T](&dst[i], f) = vals[lo+i]
			}
		}}
	}
	ok := append([]bool(nil), valid...)
	return chunk{n: len(vals), set: func(dst []Row, lo int) {
		for i := range dst {
			if ok[lo+i] {
				*fieldAt[*T](&dst[i], f) = &vals[lo+i]
			}
		}
	}}
}

// feed is the assembler's end of one column: the chunk being read and the ones to come.
type feed struct {
	name string
	ch   <-chan chunk
	cur  chunk
	pos  int
}

var errShortColumn = errors.New("column has fewer values than the file has rows")

// fill writes the next len(rows) values of the column into rows.
func (fd *feed) fill(rows []Row) error {
	for len(rows) > 0 {
		if fd.pos == fd.cur.n {
			c, ok := <-fd.ch
			if !ok {
				return fmt.Errorf("column %s: %w", fd.name, errShortColumn)
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

// readRows streams every row of cf into a, in file order. cols[i] is the file's column
// index of rowFields[i].
func readRows(cf *colscan.File, cols []int, a *Analyzer) (err error) {
	ctx, cancel := context.WithCancel(context.Background())
	g, gctx := errgroup.WithContext(ctx)
	defer func() {
		cancel()
		if werr := g.Wait(); werr != nil && (err == nil || errors.Is(err, errShortColumn)) && !errors.Is(werr, context.Canceled) {
			err = werr // a column's read error explains its short feed
		}
	}()
	feeds := make([]*feed, len(rowFields))
	for i := range rowFields {
		f := &rowFields[i]
		ch := make(chan chunk, 2)
		feeds[i] = &feed{name: f.name, ch: ch}
		g.Go(func() error {
			defer close(ch)
			return scanField(cf, cols[i], f, func(c chunk) error {
				select {
				case ch <- c:
					return nil
				case <-gctx.Done():
					return context.Canceled
				}
			})
		})
	}
	buf := make([]Row, BatchRows)
	for left := cf.NumRows(); left > 0; {
		rows := buf[:min(int64(len(buf)), left)]
		clear(rows)
		for _, fd := range feeds {
			if err := fd.fill(rows); err != nil {
				return err
			}
		}
		for i := range rows {
			if err := a.Add(&rows[i]); err != nil {
				return err
			}
		}
		left -= int64(len(rows))
	}
	return nil
}
