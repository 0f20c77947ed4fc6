package colscan

import (
	"fmt"
	_ "unsafe" // go:linkname

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	lz4codec "github.com/parquet-go/parquet-go/compress/lz4"
	"github.com/parquet-go/parquet-go/format"
	"github.com/pierrec/lz4/v4"
)

// parquet-go v0.32.0 reads LZ4_RAW pages wrongly: its codec decodes into a new
// buffer whenever the page's buffer is shorter than three times the compressed
// bytes, and the reader then keeps its own, still zeroed, buffer when the lengths
// agree — so a page compressed less than 3:1 (DuckDB's COMPRESSION lz4) reads as
// zeros and fails as corrupt. On a corrupt block the codec also doubles its buffer
// without end. lz4Raw replaces it in parquet-go's codec table: it decodes into the
// buffer it is given (sized by the page header, which checkChunkPages bounds) and
// fails on a corrupt or oversized block.

//go:linkname parquetCodecs github.com/parquet-go/parquet-go.compressionCodecs
var parquetCodecs [format.Lz4Raw + 1]compress.Codec

func init() {
	// Replace the entry only where it is the codec described above.
	if parquetCodecs[format.Lz4Raw] == compress.Codec(&parquet.Lz4Raw) &&
		parquet.LookupCompressionCodec(format.Lz4Raw) == compress.Codec(&parquet.Lz4Raw) {
		parquetCodecs[format.Lz4Raw] = &lz4Raw{Codec: parquet.Lz4Raw}
	}
}

type lz4Raw struct{ lz4codec.Codec } // Encode, String and CompressionCodec as parquet-go's

func (c *lz4Raw) Decode(dst, src []byte) ([]byte, error) {
	n, err := lz4.UncompressBlock(src, dst[:cap(dst)])
	if err != nil {
		return dst[:0], fmt.Errorf("LZ4_RAW block: %w", err)
	}
	return dst[:n], nil
}

// checkCodec refuses, as unsupported rather than corrupt, the codecs the Parquet
// format defines that parquet-go does not read: LZO and the deprecated Hadoop-framed
// LZ4 (writers use LZ4_RAW since format 2.9).
func checkCodec(c format.CompressionCodec) error {
	if parquet.LookupCompressionCodec(c).String() == "UNSUPPORTED" {
		return fmt.Errorf("%w: %s compression (recompress with SNAPPY, ZSTD, GZIP or LZ4_RAW)", ErrUnsupported, c)
	}
	return nil
}
