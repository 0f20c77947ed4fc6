package colwrite

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

const magic = "PAR1"

// Writer writes finished row groups to a Parquet file, in the order given.
// It is not safe for concurrent use; encode row groups concurrently and hand
// them to one Writer in order.
type Writer struct {
	w         io.Writer
	off       int64
	cols      []Column
	schema    thrift.Slice[format.SchemaElement]
	kv        thrift.Slice[format.KeyValue]
	createdBy string
	groups    sink            // the row groups' metadata, thrift-encoded one after another
	genc      *thrift.Encoder // encodes into groups
	ngroups   int
	rows      int64
	closed    bool
	err       error
	copyBuf   []byte // copying spooled chunks
}

// NewWriter writes the file header to w and returns a Writer for files with
// columns cols, key-value metadata kv (written in order) and created_by
// createdBy (for example "paygen version 1.2.0").
func NewWriter(w io.Writer, cols []Column, kv [][2]string, createdBy string) (*Writer, error) {
	if err := Validate(cols); err != nil {
		return nil, err
	}
	pw := &Writer{w: w, cols: append([]Column(nil), cols...), createdBy: createdBy}
	pw.genc = thrift.NewEncoder(new(thrift.CompactProtocol).NewWriter(&pw.groups))
	pw.schema = append(pw.schema, format.SchemaElement{
		Name:        "schema",
		NumChildren: thrift.New(int32(len(cols))),
	})
	for _, c := range cols {
		pw.schema = append(pw.schema, c.schemaElement())
	}
	for _, p := range kv {
		pw.kv = append(pw.kv, format.KeyValue{Key: p[0], Value: p[1]})
	}
	if err := pw.write([]byte(magic)); err != nil {
		return nil, err
	}
	return pw, nil
}

// copyFrom writes the first n bytes of r (a chunk's spooled pages).
func (w *Writer) copyFrom(r io.ReaderAt, n int64) error {
	if n == 0 {
		return w.err
	}
	if w.copyBuf == nil {
		w.copyBuf = make([]byte, 1<<20)
	}
	for off := int64(0); off < n; {
		b := w.copyBuf[:min(int64(len(w.copyBuf)), n-off)]
		if _, err := r.ReadAt(b, off); err != nil {
			return fmt.Errorf("colwrite: reading a spooled column chunk: %w", err)
		}
		if err := w.write(b); err != nil {
			return err
		}
		off += int64(len(b))
	}
	return nil
}

func (w *Writer) write(b []byte) error {
	if w.err != nil {
		return w.err
	}
	n, err := w.w.Write(b)
	w.off += int64(n)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	if err != nil {
		w.err = fmt.Errorf("colwrite: writing file: %w", err)
	}
	return w.err
}

// WriteRowGroup appends the finished row group rg and records its metadata
// with file offsets. rg may be Reset and reused once this returns. A row
// group of zero rows is skipped.
func (w *Writer) WriteRowGroup(rg *RowGroup) error {
	switch {
	case w.closed:
		return errors.New("colwrite: write to a closed writer")
	case w.err != nil:
		return w.err
	case !rg.finished:
		return errors.New("colwrite: row group not finished")
	case len(rg.cols) != len(w.cols):
		return fmt.Errorf("colwrite: row group has %d columns, file has %d", len(rg.cols), len(w.cols))
	}
	for i, c := range rg.cols {
		if c.spec != w.cols[i] {
			return fmt.Errorf("colwrite: row group column %d is %+v, file column is %+v", i, c.spec, w.cols[i])
		}
	}
	if rg.rows == 0 {
		return nil
	}
	g := format.RowGroup{
		Columns:    make(thrift.Slice[format.ColumnChunk], len(rg.cols)),
		NumRows:    rg.rows,
		Ordinal:    int16(min(w.ngroups, math.MaxInt16)),
		FileOffset: w.off,
	}
	for i := range rg.cols {
		chunk, dict, file, spooled, pages, err := rg.chunk(i)
		if err != nil {
			return err
		}
		start := w.off
		if len(dict) > 0 {
			chunk.MetaData.DictionaryPageOffset = start
		}
		chunk.MetaData.DataPageOffset += start
		chunk.FileOffset = start
		if err := w.write(dict); err != nil {
			return err
		}
		if err := w.copyFrom(file, spooled); err != nil {
			return err
		}
		for _, b := range pages {
			if err := w.write(b); err != nil {
				return err
			}
		}
		g.Columns[i] = chunk
		g.TotalByteSize += chunk.MetaData.TotalUncompressedSize
		g.TotalCompressedSize += chunk.MetaData.TotalCompressedSize
	}
	// The metadata is kept encoded: a 100 M-row file has ~18,000 column
	// chunks, whose decoded metadata (~12 MB of small objects) the collector
	// would otherwise scan for the whole write.
	if err := w.genc.Encode(&g); err != nil {
		w.err = fmt.Errorf("colwrite: encoding row group metadata: %w", err)
		return w.err
	}
	w.ngroups++
	w.rows += rg.rows
	return nil
}

// Close writes the footer (schema, row groups, key-value metadata,
// created_by) and the trailer. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	if w.err != nil {
		return w.err
	}
	orders := make(thrift.Slice[format.ColumnOrder], len(w.cols))
	for i := range orders {
		orders[i] = format.ColumnOrder{Value: &format.TypeDefinedOrder{}}
	}
	meta := format.FileMetaData{
		Version:          2,
		Schema:           w.schema,
		NumRows:          w.rows,
		KeyValueMetadata: w.kv,
		CreatedBy:        w.createdBy,
		ColumnOrders:     orders,
	}
	footer, err := spliceRowGroups(&meta, w.groups.b, w.ngroups)
	if err != nil {
		w.err = fmt.Errorf("colwrite: encoding footer: %w", err)
		return w.err
	}
	footer = binary.LittleEndian.AppendUint32(footer, uint32(len(footer)))
	footer = append(footer, magic...)
	return w.write(footer)
}

// spliceRowGroups encodes meta, whose RowGroups is empty, with the n
// row groups already encoded in groups in its place: the bytes are those of
// meta with the decoded row groups. The row groups (field 4) follow
// version, schema and num_rows (fields 1-3), so meta's encoding is split
// after the header of its empty row-group list, found by encoding those
// three fields alone.
func spliceRowGroups(meta *format.FileMetaData, groups []byte, n int) ([]byte, error) {
	encode := func(v *format.FileMetaData) ([]byte, error) {
		var b sink
		err := thrift.NewEncoder(new(thrift.CompactProtocol).NewWriter(&b)).Encode(v)
		return b.b, err
	}
	full, err := encode(meta)
	if err != nil {
		return nil, err
	}
	head, err := encode(&format.FileMetaData{Version: meta.Version, Schema: meta.Schema, NumRows: meta.NumRows})
	if err != nil {
		return nil, err
	}
	// head is fields 1-3, field 4's header, an empty list header, and the
	// stop byte
	empty := head[:len(head)-1]
	if len(head) < 2 || head[len(head)-1] != byte(thrift.STOP) || empty[len(empty)-1] != byte(thrift.STRUCT) || !bytes.HasPrefix(full, empty) {
		return nil, errors.New("unexpected encoding of the file metadata")
	}
	var out sink
	out.b = append(make([]byte, 0, len(full)+len(groups)+8), empty[:len(empty)-1]...)
	if err := new(thrift.CompactProtocol).NewWriter(&out).WriteList(thrift.List{Size: int32(n), Type: thrift.STRUCT}); err != nil {
		return nil, err
	}
	out.b = append(out.b, groups...)
	return append(out.b, full[len(empty):]...), nil
}
