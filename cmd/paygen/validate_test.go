package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/colscan/colscantest"
	"github.com/paygen/paygen/runtime/contract"
)

// testContract is paygen validate with the hand-written payments contract.
func testContract() deps {
	d := testDeps()
	d.contract = generated.Contract
	return d
}

func writeFixture(t *testing.T, name string, mutate func(int, *colscantest.Payment)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, colscantest.Write(path, colscantest.Options{Rows: 2000, Mutate: mutate}))
	return path
}

func runV(args ...string) (int, string, string) {
	return call(testContract(), runValidate, args...)
}

func TestValidateExitCodes(t *testing.T) {
	t.Parallel()
	good := writeFixture(t, "good.parquet", nil)
	bad := writeFixture(t, "bad.parquet", func(i int, p *colscantest.Payment) {
		if i == 3 {
			p.Currency = "ZZZ"
		}
	})
	warn := writeFixture(t, "warn.parquet", func(i int, p *colscantest.Payment) {
		if i == 0 {
			p.Amount = 900_000_000_000 // the mean band is a warning
		}
	})
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(text, []byte("hello, this is not parquet\n"), 0o644))
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	trunc := filepath.Join(dir, "trunc.parquet")
	require.NoError(t, os.WriteFile(trunc, data[:len(data)/3], 0o644))
	missing := filepath.Join(dir, "missing.parquet")

	code, out, errs := runV(good)
	assert.Equal(t, 0, code, errs)
	assert.Contains(t, out, good+": PASSED")
	assert.Empty(t, errs)

	code, out, _ = runV(bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "FAILED (2 errors)") // in_set currencies and currency_of_country
	assert.Contains(t, out, "ZZZ")

	code, out, _ = runV(warn)
	assert.Equal(t, 0, code, "warnings do not fail")
	assert.Contains(t, out, "PASSED (1 warning)")
	assert.Contains(t, out, "WARN")

	for path, line := range map[string]string{
		missing: "paygen validate: open " + missing + ": no such file or directory\n",
		text:    "paygen validate: " + text + ": not a Parquet file (bad magic)\n",
		trunc:   "paygen validate: " + trunc + ": corrupt Parquet file: truncated or incomplete (no footer magic at end of file)\n",
		dir:     "paygen validate: " + dir + ": is a directory\n",
	} {
		code, out, errs := runV(path)
		assert.Equal(t, 2, code, path)
		assert.Equal(t, line, errs, "exactly one line on stderr")
		assert.Empty(t, out)
	}

	// Several files: the worst outcome wins, and readable files are still reported.
	code, out, _ = runV(good, bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, good+": PASSED")
	assert.Contains(t, out, bad+": FAILED")
	code, out, errs = runV(bad, missing, good)
	assert.Equal(t, 2, code)
	assert.Equal(t, 1, strings.Count(errs, "\n"))
	assert.Contains(t, out, good+": PASSED")
}

func TestValidateSchemaMismatchExitsTwo(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "other.parquet")
	type other struct {
		ID    int64  `parquet:"id"`
		Label string `parquet:"label"`
	}
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, writeRows(f, []other{{1, "a"}, {2, "b"}}))
	code, out, errs := runV(path)
	assert.Equal(t, 2, code, errs)
	assert.Contains(t, out, "FAILED (26 schema issues")
	assert.Contains(t, out, "EXTRA    id")
	assert.Contains(t, out, "MISSING  transaction_id")
}

func TestValidateUsage(t *testing.T) {
	t.Parallel()
	code, out, errs := runV()
	assert.Equal(t, 2, code)
	assert.Equal(t, "paygen validate: no input file (usage: paygen "+validateSynopsis+")\n", errs)
	assert.Empty(t, out)

	code, out, errs = runV("--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Usage: paygen validate FILE.parquet")
	assert.Contains(t, out, "--json file")
	assert.Empty(t, errs)

	code, _, errs = runV("--bogus", "x.parquet")
	assert.Equal(t, 2, code)
	assert.Equal(t, 1, strings.Count(errs, "\n"))
	assert.Contains(t, errs, "flag provided but not defined: -bogus")

	good := writeFixture(t, "good.parquet", nil)
	code, _, errs = runV(good, "--date", "29/05/2025")
	assert.Equal(t, 2, code)
	assert.Equal(t, "paygen validate: --date \"29/05/2025\" is not a YYYY-MM-DD date\n", errs)

	code, _, errs = call(deps{}, runValidate, good)
	assert.Equal(t, 2, code)
	assert.Equal(t, "paygen validate: no data contract is compiled into this binary\n", errs)
}

func TestValidateReportsAndFlagsAfterFiles(t *testing.T) {
	t.Parallel()
	good := writeFixture(t, "good.parquet", nil)
	bad := writeFixture(t, "bad.parquet", func(i int, p *colscantest.Payment) {
		if i == 9 {
			p.CustomerID = "customer-9"
		}
	})
	dir := t.TempDir()
	jsonPath, htmlPath := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.html")

	code, out, errs := runV(good, "--json", jsonPath, "--html", htmlPath, "--quiet")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, good+": PASSED\n", out, "--quiet prints one line per file")
	var rep contract.Report
	data, err := os.ReadFile(jsonPath)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &rep))
	assert.True(t, rep.Success)
	assert.EqualValues(t, 2000, rep.Statistics.Rows)
	page, err := os.ReadFile(htmlPath)
	require.NoError(t, err)
	assert.Contains(t, string(page), "<!DOCTYPE html>")

	code, out, _ = runV("--quiet", good, bad, "--json", jsonPath)
	assert.Equal(t, 1, code)
	assert.Equal(t, good+": PASSED\n"+bad+": FAILED (1 error)\n", out)
	var multi struct {
		Success bool              `json:"success"`
		Reports []contract.Report `json:"reports"`
	}
	data, err = os.ReadFile(jsonPath)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &multi))
	assert.False(t, multi.Success)
	require.Len(t, multi.Reports, 2)
	assert.Equal(t, bad, multi.Reports[1].File)

	code, _, errs = runV(good, "--json", filepath.Join(dir, "no", "such", "dir.json"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "paygen validate: open ")
	assert.Equal(t, 1, strings.Count(errs, "\n"))

	// --date overrides the file's paygen.date: ten days later, part of the file is too old.
	code, out, _ = runV(good, "--date", "2025-06-08")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "FAIL    event_time in [2025-05-09T00:00:00Z, 2025-06-08T00:00:00Z)")
}

func TestValidateFile(t *testing.T) {
	good := writeFixture(t, "good.parquet", nil)
	bad := writeFixture(t, "bad.parquet", func(i int, p *colscantest.Payment) {
		if i == 1 {
			p.Latitude = nil
		}
	})
	var out strings.Builder
	ok, err := validateFile(good, generated.Contract, &out)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Contains(t, out.String(), "PASSED")

	ok, err = validateFile(bad, generated.Contract, nil)
	require.NoError(t, err)
	assert.False(t, ok)

	ok, err = validateFile(filepath.Join(t.TempDir(), "none.parquet"), generated.Contract, nil)
	assert.False(t, ok)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "open "), err.Error())
}
