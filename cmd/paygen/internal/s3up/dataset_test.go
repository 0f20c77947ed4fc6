package s3up

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
	"github.com/paygen/paygen/runtime/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func paygenMeta(date string, rows string) map[string]string {
	return map[string]string{
		dataset.MetaDate: date, dataset.MetaRows: rows, dataset.MetaSeed: "42", dataset.MetaFingerprint: "sha256:abc123",
		dataset.MetaVersion: "0.1.0-test", dataset.MetaSchema: "payments",
	}
}

func TestReadDatasetMeta(t *testing.T) {
	dir := t.TempDir()

	p := filepath.Join(dir, "payments_10k_20250529.parquet")
	require.NoError(t, s3test.WriteParquet(p, 10, 8, paygenMeta("2024-02-03", "10")))
	m, err := ReadDatasetMeta(p)
	require.NoError(t, err)
	assert.Equal(t, dataset.Meta{Name: "payments_10k_20250529.parquet", Date: "2024-02-03", Rows: 10, Seed: "42",
		Schema: "payments", SchemaFingerprint: "sha256:abc123", Version: "0.1.0-test"}, m,
		"the metadata date wins over the name")

	require.NoError(t, s3test.WriteParquet(filepath.Join(dir, "payments_10k_20250529.x"), 7, 8, nil))
	require.NoError(t, os.Rename(filepath.Join(dir, "payments_10k_20250529.x"), filepath.Join(dir, "payments_20250529.parquet")))
	m, err = ReadDatasetMeta(filepath.Join(dir, "payments_20250529.parquet"))
	require.NoError(t, err)
	assert.Equal(t, "2025-05-29", m.Date, "date from the name")
	assert.EqualValues(t, 7, m.Rows, "rows from the Parquet footer")

	bad := map[string]func(string) error{
		"nodate.parquet": func(p string) error { return s3test.WriteParquet(p, 3, 8, nil) },
		"payments_20250529_baddate.parquet": func(p string) error {
			return s3test.WriteParquet(p, 3, 8, map[string]string{dataset.MetaDate: "29/05/2025"})
		},
		"payments_rows_20250529.parquet": func(p string) error {
			return s3test.WriteParquet(p, 3, 8, map[string]string{dataset.MetaRows: "4"})
		},
		"payments_1M_20250529.parquet": func(p string) error { return os.WriteFile(p, []byte("not parquet"), 0o644) },
	}
	for name, mk := range bad {
		p := filepath.Join(dir, name)
		require.NoError(t, mk(p))
		_, err := ReadDatasetMeta(p)
		require.Error(t, err, name)
		assert.True(t, errors.Is(err, ErrDataset), name)
		assert.NotContains(t, err.Error(), "\n", name)
	}
	_, err = ReadDatasetMeta(filepath.Join(dir, "missing.parquet"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
