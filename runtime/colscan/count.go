package colscan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"

	"github.com/parquet-go/parquet-go/format"
)

// parquet-go builds a BYTE_ARRAY page from the values it decodes and, when their number
// differs from the page header's, prints a warning on the process's stderr and goes on
// (issue 13: crafted pages whose num_values disagree with their data, but add up to the
// row group's rows, left a stray "parquet: warning: ... offsets but numValues is ..." line).
// checkByteArrayCount counts the values of such a page first (PLAIN and the DELTA byte array
// encodings; dictionary pages hold indices, which parquet-go checks itself) and refuses the
// page when its data and header disagree.

// checkByteArrayCount checks the values of the data page h of a flat BYTE_ARRAY column,
// whose body (c bytes) starts at off, against the header's count of non-null values.
func checkByteArrayCount(r io.ReaderAt, off, c int64, h *format.PageHeader, codec format.CompressionCodec, optional bool) error {
	var enc format.Encoding
	var numValues, nulls int64 = 0, -1 // nulls -1: count them from the definition levels
	var levels int64                   // V2: uncompressed level bytes before the values
	compressed := true
	switch h.Type {
	case format.DataPage:
		enc, numValues = h.DataPageHeader.V.Encoding, int64(h.DataPageHeader.V.NumValues)
		if !optional {
			nulls = 0
		}
	case format.DataPageV2:
		v2 := &h.DataPageHeaderV2.V
		enc, numValues, nulls = v2.Encoding, int64(v2.NumValues), int64(v2.NumNulls)
		levels = int64(v2.RepetitionLevelsByteLength) + int64(v2.DefinitionLevelsByteLength)
		compressed = !v2.IsCompressed.Valid || v2.IsCompressed.V
	default:
		return nil
	}
	switch enc {
	case format.Plain, format.DeltaLengthByteArray, format.DeltaByteArray:
	default:
		return nil
	}
	if levels > c {
		return fmt.Errorf("levels of %d bytes in a page of %d", levels, c)
	}
	if enc != format.Plain && nulls >= 0 {
		// A DELTA encoding's value count is in its first bytes: read those alone, from the
		// start of the values or, compressed with Snappy, from the block's first literal
		// (a block starts with one). Otherwise decompress the page below.
		head := make([]byte, min(c, levels+64))
		if _, err := r.ReadAt(head, off); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		var prefix []byte
		switch {
		case !compressed || codec == format.Uncompressed:
			prefix = head[levels:]
		case codec == format.Snappy:
			prefix = snappyPrefix(head[levels:])
		}
		if got, err := countByteArrays(enc, prefix); err == nil {
			if want := numValues - nulls; got != want {
				return fmt.Errorf("the data holds %d %s values, the header says %d", got, enc, want)
			}
			return nil
		}
	}
	raw := make([]byte, c)
	if _, err := r.ReadAt(raw, off); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	data := raw[levels:]
	if compressed && codec != format.Uncompressed {
		if int(codec) >= len(parquetCodecs) || parquetCodecs[codec] == nil {
			return nil // checkCodec refuses what parquet-go cannot read
		}
		u := int64(h.UncompressedPageSize) - levels
		if u < 0 {
			return fmt.Errorf("uncompressed size %d is smaller than the levels (%d bytes)", h.UncompressedPageSize, levels)
		}
		var err error
		if data, err = parquetCodecs[codec].Decode(make([]byte, 0, u), data); err != nil {
			return fmt.Errorf("decompress: %v", err)
		}
	}
	if nulls < 0 { // V1 optional: [4-byte length][RLE/bit-packed definition levels, width 1]
		if len(data) < 4 {
			return errors.New("definition levels cut short")
		}
		n := int64(binary.LittleEndian.Uint32(data))
		if n > int64(len(data)-4) {
			return fmt.Errorf("definition levels of %d bytes in %d", n, len(data)-4)
		}
		defined, err := countOnes(data[4:4+n], numValues)
		if err != nil {
			return fmt.Errorf("definition levels: %v", err)
		}
		nulls, data = numValues-defined, data[4+n:]
	}
	want := numValues - nulls
	got, err := countByteArrays(enc, data)
	if err != nil {
		return fmt.Errorf("%s values: %v", enc, err)
	}
	if got != want {
		return fmt.Errorf("the data holds %d %s values, the header says %d", got, enc, want)
	}
	return nil
}

// snappyPrefix returns the bytes of the first literal of Snappy block b (the first bytes
// the block decodes to), or nil.
func snappyPrefix(b []byte) []byte {
	if _, k := binary.Uvarint(b); k > 0 {
		b = b[k:]
	} else {
		return nil
	}
	if len(b) == 0 || b[0]&3 != 0 { // not a literal
		return nil
	}
	n := int(b[0] >> 2)
	b = b[1:]
	if n >= 60 { // the length is in the next n-59 bytes, little-endian
		extra := n - 59
		if len(b) < extra {
			return nil
		}
		n = 0
		for i := range extra {
			n |= int(b[i]) << (8 * i)
		}
		b = b[extra:]
	}
	return b[:min(n+1, len(b))]
}

// countByteArrays returns how many values an encoded BYTE_ARRAY section holds.
func countByteArrays(enc format.Encoding, b []byte) (int64, error) {
	if enc != format.Plain {
		// DELTA_LENGTH_BYTE_ARRAY starts with the lengths, DELTA_BYTE_ARRAY with the prefix
		// lengths, both DELTA_BINARY_PACKED: block size, miniblocks per block, value count.
		var h [3]uint64
		for i := range h {
			v, k := binary.Uvarint(b)
			if k <= 0 {
				return 0, errors.New("bad DELTA_BINARY_PACKED header")
			}
			h[i], b = v, b[k:]
		}
		if h[2] > 1<<31 {
			return 0, fmt.Errorf("%d values", h[2])
		}
		return int64(h[2]), nil
	}
	var n int64
	for len(b) > 0 {
		if len(b) < 4 {
			return 0, errors.New("a length cut short")
		}
		l := uint64(binary.LittleEndian.Uint32(b))
		if l > uint64(len(b)-4) {
			return 0, fmt.Errorf("a value of %d bytes in %d", l, len(b)-4)
		}
		b, n = b[4+l:], n+1
	}
	return n, nil
}

// countOnes counts the ones among the first n values of an RLE/bit-packed hybrid run of
// bit width 1.
func countOnes(b []byte, n int64) (int64, error) {
	var seen, ones int64
	for seen < n {
		if len(b) == 0 {
			return 0, fmt.Errorf("%d levels for %d values", seen, n)
		}
		h, k := binary.Uvarint(b)
		if k <= 0 {
			return 0, errors.New("bad run header")
		}
		b = b[k:]
		if h&1 == 0 { // RLE run: count, then the value in one byte
			run := int64(h >> 1)
			if len(b) < 1 {
				return 0, errors.New("RLE run without its value")
			}
			take := min(run, n-seen)
			if b[0]&1 != 0 {
				ones += take
			}
			seen, b = seen+take, b[1:]
			continue
		}
		groups := int64(h >> 1) // bit-packed: groups of 8 values, one byte each
		if groups > int64(len(b)) {
			return 0, fmt.Errorf("%d bit-packed groups in %d bytes", groups, len(b))
		}
		for _, x := range b[:groups] {
			take := min(8, n-seen)
			if take <= 0 {
				break
			}
			ones += int64(bits.OnesCount8(x & byte(1<<take-1)))
			seen += take
		}
		b = b[groups:]
	}
	return ones, nil
}
