package s3test

import (
	"encoding/hex"
	"math/rand/v2"
	"os"

	"github.com/parquet-go/parquet-go"
)

type row struct {
	TransactionID string `parquet:"transaction_id"`
	Amount        int64  `parquet:"amount"`
	Blob          string `parquet:"blob"`
}

// WriteParquet writes a small Parquet file with rows rows and the given key-value metadata.
// Each row carries blobBytes bytes of incompressible hex text, to make large files cheaply.
func WriteParquet(path string, rows, blobBytes int, meta map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	var opts []parquet.WriterOption
	for k, v := range meta {
		opts = append(opts, parquet.KeyValueMetadata(k, v))
	}
	w := parquet.NewGenericWriter[row](f, opts...)
	rng := rand.New(rand.NewPCG(uint64(rows), uint64(blobBytes)))
	buf := make([]byte, blobBytes/2)
	batch := make([]row, 0, 256)
	for i := range rows {
		for j := range buf {
			buf[j] = byte(rng.Uint32())
		}
		batch = append(batch, row{TransactionID: "txn_" + hex.EncodeToString([]byte{byte(i >> 8), byte(i)}),
			Amount: int64(100 + i), Blob: hex.EncodeToString(buf)})
		if len(batch) == cap(batch) || i == rows-1 {
			if _, err := w.Write(batch); err != nil {
				f.Close()
				return err
			}
			batch = batch[:0]
		}
	}
	if err := w.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// RandomFile writes n pseudo-random bytes (seeded) to path.
func RandomFile(path string, n int, seed uint64) ([]byte, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := 0; i+8 <= n; i += 8 {
		v := rng.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	for i := n - n%8; i < n; i++ {
		b[i] = byte(rng.Uint32())
	}
	return b, os.WriteFile(path, b, 0o644)
}
