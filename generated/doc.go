// Package generated holds the Go code schemac compiles from
// schema/transaction_schema.yaml: the Payment row type, the table constants and
// world configuration, Fill (which fills rows from a world block), the data
// Contract and the ProfileSpec; athena_gen.sql is the Athena table over the S3
// layout. Every *_gen.* file is generated; edit the schema and run
// go generate ./... instead.
package generated

//go:generate go run ../cmd/schemac
