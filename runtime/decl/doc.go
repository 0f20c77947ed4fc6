// Package decl is the small runtime of declared columns (a schema column with `generate:`): samplers, keys, scratch buffers and reference-data lookups that schemac's generated loops call, one typed kernel per row and no interface, map or allocation per row.
package decl
