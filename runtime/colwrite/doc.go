// Package colwrite writes Snappy Parquet files column by column from typed slices, with integer-keyed dictionaries, for generated code.
//
// A file is a Writer and a sequence of RowGroups. Generated code appends
// one batch (a block of rows) at a time, one call per column:
//
//	rg := colwrite.NewRowGroup(cols)                           // one per worker, reused
//	rg.Strings(0, ids, nil)                                    // Plain or Delta strings
//	rg.Int64(1, times, nil)                                    // INT64, timestamps, decimals
//	colwrite.AppendKeyed(rg, 2, customer, nil, formatCustomer) // dictionary keyed by integers of any width
//	rg.Double(3, lat, valid)                                   // valid[i] false: null
//	...                                                        // more batches, then
//	err := rg.Finish()
//
// and one goroutine hands finished row groups to the Writer in order:
//
//	w, err := colwrite.NewWriter(out, cols, kv, "paygen version 1.0.0")
//	err = w.WriteRowGroup(rg) // then rg.Reset() and reuse it
//	err = w.Close()
//
// Dictionary columns are the point of the package. AppendKeyed (and
// rg.Keyed, its uint64 form) takes integer keys
// the caller already has (a vocabulary index, an entity id) instead of
// strings: a key is mapped to its dictionary index by direct indexing (keys
// below 2^16) or an integer hash table, and its value is rendered by the
// caller's format function only the first time it occurs in the row group.
// No string is hashed or compared per row. Equal keys must mean equal
// values; different keys may render equal values, which gives duplicate
// dictionary entries (valid Parquet, a little larger). When a column
// chunk's dictionary reaches DefaultDictBytes (SetDictLimit), or its first
// 16,384 values are more than 3/4 distinct, the rest of the chunk is
// written as DELTA_BYTE_ARRAY, DELTA_BINARY_PACKED or BYTE_STREAM_SPLIT
// data pages (by type), values rendered per row, so dictionaries stay
// bounded however many distinct keys there are.
//
// What is written: data pages v1, cut at DefaultPageRows rows or about
// DefaultPageBytes bytes; definition levels RLE (bit width 1) for optional
// columns; PLAIN, RLE_DICTIONARY with a PLAIN dictionary page,
// DELTA_BINARY_PACKED / DELTA_BYTE_ARRAY or BYTE_STREAM_SPLIT values, built with parquet-go's
// encoders; every page Snappy-compressed with s2's fast encoder; page
// headers and the footer in thrift compact protocol via parquet-go's format
// and thrift packages. Column chunk statistics hold min and max in the
// column's type order (signed INT64, IEEE DOUBLE ignoring NaN, unsigned
// bytewise BYTE_ARRAY) and null counts; data pages of non-dictionary columns
// (and the pages after a dictionary fallback) carry their own min and
// max, dictionary-encoded pages only null counts.
//
// Memory: a RowGroup holds its compressed pages and its dictionaries (each
// about the dictionary limit at most) until Reset; appends copy what they
// keep, so the caller may reuse its slices as soon as a call returns. After
// the first row groups have sized the buffers, encoding allocates per page
// and per column chunk, never per value.
package colwrite
