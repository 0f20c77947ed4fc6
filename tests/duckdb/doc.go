// Package duckdb cross-checks paygen's Parquet files with DuckDB; it is a separate, test-only module (cgo).
package duckdb
