package profile

// colDesc describes one column of the input, as the reader reports it.
type colDesc struct {
	Name      string
	Physical  string // BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, GROUP
	Logical   string // STRING, TIMESTAMP(MICROS,UTC), DECIMAL(12,2), DATE, ... or ""
	Optional  bool
	Scannable bool
	Scale     int
	TimeUnit  string // MILLIS, MICROS, NANOS
}

// source is a column-wise reader: each Scan call delivers one column's values
// in row order, in batches of row-aligned values and validity flags (vals[i]
// is the zero value when valid[i] is false). Slices are only valid during fn.
// Scans of different columns may run concurrently.
type source interface {
	NumRows() int64
	Columns() []colDesc
	ScanInt64(col int, fn func(vals []int64, valid []bool) error) error
	ScanFloat64(col int, fn func(vals []float64, valid []bool) error) error
	ScanBool(col int, fn func(vals []bool, valid []bool) error) error
	ScanBytes(col int, fn func(vals [][]byte, valid []bool) error) error
}

// fileInfo is what the overview needs beyond the columns.
type fileInfo struct {
	Path        string
	Size        int64
	RowGroups   int
	Compression string
	CreatedBy   string
	Metadata    map[string]string
}
