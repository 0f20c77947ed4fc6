// Package pqwrite writes world blocks to Parquet: row groups are encoded in parallel, each into memory, and spliced into the output in block order.
package pqwritetest

import (
	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/snappy"
	"github.com/parquet-go/parquet-go/format"
)

// FastSnappy is a Snappy codec using the fast block encoder. parquet-go's
// built-in codec uses the slower "better" encoder; the format is the same.
type FastSnappy struct{}

// String names the codec.
func (FastSnappy) String() string { return "SNAPPY" }

// CompressionCodec reports Snappy to the Parquet metadata.
func (FastSnappy) CompressionCodec() format.CompressionCodec { return format.Snappy }

// Encode compresses src into dst (reallocated when too small).
func (FastSnappy) Encode(dst, src []byte) ([]byte, error) {
	n := s2.MaxEncodedLen(len(src))
	if cap(dst) < n {
		dst = make([]byte, n)
	}
	return s2.EncodeSnappy(dst[:n], src), nil
}

// Decode decompresses src into dst.
func (FastSnappy) Decode(dst, src []byte) ([]byte, error) {
	return snappy.Decode(dst[:cap(dst)], src)
}
