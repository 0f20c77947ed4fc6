package main

import (
	"io"

	"github.com/parquet-go/parquet-go"
)

func writeRows[T any](w io.WriteCloser, rows []T) error {
	pw := parquet.NewGenericWriter[T](w)
	if _, err := pw.Write(rows); err != nil {
		return err
	}
	if err := pw.Close(); err != nil {
		return err
	}
	return w.Close()
}
