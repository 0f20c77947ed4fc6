package colwrite

import (
	"fmt"
	"math"

	"github.com/klauspost/compress/s2"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// writeDictPage writes the dictionary page (header and compressed PLAIN
// values) into c.dictPage. The values are compressed straight into
// c.dictPage and moved up past the header, so no other buffer grows to the
// size of the dictionary, the largest page of a column.
func (c *column) writeDictPage() error {
	n := s2.MaxEncodedLen(len(c.dict))
	if n < 0 || len(c.dict) > math.MaxInt32 {
		return fmt.Errorf("colwrite: column %q: dictionary of %d bytes is too large", c.spec.Name, len(c.dict))
	}
	const maxHeader = 64 // a dictionary page header takes about 20 bytes
	if cap(c.dictPage) < n+maxHeader {
		c.dictPage = make([]byte, 0, n+maxHeader)
	}
	comp := s2.EncodeSnappy(c.dictPage[:n], c.dict)
	c.hdr = format.PageHeader{
		Type:                 format.DictionaryPage,
		UncompressedPageSize: int32(len(c.dict)),
		CompressedPageSize:   int32(len(comp)),
		DictionaryPageHeader: thrift.New(format.DictionaryPageHeader{
			NumValues: int32(c.ndict),
			Encoding:  format.Plain,
		}),
	}
	c.hb.b = c.hb.b[:0]
	if err := c.tenc.Encode(&c.hdr); err != nil {
		return fmt.Errorf("colwrite: column %q: dictionary page header: %w", c.spec.Name, err)
	}
	h := len(c.hb.b)
	if h+len(comp) > cap(c.dictPage) {
		return fmt.Errorf("colwrite: column %q: dictionary page header of %d bytes", c.spec.Name, h)
	}
	page := c.dictPage[:h+len(comp)]
	copy(page[h:], comp) // overlapping: copy moves
	copy(page, c.hb.b)
	c.dictPage = page
	c.uncompressed += int64(h + len(c.dict))
	return nil
}
