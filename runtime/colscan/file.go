// Package colscan reads flat Parquet files column by column, in typed batches or assembled rows, with bounded memory.
package colscan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// ErrNotParquet is wrapped by the error Open returns for files that are not Parquet at all.
var ErrNotParquet = errors.New("not a Parquet file")

// ErrCorrupt is wrapped by errors for truncated or corrupt Parquet files.
var ErrCorrupt = errors.New("corrupt Parquet file")

// ErrUnsupported is wrapped by errors for features colscan does not read (nested columns, encryption).
var ErrUnsupported = errors.New("unsupported")

// File is an open Parquet file. Scans of different columns may run concurrently.
type File struct {
	path string
	osf  *os.File
	pf   *parquet.File
	size int64
	cols []Column
	kv   map[string]string
	// rgStart[i] is the first row of row group i; rgStart[len] is NumRows.
	rgStart    []int64
	rgLo, rgHi int  // row groups scanned: [rgLo, rgHi)
	view       bool // true for InRowGroup views, whose Close does nothing
}

const magic = "PAR1"

// Open opens path and reads its footer. Errors read like
// "colscan: x.parquet: not a Parquet file (bad magic)"; Open never panics.
func Open(path string) (f *File, err error) {
	// Stat first: opening a FIFO would block until a writer appears.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return nil, fmt.Errorf("colscan: %s: not a regular file", path)
	}
	osf, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("colscan: open %s: %w", path, pe.Err)
		}
		return nil, fmt.Errorf("colscan: open %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			osf.Close()
		}
	}()
	st, err := osf.Stat()
	if err != nil {
		return nil, fmt.Errorf("colscan: %s: %w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("colscan: %s: is a directory", path)
	}
	size := st.Size()
	if err := checkMagic(osf, size); err != nil {
		return nil, fmt.Errorf("colscan: %s: %w", path, err)
	}
	pf, err := openParquet(osf, size)
	if err != nil {
		return nil, fmt.Errorf("colscan: %s: %w", path, err)
	}
	cols, err := columnsOf(pf.Metadata().Schema)
	if err != nil {
		return nil, fmt.Errorf("colscan: %s: %w", path, err)
	}
	if err := checkChunks(pf, size); err != nil {
		return nil, fmt.Errorf("colscan: %s: %w", path, err)
	}
	kv := make(map[string]string)
	for _, e := range pf.Metadata().KeyValueMetadata {
		kv[e.Key] = e.Value
	}
	rgStart := []int64{0}
	for _, rg := range pf.RowGroups() {
		rgStart = append(rgStart, rgStart[len(rgStart)-1]+rg.NumRows())
	}
	return &File{path: path, osf: osf, pf: pf, size: size, cols: cols, kv: kv,
		rgStart: rgStart, rgHi: len(rgStart) - 1}, nil
}

// checkMagic tells apart non-Parquet files from truncated ones before parquet-go sees them.
func checkMagic(r io.ReaderAt, size int64) error {
	var head [4]byte
	if size < 4 {
		return fmt.Errorf("%w (%d bytes, too small)", ErrNotParquet, size)
	}
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	if string(head[:]) == "PARE" {
		return fmt.Errorf("%w: encrypted Parquet file", ErrUnsupported)
	}
	if string(head[:]) != magic {
		return fmt.Errorf("%w (bad magic)", ErrNotParquet)
	}
	if size < 12 {
		return fmt.Errorf("%w: truncated (%d bytes, no footer)", ErrCorrupt, size)
	}
	var tail [8]byte
	if _, err := r.ReadAt(tail[:], size-8); err != nil {
		return fmt.Errorf("read footer: %w", err)
	}
	if string(tail[4:]) != magic {
		return fmt.Errorf("%w: truncated or incomplete (no footer magic at end of file)", ErrCorrupt)
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n > size-12 {
		return fmt.Errorf("%w: footer length %d exceeds the file size %d", ErrCorrupt, n, size)
	}
	footer := make([]byte, n)
	if _, err := r.ReadAt(footer, size-8-n); err != nil {
		return fmt.Errorf("read footer: %w", err)
	}
	return checkFooter(footer)
}

// openParquet calls parquet.OpenFile, turning panics into errors.
func openParquet(r io.ReaderAt, size int64) (pf *parquet.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			pf, err = nil, fmt.Errorf("%w: footer: %v", ErrCorrupt, p)
		}
	}()
	pf, err = parquet.OpenFile(r, size,
		parquet.SkipPageIndex(true),
		parquet.SkipBloomFilters(true),
		parquet.ReadBufferSize(256<<10),
	)
	if err != nil {
		return nil, fmt.Errorf("%w: footer: %v", ErrCorrupt, err)
	}
	return pf, nil
}

// checkChunks verifies that every column chunk lies inside the file.
func checkChunks(pf *parquet.File, size int64) error {
	md := pf.Metadata()
	for i, rg := range md.RowGroups {
		for _, cc := range rg.Columns {
			m := cc.MetaData
			start := m.DataPageOffset
			if m.DictionaryPageOffset > 0 && m.DictionaryPageOffset < start {
				start = m.DictionaryPageOffset
			}
			if start < 4 || m.TotalCompressedSize < 0 || start+m.TotalCompressedSize > size {
				return fmt.Errorf("%w: row group %d column %q lies outside the file", ErrCorrupt, i, strings.Join(m.PathInSchema, "."))
			}
		}
	}
	return nil
}

// Close closes the file (and does nothing for a view made by InRowGroup).
func (f *File) Close() error {
	if f.view {
		return nil
	}
	return f.osf.Close()
}

// InRowGroup returns a view of f whose scans read only row group i (Batch.Row stays
// relative to the whole file). Views share f's file handle and must not outlive it.
func (f *File) InRowGroup(i int) *File {
	if i < 0 || i >= len(f.rgStart)-1 {
		panic(fmt.Sprintf("colscan: row group %d out of range [0,%d)", i, len(f.rgStart)-1))
	}
	v := *f
	v.rgLo, v.rgHi, v.view = i, i+1, true
	return &v
}

// RowGroupStart returns the index of the first row of row group i.
func (f *File) RowGroupStart(i int) int64 { return f.rgStart[i] }

// Path returns the path given to Open.
func (f *File) Path() string { return f.path }

// Size returns the file size in bytes.
func (f *File) Size() int64 { return f.size }

// NumRows returns the number of rows in the file.
func (f *File) NumRows() int64 { return f.pf.NumRows() }

// RowGroups returns the number of row groups.
func (f *File) RowGroups() int { return len(f.pf.RowGroups()) }

// RowGroupRows returns the number of rows of each row group.
func (f *File) RowGroupRows() []int64 {
	out := make([]int64, 0, f.RowGroups())
	for _, rg := range f.pf.RowGroups() {
		out = append(out, rg.NumRows())
	}
	return out
}

// Columns returns the top-level columns in file order.
func (f *File) Columns() []Column { return f.cols }

// ColumnIndex returns the index of the named top-level column, or -1.
func (f *File) ColumnIndex(name string) int {
	for i, c := range f.cols {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Metadata returns the key-value metadata of the file footer.
func (f *File) Metadata() map[string]string { return f.kv }

// Lookup returns one key-value metadata entry.
func (f *File) Lookup(key string) (string, bool) {
	v, ok := f.kv[key]
	return v, ok
}

// CreatedBy returns the writer identification stored in the footer.
func (f *File) CreatedBy() string { return f.pf.Metadata().CreatedBy }

// Compression returns the distinct compression codecs of all column chunks,
// joined by "," (for example "SNAPPY"), or "" for a file without row groups.
func (f *File) Compression() string {
	var codecs []string
	for _, rg := range f.pf.Metadata().RowGroups {
		for _, cc := range rg.Columns {
			s := codecName(cc.MetaData.Codec)
			if !slices.Contains(codecs, s) {
				codecs = append(codecs, s)
			}
		}
	}
	slices.Sort(codecs)
	return strings.Join(codecs, ",")
}

func codecName(c format.CompressionCodec) string { return c.String() }

// ColumnBytes returns the total uncompressed size in bytes of column col over all row groups
// (0 for nested columns). Useful to balance work across goroutines.
func (f *File) ColumnBytes(col int) int64 {
	c := f.cols[col]
	if c.leaf < 0 {
		return 0
	}
	var n int64
	for _, rg := range f.pf.Metadata().RowGroups {
		if c.leaf < len(rg.Columns) {
			n += rg.Columns[c.leaf].MetaData.TotalUncompressedSize
		}
	}
	return n
}
