package colwrite

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"unsafe"

	"github.com/klauspost/compress/s2"
	"github.com/parquet-go/parquet-go/encoding/delta"
	"github.com/parquet-go/parquet-go/encoding/rle"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// The encoders are stateless (scratch space comes from sync.Pools), so one
// of each serves every goroutine.
var (
	levelEncoding  = rle.Encoding{BitWidth: 1}
	deltaEncoding  delta.BinaryPackedEncoding
	indexEncodings [33]rle.Encoding // by bit width
)

func init() {
	for w := range indexEncodings {
		indexEncodings[w].BitWidth = w
	}
}

// column is one column's state in a row group: the page being filled, the
// dictionary, and the encoded pages.
type column struct {
	spec  Column
	path  thrift.Slice[string]
	rows  int64
	nulls int64
	done  bool  // finished: the chunk is complete
	err   error // first encoding error

	// The page being filled.
	pRows  int
	pNulls int
	levels []byte  // definition levels (optional columns)
	plain  []byte  // PLAIN values, or DELTA_BYTE_ARRAY value bytes
	nbits  int     // BOOLEAN values in plain
	pre    []int32 // DELTA_BYTE_ARRAY prefix lengths
	suf    []int32 // DELTA_BYTE_ARRAY suffix lengths (suffixes in plain)
	prev   []byte  // DELTA_BYTE_ARRAY previous value
	cur    []byte  // DELTA_BYTE_ARRAY value being rendered (fallback pages)
	ints   []int64 // DELTA_BINARY_PACKED values
	idx    []int32 // dictionary indexes
	top    int32   // largest index in idx
	pb     bounds  // page bounds (dictionary columns take theirs from the dictionary)
	cb     bounds  // chunk bounds

	// The dictionary: PLAIN values, and what maps to their indexes.
	keys  keyMap
	strs  map[string]int32
	limit int  // dictionary bytes that make the chunk fall back (0: DefaultDictBytes, <0: never)
	spill bool // the dictionary is full or not paying: the rest of the chunk uses the fallback encoding
	dict  []byte
	ndict int

	// Encoded output.
	pages        chunks // data pages (headers and compressed bodies)
	dictPage     []byte // dictionary page, if any
	uncompressed int64  // header and uncompressed body sizes of all pages
	dataPages    [10]int32
	chunk        format.ColumnChunk

	// Scratch space.
	lv, body, comp []byte
	hdr            format.PageHeader
	hb             sink
	tenc           *thrift.Encoder
	scratch        [2][]byte
}

// sink is an io.Writer appending to a byte slice.
type sink struct{ b []byte }

func (s *sink) Write(p []byte) (int, error) {
	s.b = append(s.b, p...)
	return len(p), nil
}

func newColumn(spec Column) *column {
	c := &column{spec: spec, path: thrift.Slice[string]{spec.Name}}
	c.tenc = thrift.NewEncoder(new(thrift.CompactProtocol).NewWriter(&c.hb))
	return c
}

// pageSize estimates the page's unencoded value bytes.
func (c *column) pageSize() int {
	return len(c.plain) + 8*len(c.pre) + 8*len(c.ints) + 2*len(c.idx)
}

// flushPage encodes, compresses and appends the current data page.
func (c *column) flushPage() error {
	body := c.body[:0]
	var err error
	if c.spec.Optional {
		c.lv, err = levelEncoding.EncodeLevels(c.lv, c.levels)
		if err != nil {
			return fmt.Errorf("colwrite: column %q: definition levels: %w", c.spec.Name, err)
		}
		body = binary.LittleEndian.AppendUint32(body, uint32(len(c.lv)))
		body = append(body, c.lv...)
	}
	values := c.pRows - c.pNulls
	enc := format.Plain
	switch {
	case values == 0:
		// A page of nulls has no values; PLAIN needs no dictionary.
	case c.spec.Encoding == Dict && !c.spill:
		// RLE_DICTIONARY: the indexes' bit width, then the RLE/bit-packed
		// hybrid.
		enc = format.RLEDictionary
		w := bits.Len32(uint32(c.top))
		body = append(body, byte(w))
		body, err = encodeInto(body, 5*len(c.idx)+64, func(dst []byte) ([]byte, error) {
			return indexEncodings[w].EncodeInt32(dst, c.idx)
		})
	case c.deltaInts():
		enc = format.DeltaBinaryPacked
		body, err = encodeInto(body, 9*len(c.ints)+128, func(dst []byte) ([]byte, error) {
			return deltaEncoding.EncodeInt64(dst, c.ints)
		})
	case c.deltaBytes():
		// DELTA_BYTE_ARRAY: DELTA_BINARY_PACKED prefix lengths, then
		// DELTA_LENGTH_BYTE_ARRAY suffixes (DELTA_BINARY_PACKED lengths and
		// the concatenated bytes).
		enc = format.DeltaByteArray
		body, err = encodeInto(body, 5*len(c.pre)+128, func(dst []byte) ([]byte, error) {
			return deltaEncoding.EncodeInt32(dst, c.pre)
		})
		if err == nil {
			body, err = encodeInto(body, 5*len(c.suf)+128+len(c.plain), func(dst []byte) ([]byte, error) {
				return deltaEncoding.EncodeInt32(dst, c.suf)
			})
		}
		body = append(body, c.plain...)
	case c.splitDoubles():
		enc = format.ByteStreamSplit
		body = appendSplit(body, c.plain)
	case !c.spec.Optional:
		// PLAIN values and nothing before them: the page is the buffer.
		body = c.plain
	default:
		body = append(body, c.plain...)
	}
	if err != nil {
		return fmt.Errorf("colwrite: column %q: encoding page: %w", c.spec.Name, err)
	}
	if unsafe.SliceData(body) != unsafe.SliceData(c.plain) {
		c.body = body // keep the grown scratch buffer
	}

	c.hdr = format.PageHeader{
		Type: format.DataPage,
		DataPageHeader: thrift.New(format.DataPageHeader{
			NumValues:               int32(c.pRows),
			Encoding:                enc,
			DefinitionLevelEncoding: format.RLE,
			RepetitionLevelEncoding: format.RLE,
			Statistics:              c.pb.statistics(c.spec.Physical, int64(c.pNulls), &c.scratch, false),
		}),
	}
	hdr, comp, err := c.writePage(body)
	if err != nil {
		return err
	}
	c.pages.append(hdr)
	c.pages.append(comp)
	c.dataPages[enc]++
	c.cb.merge(&c.pb, c.spec.Physical)
	c.nulls += int64(c.pNulls)

	c.clearPage()
	return nil
}

// encodeInto appends to body what encode writes to its argument's [:0]:
// in place when body's spare capacity (grown to bound) holds it, copied
// otherwise.
func encodeInto(body []byte, bound int, encode func(dst []byte) ([]byte, error)) ([]byte, error) {
	body = slices.Grow(body, bound)
	n := len(body)
	out, err := encode(body[n:n])
	if err != nil {
		return body, err
	}
	if len(out) > 0 && cap(body) > n && unsafe.SliceData(out) == unsafe.SliceData(body[n:]) {
		return body[:n+len(out)], nil
	}
	return append(body, out...), nil
}

// writePage compresses body and returns c.hdr encoded (sizes filled in)
// and the compressed body, both valid until the next call.
func (c *column) writePage(body []byte) (hdr, comp []byte, err error) {
	n := s2.MaxEncodedLen(len(body))
	if n < 0 || len(body) > math.MaxInt32 {
		return nil, nil, fmt.Errorf("colwrite: column %q: page of %d bytes is too large", c.spec.Name, len(body))
	}
	if cap(c.comp) < n {
		c.comp = make([]byte, n)
	}
	comp = s2.EncodeSnappy(c.comp[:n], body)
	c.hdr.UncompressedPageSize = int32(len(body))
	c.hdr.CompressedPageSize = int32(len(comp))
	c.hb.b = c.hb.b[:0]
	if err := c.tenc.Encode(&c.hdr); err != nil {
		return nil, nil, fmt.Errorf("colwrite: column %q: page header: %w", c.spec.Name, err)
	}
	c.uncompressed += int64(len(c.hb.b) + len(body))
	return c.hb.b, comp, nil
}

// finish writes the dictionary page and fills in the chunk metadata.
func (c *column) finish() error {
	if c.ndict > 0 {
		if err := c.writeDictPage(); err != nil {
			return err
		}
		c.dictBounds()
	}

	var encs thrift.Slice[format.Encoding]
	var stats thrift.Slice[format.PageEncodingStats]
	if len(c.dictPage) > 0 {
		encs = append(encs, format.Plain)
		stats = append(stats, format.PageEncodingStats{PageType: format.DictionaryPage, Encoding: format.Plain, Count: 1})
	}
	for e, n := range c.dataPages {
		if n > 0 {
			encs = append(encs, format.Encoding(e))
			stats = append(stats, format.PageEncodingStats{PageType: format.DataPage, Encoding: format.Encoding(e), Count: n})
		}
	}
	if c.spec.Optional {
		encs = append(encs, format.RLE)
	}
	slices.Sort(encs)
	encs = slices.Compact(encs)

	c.chunk = format.ColumnChunk{
		MetaData: format.ColumnMetaData{
			Type:                  c.spec.Physical.format(),
			Encoding:              encs,
			PathInSchema:          c.path,
			Codec:                 format.Snappy,
			NumValues:             c.rows,
			TotalUncompressedSize: c.uncompressed,
			TotalCompressedSize:   int64(len(c.dictPage) + c.pages.len()),
			DataPageOffset:        int64(len(c.dictPage)),
			Statistics:            c.cb.statistics(c.spec.Physical, c.nulls, nil, true),
			EncodingStats:         stats,
		},
	}
	return nil
}

// dictBounds sets the chunk bounds from the dictionary's values, each of
// which occurs in the chunk.
func (c *column) dictBounds() {
	b := &c.cb
	d := c.dict
	switch c.spec.Physical {
	case ByteArray:
		for len(d) >= 4 {
			n := binary.LittleEndian.Uint32(d)
			b.bytes(d[4 : 4+n])
			d = d[4+n:]
		}
	case Int64:
		for ; len(d) >= 8; d = d[8:] {
			b.int64(int64(binary.LittleEndian.Uint64(d)))
		}
	case Double:
		for ; len(d) >= 8; d = d[8:] {
			b.double(math.Float64frombits(binary.LittleEndian.Uint64(d)))
		}
	}
}

// clearPage empties the page being filled.
func (c *column) clearPage() {
	c.pRows, c.pNulls, c.nbits = 0, 0, 0
	c.levels = c.levels[:0]
	c.plain = c.plain[:0]
	c.pre = c.pre[:0]
	c.suf = c.suf[:0]
	c.prev = c.prev[:0]
	c.ints = c.ints[:0]
	c.idx = c.idx[:0]
	c.top = 0
	c.pb.reset()
}

// reset empties the column and keeps its buffers.
func (c *column) reset() {
	c.rows, c.nulls, c.spill, c.done, c.err = 0, 0, false, false, nil
	c.clearPage()
	c.cb.reset()
	c.keys.reset()
	clear(c.strs)
	c.dict = c.dict[:0]
	c.ndict = 0
	c.pages.reset()
	c.dictPage = c.dictPage[:0]
	c.uncompressed = 0
	c.dataPages = [10]int32{}
	c.chunk = format.ColumnChunk{}
}
