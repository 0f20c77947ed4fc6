package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
	"github.com/paygen/paygen/runtime/profile"
)

func fixtureFile(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, colscantest.Write(path, colscantest.Options{Rows: 3000, Seed: 4}))
	return path
}

func runP(args ...string) (int, string, string) {
	return call(testDeps(), runProfile, args...)
}

func TestProfileCommandWritesReportBesideInput(t *testing.T) {
	t.Parallel()
	in := fixtureFile(t, "payments_10k_20250529.parquet")
	dir := filepath.Dir(in)
	js := filepath.Join(dir, "profile.json")
	code, out, errOut := runP(in, "--json", js, "--sample", "5")
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, errOut)
	html := filepath.Join(dir, "payments_10k_20250529.html")
	assert.Contains(t, out, "3,000 rows")
	assert.Contains(t, out, html)
	b, err := os.ReadFile(html)
	require.NoError(t, err)
	assert.Contains(t, string(b), `id="overview"`)
	var p profile.Profile
	jb, err := os.ReadFile(js)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(jb, &p))
	assert.EqualValues(t, 3000, p.Overview.Rows)
	assert.Len(t, p.Sample.Rows, 5)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".tmp", "no temporary file left")
	}
}

func TestProfileCommandFlagsFirstAndSpec(t *testing.T) {
	t.Parallel()
	in := fixtureFile(t, "p.parquet")
	out := filepath.Join(t.TempDir(), "sub", "r.html")
	d := testDeps()
	d.profileSpec = &profile.Spec{Table: "payments", Target: "label_fraud", Scenario: "fraud_scenario",
		Columns: []profile.ColumnSpec{{Name: "amount", Role: profile.Numeric, Scale: 2, Description: "Amount in minor units / 100"}}}
	code, _, errOut := call(d, runProfile, "--out", out, "--sample", "0", in)
	require.Equal(t, 0, code, errOut)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	s := string(b)
	assert.Contains(t, s, `id="fraud"`)
	assert.Contains(t, s, "Amount in minor units / 100")
	assert.Contains(t, s, "Sample (0 rows)")
}

func TestProfileFile(t *testing.T) {
	t.Parallel()
	in := fixtureFile(t, "p.parquet")
	html, js := filepath.Join(t.TempDir(), "a.html"), filepath.Join(t.TempDir(), "a.json")
	require.NoError(t, profileFile(in, generated.ProfileSpec, html, js))
	assert.FileExists(t, html)
	assert.FileExists(t, js)
	err := profileFile(filepath.Join(t.TempDir(), "missing.parquet"), generated.ProfileSpec, html, "")
	require.Error(t, err)
}

func TestProfileCommandErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notPq := filepath.Join(dir, "x.parquet")
	require.NoError(t, os.WriteFile(notPq, []byte("hello, not parquet"), 0o644))
	good := fixtureFile(t, "g.parquet")
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "missing FILE.parquet"},
		{[]string{filepath.Join(dir, "nope.parquet")}, "no such file"},
		{[]string{notPq}, "not a Parquet file"},
		{[]string{good, good}, "unexpected argument"},
		{[]string{good, "--sample", "-3"}, "--sample must be 0 to 1000, not -3"},
		{[]string{good, "--sample", "1001"}, "--sample must be 0 to 1000, not 1001"},
		{[]string{good, "--sample", "100000000"}, "--sample must be 0 to 1000, not 100000000"},
		{[]string{good, "--bogus"}, "bogus"},
		{[]string{good, "--out", good}, "overwrite the input"},
		{[]string{dir}, "directory"},
	} {
		code, out, errOut := runP(c.args...)
		assert.Equal(t, 2, code, "%v", c.args)
		assert.Empty(t, out)
		assert.Contains(t, errOut, c.want, "%v", c.args)
		assert.True(t, strings.HasPrefix(errOut, "paygen profile: "), errOut)
		assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
	}
	_, err := os.Stat(filepath.Join(dir, "x.html"))
	assert.True(t, os.IsNotExist(err), "no report for a bad input")

	code, out, _ := runP("--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Usage: paygen profile FILE.parquet")
	assert.Contains(t, out, "0 (none) to 1000")
}

// The largest --sample allowed keeps the report within its 5 MB budget.
func TestProfileMaxSampleFitsTheBudget(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, _, errOut := generateCmd("--rows", "10k", "--out", dir, "--quiet")
	require.Equal(t, 0, code, errOut)
	in := filepath.Join(dir, "payments_10k_20250529.parquet")
	html := filepath.Join(dir, "r.html")
	code, _, errOut = runP(in, "--out", html, "--sample", fmt.Sprint(maxSample))
	require.Equal(t, 0, code, errOut)
	st, err := os.Stat(html)
	require.NoError(t, err)
	assert.Less(t, st.Size(), int64(5<<20))
}
