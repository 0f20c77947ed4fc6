// Package generated holds the Go code schemac compiles from
// schema/transaction_schema.yaml: the Payment row type, the table constants and
// world configuration, and Fill, which fills rows from a world block. Every
// *_gen.go file is generated; edit the schema and run go generate ./... instead.
package generated

//go:generate go run ../cmd/schemac
