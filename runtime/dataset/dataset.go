// Package dataset is the paygen dataset format, the one place that spells it:
// the Parquet key-value metadata every file carries (paygen.*), file names,
// the Hive layout of a dataset in object storage and the manifest uploaded
// beside it. The writer (paygen generate), the readers (validate, profile)
// and the S3 adapter (cmd/paygen/internal/s3up, transport only) import it.
//
// A dataset file payments_1M_20250529.parquet under PREFIX lands in the Hive
// partition of its dataset date (the metadata paygen.date, or else the
// _YYYYMMDD in the file name):
//
//	PREFIX/year=2025/month=05/payments_1M_20250529.parquet
//	PREFIX/year=2025/month=05/_payments_1M_20250529.html           (profile, when present)
//	PREFIX/year=2025/month=05/_payments_1M_20250529.manifest.json  (written last)
//
// The side files start with "_": Athena, Hive and Spark skip such files, so a
// table over PREFIX reads only the Parquet data.
package dataset

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/paygen/paygen/runtime/colscan"
)

// Parquet key-value metadata keys written by paygen.
const (
	MetaPrefix      = "paygen."                   // every key starts with it
	MetaSchema      = "paygen.schema"             // table name
	MetaFingerprint = "paygen.schema_fingerprint" // SHA-256 of the schema YAML
	MetaSeed        = "paygen.seed"
	MetaRows        = "paygen.rows" // the whole dataset's row count (a shard holds a slice)
	MetaDate        = "paygen.date" // YYYY-MM-DD
	MetaVersion     = "paygen.version"
	MetaShard       = "paygen.shard" // "i/N", only in shards
)

// Meta describes a dataset file; it is the head of its [Manifest].
type Meta struct {
	Name              string `json:"name"`             // file name, e.g. payments_1M_20250529.parquet
	Date              string `json:"date"`             // dataset date, YYYY-MM-DD
	Rows              int64  `json:"rows"`             // row count
	Seed              string `json:"seed,omitempty"`   // generator seed, as written
	Schema            string `json:"schema,omitempty"` // table name
	SchemaFingerprint string `json:"schema_fingerprint,omitempty"`
	Version           string `json:"paygen_version,omitempty"`
	Shard             string `json:"shard,omitempty"` // "i/N" for a shard of the dataset
}

// Time returns the dataset date as a UTC time.
func (m Meta) Time() (time.Time, error) { return time.Parse(time.DateOnly, m.Date) }

// KeyValues is m as Parquet key-value metadata, in the order paygen writes
// it (the shard only when set; Name is not metadata).
func (m Meta) KeyValues() [][2]string {
	kv := [][2]string{
		{MetaSchema, m.Schema},
		{MetaFingerprint, m.SchemaFingerprint},
		{MetaSeed, m.Seed},
		{MetaRows, strconv.FormatInt(m.Rows, 10)},
		{MetaDate, m.Date},
		{MetaVersion, m.Version},
	}
	if m.Shard != "" {
		kv = append(kv, [2]string{MetaShard, m.Shard})
	}
	return kv
}

// FileName is the name of a dataset file: PREFIX_ROWS_YYYYMMDD.parquet, with
// .shard-i-of-N before the extension for shard i (1-based) of n; shard 0 is
// the whole dataset.
func FileName(prefix string, rows int64, date time.Time, shard, n int) string {
	name := fmt.Sprintf("%s_%s_%s", prefix, RowLabel(rows), date.Format("20060102"))
	if shard > 0 {
		name += fmt.Sprintf(".shard-%d-of-%d", shard, n)
	}
	return name + ".parquet"
}

// RowLabel is the short row count used in file names: 10k, 1M, 2.5M, 1501.
func RowLabel(n int64) string {
	trim := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	switch {
	case n >= 1e6 && n%1e4 == 0:
		return trim(float64(n)/1e6) + "M"
	case n >= 1e3 && n%10 == 0 && n < 1e6:
		return trim(float64(n)/1e3) + "k"
	default:
		return strconv.FormatInt(n, 10)
	}
}

var nameDate = regexp.MustCompile(`_(\d{8})(?:\.shard-\d+-of-\d+)?(?:\.[^.]*)?$`)

// DateFromName returns the date in a name like payments_1M_20250529.parquet
// or payments_1M_20250529.shard-2-of-4.parquet.
func DateFromName(name string) (time.Time, bool) {
	m := nameDate.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse("20060102", m[1])
	return t, err == nil
}

// ProfilePath returns the HTML profile path beside a dataset file (same stem, .html).
func ProfilePath(dataPath string) string {
	return strings.TrimSuffix(dataPath, filepath.Ext(dataPath)) + ".html"
}

// HiveDir returns PREFIX/year=YYYY/month=MM (without a trailing slash) for the date's calendar
// month; an empty prefix gives year=YYYY/month=MM.
func HiveDir(prefix string, date time.Time) string {
	dir := fmt.Sprintf("year=%04d/month=%02d", date.Year(), int(date.Month()))
	if p := strings.Trim(prefix, "/"); p != "" {
		return p + "/" + dir
	}
	return dir
}

// HiveKey returns PREFIX/year=YYYY/month=MM/NAME, NAME being the base name of name.
func HiveKey(prefix string, date time.Time, name string) string {
	return HiveDir(prefix, date) + "/" + path.Base(name)
}

// Keys are the object keys of one dataset file.
type Keys struct {
	Data     string // PREFIX/year=YYYY/month=MM/NAME.parquet
	Profile  string // PREFIX/year=YYYY/month=MM/_NAME.html
	Manifest string // PREFIX/year=YYYY/month=MM/_NAME.manifest.json
}

// KeysFor returns the keys of the data file name (e.g. payments_1M_20250529.parquet),
// its profile and its manifest under prefix for the dataset date.
func KeysFor(prefix string, date time.Time, name string) Keys {
	data := HiveKey(prefix, date, name)
	side := path.Join(path.Dir(data), "_"+strings.TrimSuffix(path.Base(data), path.Ext(data)))
	return Keys{
		Data:     data,
		Profile:  side + ".html",
		Manifest: side + ".manifest.json",
	}
}

// Manifest is the JSON document uploaded beside a dataset file.
type Manifest struct {
	Meta
	UploadedAt time.Time        `json:"uploaded_at"`
	Objects    []ManifestObject `json:"objects"`
}

// Object is a stored object of a dataset, as the manifest records it.
type Object struct {
	Key    string `json:"key"`
	Size   int64  `json:"size"`
	CRC32C string `json:"crc32c"` // base64, as S3 reports it
}

// ManifestObject is one object of a dataset: its role ("data" or "profile").
type ManifestObject struct {
	Role string `json:"role"`
	Object
}

// NewManifest builds the manifest of data (and profile, when not nil).
func NewManifest(meta Meta, data Object, profile *Object) Manifest {
	m := Manifest{Meta: meta, UploadedAt: time.Now().UTC().Truncate(time.Second)}
	m.Objects = append(m.Objects, ManifestObject{Role: "data", Object: data})
	if profile != nil {
		m.Objects = append(m.Objects, ManifestObject{Role: "profile", Object: *profile})
	}
	return m
}

// ErrInvalid is matched (errors.Is) by every error of [ReadMeta] about the
// file's content rather than its access.
var ErrInvalid = errors.New("not a usable dataset file")

// invalidError is a one-line [ErrInvalid].
type invalidError struct{ msg string }

func (e *invalidError) Error() string        { return e.msg }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }

// ReadMeta reads the paygen metadata of the Parquet file at path. The date comes from
// paygen.date, else from the file name; rows from paygen.rows, else the Parquet row count.
// Errors about the content match [ErrInvalid] and are one line; errors opening the file are
// the os errors.
func ReadMeta(path string) (Meta, error) {
	bad := func(format string, a ...any) error {
		return &invalidError{path + ": " + fmt.Sprintf(format, a...)}
	}
	// Stat first: opening a FIFO would block until a writer appears.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return Meta{}, bad("not a regular file")
	}
	f, err := os.Open(path)
	if err != nil {
		return Meta{}, err
	}
	f.Close()
	// colscan checks the footer's structure before decoding it (no panics, and no
	// allocation a crafted footer asks for).
	pf, err := colscan.Open(path)
	if err != nil {
		msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "colscan: "), path+": ")
		return Meta{}, bad("not a Parquet file (%s)", strings.Join(strings.Fields(msg), " "))
	}
	defer pf.Close()
	lookup := func(k string) string { v, _ := pf.Lookup(k); return strings.TrimSpace(v) }
	m := Meta{
		Name:              filepath.Base(path),
		Rows:              pf.NumRows(),
		Seed:              lookup(MetaSeed),
		Schema:            lookup(MetaSchema),
		SchemaFingerprint: lookup(MetaFingerprint),
		Version:           lookup(MetaVersion),
	}
	// paygen.rows is the whole dataset's size; a shard (paygen.shard = "i/N")
	// holds a slice of it.
	if v := lookup(MetaRows); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		shard := lookup(MetaShard) != ""
		if err != nil || (!shard && n != pf.NumRows()) || (shard && n < pf.NumRows()) {
			return Meta{}, bad("%s=%q does not match the file's %d rows", MetaRows, v, pf.NumRows())
		}
		m.Shard = lookup(MetaShard)
	}
	if v := lookup(MetaDate); v != "" {
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return Meta{}, bad("%s=%q is not a YYYY-MM-DD date", MetaDate, v)
		}
		m.Date = t.Format(time.DateOnly)
	} else if t, ok := DateFromName(path); ok {
		m.Date = t.Format(time.DateOnly)
	} else {
		return Meta{}, bad("no dataset date: neither %s metadata nor _YYYYMMDD in the name", MetaDate)
	}
	return m, nil
}
