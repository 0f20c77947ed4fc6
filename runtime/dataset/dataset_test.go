package dataset_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/dataset"
)

// writeFile writes rows rows of a one-column Parquet file with metadata kv.
func writeFile(path string, rows int, kv map[string]string) error {
	type row struct {
		ID int64 `parquet:"id"`
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	var opts []parquet.WriterOption
	for k, v := range kv {
		opts = append(opts, parquet.KeyValueMetadata(k, v))
	}
	w := parquet.NewGenericWriter[row](f, opts...)
	for i := range rows {
		if _, err := w.Write([]row{{int64(i)}}); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func paygenMeta(date string, rows string) map[string]string {
	return map[string]string{
		dataset.MetaDate: date, dataset.MetaRows: rows, dataset.MetaSeed: "42", dataset.MetaFingerprint: "sha256:abc123",
		dataset.MetaVersion: "0.1.0-test", dataset.MetaSchema: "payments",
	}
}

func TestReadMeta(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	p := filepath.Join(dir, "payments_10k_20250529.parquet")
	require.NoError(t, writeFile(p, 10, paygenMeta("2024-02-03", "10")))
	m, err := dataset.ReadMeta(p)
	require.NoError(t, err)
	assert.Equal(t, dataset.Meta{Name: "payments_10k_20250529.parquet", Date: "2024-02-03", Rows: 10, Seed: "42",
		Schema: "payments", SchemaFingerprint: "sha256:abc123", Version: "0.1.0-test"}, m,
		"the metadata date wins over the name")

	require.NoError(t, writeFile(filepath.Join(dir, "payments_20250529.parquet"), 7, nil))
	m, err = dataset.ReadMeta(filepath.Join(dir, "payments_20250529.parquet"))
	require.NoError(t, err)
	assert.Equal(t, "2025-05-29", m.Date, "date from the name")
	assert.EqualValues(t, 7, m.Rows, "rows from the Parquet footer")

	shard := paygenMeta("2025-05-29", "100")
	shard[dataset.MetaShard] = "2/3"
	require.NoError(t, writeFile(filepath.Join(dir, "s.parquet"), 30, shard))
	m, err = dataset.ReadMeta(filepath.Join(dir, "s.parquet"))
	require.NoError(t, err)
	assert.Equal(t, "2/3", m.Shard, "a shard holds a slice of paygen.rows")

	bad := map[string]func(string) error{
		"nodate.parquet": func(p string) error { return writeFile(p, 3, nil) },
		"payments_20250529_baddate.parquet": func(p string) error {
			return writeFile(p, 3, map[string]string{dataset.MetaDate: "29/05/2025"})
		},
		"payments_rows_20250529.parquet": func(p string) error {
			return writeFile(p, 3, map[string]string{dataset.MetaRows: "4"})
		},
		"payments_1M_20250529.parquet": func(p string) error { return os.WriteFile(p, []byte("not parquet"), 0o644) },
	}
	for name, mk := range bad {
		p := filepath.Join(dir, name)
		require.NoError(t, mk(p))
		_, err := dataset.ReadMeta(p)
		require.Error(t, err, name)
		assert.True(t, errors.Is(err, dataset.ErrInvalid), name)
		assert.NotContains(t, err.Error(), "\n", name)
	}
	_, err = dataset.ReadMeta(filepath.Join(dir, "missing.parquet"))
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.False(t, errors.Is(err, dataset.ErrInvalid))
}

func TestKeyValuesRoundTrip(t *testing.T) {
	t.Parallel()
	m := dataset.Meta{Name: "payments_30_20250529.shard-1-of-2.parquet", Date: "2025-05-29", Rows: 30, Seed: "7",
		Schema: "payments", SchemaFingerprint: "sha256:x", Version: "0.1.0", Shard: "1/2"}
	kv := map[string]string{}
	for _, p := range m.KeyValues() {
		kv[p[0]] = p[1]
	}
	p := filepath.Join(t.TempDir(), m.Name)
	require.NoError(t, writeFile(p, 20, kv))
	got, err := dataset.ReadMeta(p)
	require.NoError(t, err)
	m.Rows = 20 // the file's own count; paygen.rows (30) is the dataset's
	got.Rows = 20
	assert.Equal(t, m, got)
	assert.Len(t, dataset.Meta{}.KeyValues(), 6, "no shard key outside shards")
}

func TestNames(t *testing.T) {
	t.Parallel()
	d := time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, "payments_1M_20250529.parquet", dataset.FileName("payments", 1_000_000, d, 0, 0))
	assert.Equal(t, "payments_2.5M_20250529.shard-2-of-4.parquet", dataset.FileName("payments", 2_500_000, d, 2, 4))
	assert.Equal(t, "payments_10k_20250529.parquet", dataset.FileName("payments", 10_000, d, 0, 0))
	assert.Equal(t, "1501", dataset.RowLabel(1501))
	assert.Equal(t, "1.5k", dataset.RowLabel(1500))
	assert.Equal(t, "out/payments_1M_20250529.html", dataset.ProfilePath("out/payments_1M_20250529.parquet"))

	for _, name := range []string{"out/payments_1M_20250529.parquet", dataset.FileName("payments", 7, d, 3, 3)} {
		got, ok := dataset.DateFromName(name)
		require.True(t, ok, name)
		assert.Equal(t, d, got, name)
	}
	got, ok := dataset.DateFromName("payments_2.5M_20240101.parquet")
	require.True(t, ok)
	assert.Equal(t, "2024-01-01", got.Format(time.DateOnly))
	for _, n := range []string{"payments.parquet", "payments_1M_2025052.parquet", "payments_1M_20251332.parquet"} {
		_, ok := dataset.DateFromName(n)
		assert.False(t, ok, n)
	}
}

func TestHiveLayout(t *testing.T) {
	t.Parallel()
	d := time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, "payments/year=2025/month=05/payments_1M_20250529.parquet",
		dataset.HiveKey("payments", d, "outputs/payments_1M_20250529.parquet"))
	assert.Equal(t, "a/b/year=2025/month=05/x.parquet", dataset.HiveKey("/a/b/", d, "x.parquet"))
	assert.Equal(t, "year=2025/month=12/x.parquet",
		dataset.HiveKey("", time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), "x.parquet"))

	k := dataset.KeysFor("payments", d, "payments_1M_20250529.parquet")
	assert.Equal(t, "payments/year=2025/month=05/payments_1M_20250529.parquet", k.Data)
	assert.Equal(t, "payments/year=2025/month=05/_payments_1M_20250529.html", k.Profile)
	assert.Equal(t, "payments/year=2025/month=05/_payments_1M_20250529.manifest.json", k.Manifest)
}

func TestManifestJSON(t *testing.T) {
	t.Parallel()
	m := dataset.NewManifest(dataset.Meta{Name: "n.parquet", Date: "2025-05-29", Rows: 3},
		dataset.Object{Key: "k", Size: 10, CRC32C: "AAAA"}, &dataset.Object{Key: "p", Size: 2, CRC32C: "BBBB"})
	b, err := json.Marshal(m)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Equal(t, "n.parquet", doc["name"])
	assert.Equal(t, []any{
		map[string]any{"role": "data", "key": "k", "size": 10.0, "crc32c": "AAAA"},
		map[string]any{"role": "profile", "key": "p", "size": 2.0, "crc32c": "BBBB"},
	}, doc["objects"])
}
