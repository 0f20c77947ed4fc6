package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
	"github.com/paygen/paygen/runtime/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShardsUploadSideBySide runs what the Airflow DAG (docs/deploy/airflow) runs
// per shard — generate --shard i/N --to s3://… --validate --overwrite — and checks
// that the shards land in one partition under distinct keys, that their manifests
// add up to the dataset, that each object is the shard a local run writes, and
// that a retried shard rewrites the same bytes.
func TestShardsUploadSideBySide(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	useServer(t, srv)
	const rows, shards = 140_000, 3 // 3 blocks of 65,536 rows: one block per shard
	to := "s3://" + cliBucket + "/payments"
	args := func(i int) []string {
		return []string{"--rows", "140000", "--shard", fmt.Sprintf("%d/%d", i, shards), "--to", to, "--validate", "--overwrite", "--quiet"}
	}
	for i := 1; i <= shards; i++ {
		code, _, errs := generateCmd(args(i)...)
		require.Equal(t, 0, code, errs)
	}
	dir := "payments/year=2025/month=05/"
	var want []string
	for i := 1; i <= shards; i++ {
		name := fmt.Sprintf("payments_140k_20250529.shard-%d-of-%d", i, shards)
		want = append(want, dir+"_"+name+".manifest.json", dir+name+".parquet")
	}
	keys := listKeys(t, srv.Client(""), "payments/")
	assert.ElementsMatch(t, want, keys, "one data object and one manifest per shard, no collision")

	get := func(key string) []byte {
		obj, err := srv.Client("").GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(cliBucket), Key: aws.String(key)})
		require.NoError(t, err)
		defer obj.Body.Close()
		b, err := io.ReadAll(obj.Body)
		require.NoError(t, err)
		return b
	}
	var total int64
	local := t.TempDir()
	for i := 1; i <= shards; i++ {
		name := fmt.Sprintf("payments_140k_20250529.shard-%d-of-%d", i, shards)
		var m dataset.Manifest
		require.NoError(t, json.Unmarshal(get(dir+"_"+name+".manifest.json"), &m))
		assert.Equal(t, name+".parquet", m.Name)
		assert.Equal(t, "2025-05-29", m.Date)
		total += m.Rows

		code, _, errs := generateCmd("--rows", "140000", "--shard", fmt.Sprintf("%d/%d", i, shards), "--out", local, "--quiet")
		require.Equal(t, 0, code, errs)
		onDisk, err := os.ReadFile(filepath.Join(local, name+".parquet"))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(onDisk, get(dir+name+".parquet")), "shard %d: object equals the local shard", i)
	}
	assert.EqualValues(t, rows, total, "the manifests' rows add up to --rows")

	// A retried shard (same command) succeeds and leaves the same bytes.
	before := get(dir + "payments_140k_20250529.shard-2-of-3.parquet")
	code, _, errs := generateCmd(args(2)...)
	require.Equal(t, 0, code, errs)
	assert.True(t, bytes.Equal(before, get(dir+"payments_140k_20250529.shard-2-of-3.parquet")))
	assert.ElementsMatch(t, want, listKeys(t, srv.Client(""), "payments/"))
}

// paygen upload accepts a shard file: its paygen.rows is the whole dataset's size.
func TestUploadShardFile(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	useServer(t, srv)
	dir := t.TempDir()
	code, _, errs := generateCmd("--rows", "200k", "--out", dir, "--shard", "2/3")
	require.Equal(t, 0, code, errs)
	file := filepath.Join(dir, "payments_200k_20250529.shard-2-of-3.parquet")
	code, out, errs := upload(file, "--to", "s3://"+cliBucket+"/shards")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "Upload complete: s3://"+cliBucket+"/shards/year=2025/month=05/payments_200k_20250529.shard-2-of-3.parquet")
}
