package colscan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// MemoryBudget bounds what one page may make a reader allocate: its uncompressed
// size, and its value count times the bytes a decoded value takes. Every page header
// is checked against it, and against the counts of the footer, before parquet-go
// allocates anything for the page, so a crafted header (a page claiming 2^31 values)
// is one error instead of an out-of-memory crash. Real pages are far below it
// (paygen writes pages of at most 1 MiB; Spark, DuckDB and pyarrow about as much).
var MemoryBudget int64 = 512 << 20

// maxHeader bounds a page header (statistics included) that the guard reads.
const maxHeader = 16 << 20

// footerElementBytes is the memory a decoded footer element (a row group, a column
// chunk, a schema element…) may take; the footer's elements times it must fit the budget.
const footerElementBytes = 512

// checkFooter checks the thrift structure of the footer in b before parquet-go
// decodes it: every list, set, map and binary must fit in the bytes that remain, and
// all elements together must fit the memory budget. parquet-go allocates a list's
// elements from its declared size, so a 5 KB footer could otherwise claim 2^31 row groups.
func checkFooter(b []byte) error {
	w := thriftWalker{b: b, maxElems: MemoryBudget / footerElementBytes}
	if err := w.structure(0); err != nil {
		return fmt.Errorf("%w: footer: %v", ErrCorrupt, err)
	}
	return nil
}

// thriftWalker skips over compact-protocol values without decoding them.
type thriftWalker struct {
	b        []byte
	off      int
	elems    int64
	maxElems int64
}

var errThriftEOF = errors.New("truncated thrift data")

func (w *thriftWalker) byte() (byte, error) {
	if w.off >= len(w.b) {
		return 0, errThriftEOF
	}
	w.off++
	return w.b[w.off-1], nil
}

func (w *thriftWalker) uvarint() (uint64, error) {
	v, n := binary.Uvarint(w.b[w.off:])
	if n == 0 {
		return 0, errThriftEOF
	}
	if n < 0 {
		return 0, errors.New("bad varint in thrift data")
	}
	w.off += n
	return v, nil
}

func (w *thriftWalker) skip(n uint64) error {
	if n > uint64(len(w.b)-w.off) {
		return fmt.Errorf("%w: a value of %d bytes with %d left", errThriftEOF, n, len(w.b)-w.off)
	}
	w.off += int(n)
	return nil
}

// count adds n container elements, each at least one byte.
func (w *thriftWalker) count(n uint64) error {
	if n > uint64(len(w.b)-w.off) {
		return fmt.Errorf("%w: a container of %d elements with %d bytes left", errThriftEOF, n, len(w.b)-w.off)
	}
	w.elems += int64(n)
	if w.elems > w.maxElems {
		return fmt.Errorf("more than %d elements (memory budget %d MiB)", w.maxElems, MemoryBudget>>20)
	}
	return nil
}

const maxThriftDepth = 32

func (w *thriftWalker) structure(depth int) error {
	if depth > maxThriftDepth {
		return errors.New("thrift structures nested too deep")
	}
	for {
		h, err := w.byte()
		if err != nil {
			return err
		}
		if h == 0 { // stop
			return nil
		}
		if h>>4 == 0 { // long form: the field id follows as a varint
			if _, err := w.uvarint(); err != nil {
				return err
			}
		}
		if err := w.value(h&0x0f, depth, true); err != nil {
			return err
		}
	}
}

func (w *thriftWalker) value(typ byte, depth int, field bool) error {
	switch typ {
	case 1, 2: // bool: a field's value is in its type; a container element takes a byte
		if !field {
			_, err := w.byte()
			return err
		}
		return nil
	case 3:
		_, err := w.byte()
		return err
	case 4, 5, 6:
		_, err := w.uvarint()
		return err
	case 7:
		return w.skip(8)
	case 8:
		n, err := w.uvarint()
		if err != nil {
			return err
		}
		return w.skip(n)
	case 9, 10: // list, set
		h, err := w.byte()
		if err != nil {
			return err
		}
		n := uint64(h >> 4)
		if n == 15 {
			if n, err = w.uvarint(); err != nil {
				return err
			}
		}
		if err := w.count(n); err != nil {
			return err
		}
		for range n {
			if err := w.value(h&0x0f, depth+1, false); err != nil {
				return err
			}
		}
		return nil
	case 11: // map
		n, err := w.uvarint()
		if err != nil || n == 0 {
			return err
		}
		kv, err := w.byte()
		if err != nil {
			return err
		}
		if err := w.count(2 * n); err != nil {
			return err
		}
		for range n {
			if err := w.value(kv>>4, depth+1, false); err != nil {
				return err
			}
			if err := w.value(kv&0x0f, depth+1, false); err != nil {
				return err
			}
		}
		return nil
	case 12:
		return w.structure(depth + 1)
	}
	return fmt.Errorf("unknown thrift type %d", typ)
}

// valueBytes is what one decoded value of a physical type may cost a reader: the
// value (a slice header for byte arrays, a widened 8 bytes for 32-bit types), its
// validity, dictionary index and definition level, and parquet-go's own buffers.
func valueBytes(physical string) int64 {
	switch physical {
	case "BOOLEAN":
		return 16
	case "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY":
		return 48
	}
	return 32
}

// checkChunkPages reads the page headers of one column chunk (flat column, rows
// rows) and checks them before any page is decoded: each page lies inside the
// chunk, its sizes and value count fit the memory budget, a data page has at most
// the rows that remain in the row group, a Snappy page decodes to its declared
// size, the data pages add up to the row group's rows, and a BYTE_ARRAY page in PLAIN or a
// DELTA byte array encoding holds as many values as its header says (count.go).
// Nested columns (flat false) have their sizes and counts checked against the budget
// only, as their value counts are not row counts.
func checkChunkPages(r io.ReaderAt, md *format.ColumnMetaData, physical string, rows int64, flat, optional bool) error {
	if !flat {
		rows = MemoryBudget // no tie between values and rows
	} else if md.NumValues != rows {
		return fmt.Errorf("column chunk has %d values, row group has %d rows", md.NumValues, rows)
	}
	start := md.DataPageOffset
	if md.DictionaryPageOffset > 0 && md.DictionaryPageOffset < start {
		start = md.DictionaryPageOffset
	}
	end := start + md.TotalCompressedSize
	per := valueBytes(physical)
	var values int64
	var buf []byte
	proto := &thrift.CompactProtocol{}
	for off, page := start, 0; off < end; page++ {
		var h format.PageHeader
		n, err := readPageHeader(r, off, end, proto, &h, &buf)
		if err != nil {
			return fmt.Errorf("page %d: header: %v", page, err)
		}
		body := off + int64(n)
		c, u := int64(h.CompressedPageSize), int64(h.UncompressedPageSize)
		switch {
		case c < 0 || c > end-body:
			return fmt.Errorf("page %d: compressed size %d exceeds the %d bytes left in the column chunk", page, c, end-body)
		case u < 0 || u > MemoryBudget:
			return fmt.Errorf("page %d: uncompressed size %d is outside [0, %d] (memory budget)", page, u, MemoryBudget)
		}
		var nv int64
		var v2 *format.DataPageHeaderV2
		switch h.Type {
		case format.DictionaryPage:
			if page != 0 {
				return fmt.Errorf("page %d: a dictionary page after the first page", page)
			}
			if !h.DictionaryPageHeader.Valid {
				return fmt.Errorf("page %d: dictionary page without its header", page)
			}
			nv = int64(h.DictionaryPageHeader.V.NumValues)
			if nv < 0 || nv > MemoryBudget/per {
				return fmt.Errorf("page %d: dictionary of %d values exceeds the memory budget (%d MiB)", page, nv, MemoryBudget>>20)
			}
		case format.DataPage, format.DataPageV2:
			if h.Type == format.DataPage {
				if !h.DataPageHeader.Valid {
					return fmt.Errorf("page %d: data page without its header", page)
				}
				nv = int64(h.DataPageHeader.V.NumValues)
			} else {
				if !h.DataPageHeaderV2.Valid {
					return fmt.Errorf("page %d: data page without its header", page)
				}
				v2 = &h.DataPageHeaderV2.V
				nv = int64(v2.NumValues)
				if (flat && v2.NumRows != v2.NumValues) || v2.NumRows < 0 || v2.NumNulls < 0 || v2.NumNulls > v2.NumValues ||
					v2.RepetitionLevelsByteLength < 0 || v2.DefinitionLevelsByteLength < 0 ||
					int64(v2.RepetitionLevelsByteLength)+int64(v2.DefinitionLevelsByteLength) > c {
					return fmt.Errorf("page %d: inconsistent counts in the data page header (values %d, rows %d, nulls %d)", page, v2.NumValues, v2.NumRows, v2.NumNulls)
				}
			}
			switch {
			case flat && (nv < 0 || nv > rows-values):
				return fmt.Errorf("page %d: %d values, but the row group has %d rows and the earlier pages hold %d", page, nv, rows, values)
			case nv < 0 || nv > MemoryBudget/per:
				return fmt.Errorf("page %d: %d values exceed the memory budget (%d MiB)", page, nv, MemoryBudget>>20)
			}
			values += nv
			if flat && physical == "BYTE_ARRAY" && c > 0 {
				if err := checkByteArrayCount(r, body, c, &h, md.Codec, optional); err != nil {
					return fmt.Errorf("page %d: %v", page, err)
				}
			}
		default:
			// Index pages and unknown types are skipped by readers.
		}
		if md.Codec == format.Snappy && c > 0 && h.Type != format.IndexPage {
			skip := int64(0)
			if v2 != nil {
				if v2.IsCompressed.Valid && !v2.IsCompressed.V { // default: compressed
					skip = -1
				} else {
					skip = int64(v2.RepetitionLevelsByteLength) + int64(v2.DefinitionLevelsByteLength)
				}
			}
			if skip >= 0 && skip < c {
				if err := checkSnappyLen(r, body+skip, u-skip); err != nil {
					return fmt.Errorf("page %d: %v", page, err)
				}
			}
		}
		off = body + c
	}
	if flat && values != rows {
		return fmt.Errorf("data pages hold %d values, row group has %d rows", values, rows)
	}
	return nil
}

// readPageHeader decodes the page header at off from a bounded byte slice, so a
// header's binary fields cannot make the decoder allocate more than the header's bytes.
func readPageHeader(r io.ReaderAt, off, end int64, proto *thrift.CompactProtocol, h *format.PageHeader, buf *[]byte) (int, error) {
	size := int64(1 << 10)
	for {
		size = min(size, end-off)
		if size <= 0 {
			return 0, io.ErrUnexpectedEOF
		}
		if int64(cap(*buf)) < size {
			*buf = make([]byte, size)
		}
		b := (*buf)[:size]
		if _, err := r.ReadAt(b, off); err != nil && !(errors.Is(err, io.EOF) && len(b) > 0) {
			return 0, err
		}
		*h = format.PageHeader{}
		w := thriftWalker{b: b, maxElems: int64(len(b))}
		if err := w.structure(0); err == nil {
			rd := proto.NewReaderFromBytes(b)
			if err := thrift.NewDecoder(rd).Decode(h); err != nil {
				return 0, err
			}
			return rd.BytesRead(), nil
		} else if !errors.Is(err, errThriftEOF) || size == end-off || size >= maxHeader {
			return 0, err
		}
		size *= 8
	}
}

// checkSnappyLen reads the decoded length at the start of a Snappy block and checks
// it against the page's declared uncompressed size (the decoder allocates it).
func checkSnappyLen(r io.ReaderAt, off, want int64) error {
	var b [binary.MaxVarintLen32]byte
	n, _ := r.ReadAt(b[:], off)
	v, k := binary.Uvarint(b[:n])
	if k <= 0 {
		return errors.New("bad Snappy block header")
	}
	if int64(v) > want || int64(v) > MemoryBudget {
		return fmt.Errorf("Snappy block decodes to %d bytes, the page declares %d", v, want)
	}
	return nil
}

// CheckPages reads the page headers of every column chunk in the file's row groups
// and checks them as scans do before decoding a page (see MemoryBudget): a caller
// that would rather fail at once than after reading some columns calls it first.
func (f *File) CheckPages() error {
	md := f.pf.Metadata()
	for i := f.rgLo; i < f.rgHi; i++ {
		rg := &md.RowGroups[i]
		for leaf := range rg.Columns {
			flat, optional, physical := false, false, ""
			for _, c := range f.cols {
				if c.leaf == leaf {
					flat, optional, physical = c.Scannable(), c.Optional, c.Physical
				}
			}
			m := &rg.Columns[leaf].MetaData
			if err := checkCodec(m.Codec); err != nil {
				return fmt.Errorf("colscan: %s: column %q: row group %d: %w", f.path, strings.Join(m.PathInSchema, "."), i, err)
			}
			if err := checkChunkPages(f.osf, m, physical, f.rgStart[i+1]-f.rgStart[i], flat, optional); err != nil {
				return fmt.Errorf("colscan: %s: column %q: row group %d: %w: %v", f.path, strings.Join(m.PathInSchema, "."), i, ErrCorrupt, err)
			}
		}
	}
	return nil
}
