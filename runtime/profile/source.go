package profile

import (
	"fmt"

	"github.com/paygen/paygen/runtime/colscan"
)

// colDesc describes one column of the input, as the reader reports it.
type colDesc struct {
	Name      string
	Physical  string // BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, GROUP
	Logical   string // STRING, TIMESTAMP(MICROS,UTC), DECIMAL(12,2), DATE, ... or ""
	Optional  bool
	Scannable bool
	Scale     int
	TimeUnit  string // MILLIS, MICROS, NANOS
}

func descOf(c colscan.Column) colDesc {
	return colDesc{Name: c.Name, Physical: c.Physical, Logical: c.Logical, Optional: c.Optional,
		Scannable: c.Scannable() && c.Physical != "INT96", Scale: c.Scale, TimeUnit: c.TimeUnit}
}

// fileInfo is what the overview needs beyond the columns.
type fileInfo struct {
	Path        string
	Size        int64
	RowGroups   int
	Compression string
	CreatedBy   string
	Metadata    map[string]string
}

// scanColumn reads one column into its worker with the matching batch reader.
func scanColumn(f *colscan.File, w *colWorker) error {
	p := w.p
	switch p.read {
	case rBool:
		return f.BoolBatches(p.idx, w.onBool)
	case rFloat64:
		return f.Float64Batches(p.idx, w.onFloat)
	case rBytes:
		return f.BytesBatches(p.idx, w.onBytes)
	}
	return f.Int64Batches(p.idx, w.onInt)
}

func (w *colWorker) aligned(row int64) error {
	if row != w.row {
		return fmt.Errorf("column %q: batch starts at row %d, expected %d", w.p.desc.Name, row, w.row)
	}
	return nil
}

func (w *colWorker) onBool(b *colscan.Batch[bool]) error {
	if err := w.aligned(b.Row); err != nil {
		return err
	}
	return w.bools(b.Values, b.Valid)
}

func (w *colWorker) onFloat(b *colscan.Batch[float64]) error {
	if err := w.aligned(b.Row); err != nil {
		return err
	}
	return w.numeric(b.Values, b.Valid)
}

func (w *colWorker) onInt(b *colscan.Batch[int64]) error {
	if err := w.aligned(b.Row); err != nil {
		return err
	}
	switch {
	case w.p.kind == kTime:
		return w.times(b.Values, b.Valid)
	case w.p.kind == kBool:
		return w.boolInt(b.Values, b.Valid)
	case w.p.intText:
		return w.intText(b.Values, b.Valid)
	}
	return w.numericInt(b.Values, b.Valid)
}

func (w *colWorker) onBytes(b *colscan.Batch[[]byte]) error {
	if err := w.aligned(b.Row); err != nil {
		return err
	}
	if b.Dict == nil || b.Index == nil || len(b.Dict) > maxDictCache {
		return w.bytes(b.Values, b.Valid)
	}
	w.prepareDict(b.Dict, b.DictID)
	vals, idx, valid := b.Values, b.Index, b.Valid
	for len(vals) > 0 {
		seg, room := w.begin()
		if seg == nil {
			return errStopped
		}
		n := min(room, len(vals))
		w.bytesDictChunk(seg, vals[:n], idx[:n], valid[:n])
		if !w.commit(n) {
			return errStopped
		}
		vals, idx, valid = vals[n:], idx[n:], valid[n:]
	}
	return nil
}
