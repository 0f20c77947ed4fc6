// Package generated (import it as extended) holds the Go code schemac compiles from schema/examples/extended.yaml: the payments table plus a data team's own declared columns (generate:), written by paygen generate --schema extended. Every *_gen.* file is generated; edit the schema and run go generate ./... instead.
package generated

//go:generate go run ../../../cmd/schemac -schema schema/examples/extended.yaml -out generated/examples/extended
