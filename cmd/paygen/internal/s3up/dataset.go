package s3up

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/paygen/paygen/runtime/colscan"
)

// Parquet key-value metadata keys written by paygen.
const (
	MetaDate        = "paygen.date"
	MetaRows        = "paygen.rows"
	MetaSeed        = "paygen.seed"
	MetaFingerprint = "paygen.schema_fingerprint"
	MetaVersion     = "paygen.version"
	MetaSchema      = "paygen.schema"
	MetaShard       = "paygen.shard"
)

// DatasetMeta describes a dataset file; it is the head of its [Manifest].
type DatasetMeta struct {
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
func (m DatasetMeta) Time() (time.Time, error) { return time.Parse(time.DateOnly, m.Date) }

var nameDate = regexp.MustCompile(`_(\d{8})(?:\.[^.]*)?$`)

// DateFromName returns the date in a name like payments_1M_20250529.parquet.
func DateFromName(name string) (time.Time, bool) {
	m := nameDate.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse("20060102", m[1])
	return t, err == nil
}

// ReadDatasetMeta reads the paygen metadata of the Parquet file at path. The date comes from
// paygen.date, else from the file name; rows from paygen.rows, else the Parquet row count.
// Errors wrap [ErrDataset].
func ReadDatasetMeta(path string) (DatasetMeta, error) {
	bad := func(format string, a ...any) error {
		return &Error{Kind: ErrDataset, Msg: path + ": " + fmt.Sprintf(format, a...)}
	}
	// Stat first: opening a FIFO would block until a writer appears.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return DatasetMeta{}, bad("not a regular file")
	}
	f, err := os.Open(path)
	if err != nil {
		return DatasetMeta{}, err
	}
	f.Close()
	// colscan checks the footer's structure before decoding it (no panics, and no
	// allocation a crafted footer asks for).
	pf, err := colscan.Open(path)
	if err != nil {
		msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "colscan: "), path+": ")
		return DatasetMeta{}, bad("not a Parquet file (%s)", oneLine(msg))
	}
	defer pf.Close()
	lookup := func(k string) string { v, _ := pf.Lookup(k); return strings.TrimSpace(v) }
	m := DatasetMeta{
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
			return DatasetMeta{}, bad("%s=%q does not match the file's %d rows", MetaRows, v, pf.NumRows())
		}
		m.Shard = lookup(MetaShard)
	}
	if v := lookup(MetaDate); v != "" {
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return DatasetMeta{}, bad("%s=%q is not a YYYY-MM-DD date", MetaDate, v)
		}
		m.Date = t.Format(time.DateOnly)
	} else if t, ok := DateFromName(path); ok {
		m.Date = t.Format(time.DateOnly)
	} else {
		return DatasetMeta{}, bad("no dataset date: neither %s metadata nor _YYYYMMDD in the name", MetaDate)
	}
	return m, nil
}

// Manifest is the JSON document uploaded beside a dataset.
type Manifest struct {
	DatasetMeta
	UploadedAt time.Time        `json:"uploaded_at"`
	Objects    []ManifestObject `json:"objects"`
}

// ManifestObject is one uploaded object of a dataset.
type ManifestObject struct {
	Role string `json:"role"` // "data" or "profile"
	Object
}

// NewManifest builds the manifest of data (and profile, when not nil).
func NewManifest(meta DatasetMeta, data Object, profile *Object) Manifest {
	m := Manifest{DatasetMeta: meta, UploadedAt: time.Now().UTC().Truncate(time.Second)}
	m.Objects = append(m.Objects, ManifestObject{Role: "data", Object: data})
	if profile != nil {
		m.Objects = append(m.Objects, ManifestObject{Role: "profile", Object: *profile})
	}
	return m
}

// PutManifest uploads m as indented JSON to key.
func (u *Uploader) PutManifest(ctx context.Context, key string, m Manifest) (Object, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Object{}, err
	}
	return u.UploadBytes(ctx, key, append(b, '\n'))
}

// DatasetResult lists what [Uploader.UploadDataset] uploaded.
type DatasetResult struct {
	Meta     DatasetMeta
	Keys     DatasetKeys
	Data     Object
	Profile  *Object // nil when there was no profile file
	Manifest Object
}

// ProfilePath returns the HTML profile path beside a dataset file (same stem, .html).
func ProfilePath(dataPath string) string {
	return strings.TrimSuffix(dataPath, filepath.Ext(dataPath)) + ".html"
}

// UploadDataset uploads the Parquet file at path under prefix in its year/month partition,
// with its HTML profile (if ProfilePath(path) exists) and its manifest, as one commit: the
// data object is committed last, after the profile and the manifest are stored, and when
// anything fails the side files are deleted again and no data object appears (see
// [DatasetCommit]). Unless overwriting, it first checks that the dataset does not exist
// ([Uploader.CheckDataset]), so a re-run of a finished upload changes nothing.
func (u *Uploader) UploadDataset(ctx context.Context, prefix, path string) (DatasetResult, error) {
	meta, err := ReadDatasetMeta(path)
	if err != nil {
		return DatasetResult{}, err
	}
	date, _ := meta.Time()
	res := DatasetResult{Meta: meta, Keys: DatasetKeysFor(prefix, date, meta.Name)}
	profile := ProfilePath(path)
	hasProfile := true
	if st, err := os.Stat(profile); errors.Is(err, fs.ErrNotExist) {
		hasProfile = false
	} else if err != nil {
		return res, err
	} else if !st.Mode().IsRegular() {
		return res, fmt.Errorf("%s: not a regular file", profile)
	}
	if err := u.CheckDataset(ctx, res.Keys); err != nil {
		return res, err
	}
	if !hasProfile {
		profile = ""
	}
	c := u.NewDatasetCommit(ctx, meta, res.Keys, profile)
	if res.Data, err = u.uploadFileBefore(ctx, res.Keys.Data, path, c.Before); err != nil {
		return res, c.Abandon(err)
	}
	res.Profile, res.Manifest = c.Profile(), c.Manifest()
	return res, nil
}

// withRollback adds to err what a failed rollback left behind.
func withRollback(err, rollback error) error {
	if rollback == nil {
		return err
	}
	var e *Error
	if errors.As(err, &e) {
		return &Error{Kind: e.Kind, Err: e.Err, Msg: e.Msg + "; " + oneLine(rollback.Error())}
	}
	return fmt.Errorf("%w; %s", err, oneLine(rollback.Error()))
}
