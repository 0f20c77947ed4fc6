package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/dataset"
	"github.com/paygen/paygen/runtime/learn"
)

// TestGenerateExtendedSchema writes the example table of
// schema/examples/extended.yaml with --schema, validates and profiles it in
// the same run, then validates it again with validate --schema; the default
// contract refuses it (its columns are not the payments table's).
func TestGenerateExtendedSchema(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rows := "70k" // enough fraud rows for learnability's rule search to see every family
	if testing.Short() {
		rows = "20k"
	}
	code, out, errs := generateCmd("--schema", "extended", "--rows", rows, "--out", dir, "--validate", "--profile")
	require.Equal(t, 0, code, errs)
	path := filepath.Join(dir, "payments_extended_"+rows+"_20250529.parquet")
	assert.Contains(t, out, path)
	meta, err := dataset.ReadMeta(path)
	require.NoError(t, err)
	assert.Equal(t, "payments_extended", meta.Schema)
	_, err = os.Stat(filepath.Join(dir, "payments_extended_"+rows+"_20250529.html"))
	require.NoError(t, err)

	code, out, errs = call(testDeps(), runValidate, "--schema", "extended", "--quiet", path)
	assert.Equal(t, 0, code, errs)
	assert.Contains(t, out, "PASSED")
	code, _, errs = call(testDeps(), runValidate, "--quiet", path)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "not a payments file")
	code, _, errs = call(testDeps(), runProfile, "--schema", "extended", "--out", filepath.Join(dir, "p.html"), path)
	assert.Equal(t, 0, code, errs)

	// learnability finds the table in the file's metadata and scores its declared columns
	// (issue 15), but for the label columns; --schema payments checks the 24 only
	learnJSON := func(args ...string) *learn.Report {
		out := filepath.Join(t.TempDir(), "l.json")
		code, stdout, errs := call(testDeps(), runLearnability, append(args, "--json", out, path)...)
		require.Contains(t, []int{0, 1}, code, errs)
		assert.Contains(t, stdout, "Raw columns on their own")
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		var rep learn.Report
		require.NoError(t, json.Unmarshal(b, &rep))
		return &rep
	}
	scored := func(rep *learn.Report) []string {
		var names []string
		for _, c := range rep.Columns {
			names = append(names, c.Name)
		}
		return names
	}
	rep := learnJSON()
	for _, c := range []string{"risk_score", "channel", "is_recurring", "installments", "merchant_name", "response_code"} {
		assert.Contains(t, scored(rep), c)
	}
	assert.NotContains(t, scored(rep), "days_to_report")
	assert.Equal(t, []string{"reported_at", "days_to_report"}, rep.Labels)
	assert.Empty(t, rep.Unchecked)
	assert.Contains(t, rep.Rules.Families, "channel")
	assert.Equal(t, rep, learnJSON("--schema", "extended"))
	plain := learnJSON("--schema", "payments")
	assert.Len(t, plain.Columns, 22)
	assert.Contains(t, plain.Unchecked, "risk_score")
}

func TestUnknownSchema(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range []struct {
		cmd  func(*env, []string) int
		args []string
	}{
		{runGenerate, []string{"--rows", "10k", "--out", dir}},
		{runValidate, []string{"x.parquet"}},
		{runProfile, []string{"x.parquet"}},
		{runLearnability, []string{"x.parquet"}},
	} {
		code, _, errs := call(testDeps(), c.cmd, append([]string{"--schema", "nope"}, c.args...)...)
		assert.Equal(t, 2, code)
		assert.Contains(t, errs, `unknown schema "nope" (known: payments, extended)`)
	}
}
