package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/learn"
	"github.com/paygen/paygen/runtime/learn/learntest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runL(args ...string) (code int, stdout, stderr string) {
	return call(testDeps(), runLearnability, args...)
}

func TestLearnabilityCLI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.parquet")
	leaky := filepath.Join(dir, "leaky.parquet")
	require.NoError(t, learntest.WriteParquet(clean, learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 6000, FraudRate: 0.02, Seed: 1}), 0))
	require.NoError(t, learntest.WriteParquet(leaky, learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 6000, FraudRate: 0.02, Seed: 1, Leak: true}), 0))
	pairLeak := filepath.Join(dir, "pair.parquet")
	require.NoError(t, learntest.WriteParquet(pairLeak, pairLeakRows(), 0))

	t.Run("clean file passes, flags after the file", func(t *testing.T) {
		out := filepath.Join(dir, "clean.json")
		code, stdout, stderr := runL(clean, "--json", out)
		assert.Equal(t, 0, code, stderr)
		assert.Empty(t, stderr)
		assert.Contains(t, stdout, "test ROC-AUC")
		assert.Contains(t, stdout, "\nPASS: ")
		var rep learn.Report
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(b, &rep))
		assert.Equal(t, int64(6000), rep.Rows)
		require.NotNil(t, rep.Model.ROCAUC)
		assert.Contains(t, stdout, fmt.Sprintf("test ROC-AUC        %.4f", *rep.Model.ROCAUC), "text and JSON agree")
		assert.True(t, rep.Verdict.Pass)
		assert.Greater(t, rep.Rules.Conditions, 50)
		assert.Zero(t, rep.Rules.Failing)
		assert.EqualValues(t, learn.DefaultRuleMinSupport, rep.Verdict.RuleMinSupport)
		assert.Contains(t, stdout, "\nRules: conditions and pairs")
		assert.Contains(t, stdout, "\nFraud rate by row position")
		assert.Len(t, rep.Positions.Days, 28)
	})

	t.Run("a two-column rule fails with exit 1 and is named", func(t *testing.T) {
		code, stdout, stderr := runL(pairLeak)
		assert.Equal(t, 1, code, stderr)
		assert.Contains(t, stdout, "FAIL: RULE: ")
		assert.Contains(t, stdout, "card_type = debit AND device_type = desktop")
		assert.NotContains(t, stdout, "LEAK: column", "no single column gives it away")
	})

	t.Run("the rule thresholds are flags", func(t *testing.T) {
		code, stdout, stderr := runL(pairLeak, "--rule-min-support", "100000")
		assert.Equal(t, 0, code, stderr+stdout)
		code, _, stderr = runL(clean, "--rule-max-precision", "0.01")
		assert.Equal(t, 1, code, stderr)
	})

	t.Run("leak fails with exit 1 and names the column", func(t *testing.T) {
		code, stdout, _ := runL("--split-days", "7", leaky)
		assert.Equal(t, 1, code)
		assert.Contains(t, stdout, "FAIL: LEAK: column card_brand")
	})

	t.Run("a split longer than the data fails cleanly", func(t *testing.T) {
		code, _, stderr := runL("--split-days", "60", clean)
		assert.Equal(t, 2, code)
		assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
		assert.Contains(t, stderr, "train split is empty")
	})

	t.Run("help", func(t *testing.T) {
		code, stdout, stderr := runL("-h")
		assert.Equal(t, 0, code)
		assert.Contains(t, stdout, "Usage: paygen learnability FILE.parquet")
		assert.Contains(t, stdout, "Exit status: 0 ROC-AUC")
		for _, f := range []string{"--json file", "--split-days days", "--balanced\n", "--rule-min-support rows",
			"--rule-max-precision precision", "--position-alpha p-value"} {
			assert.Contains(t, stdout, "\n  "+f, "flags in the --flag style of the other commands")
		}
		assert.NotContains(t, stdout, "\n  -json")
		assert.Empty(t, stderr)
	})

	junk := filepath.Join(dir, "junk.parquet")
	require.NoError(t, os.WriteFile(junk, []byte("PAR1 nope"), 0o644))
	for name, args := range map[string][]string{
		"no file":        nil,
		"two files":      {clean, leaky},
		"missing file":   {filepath.Join(dir, "nope.parquet")},
		"not parquet":    {junk},
		"unknown flag":   {"--bogus", clean},
		"bad split days": {"--split-days", "0", clean},
		"bad support":    {"--rule-min-support", "0", clean},
		"bad precision":  {"--rule-max-precision", "1.5", clean},
		"bad alpha":      {"--position-alpha", "0", clean},
		"bad json path":  {clean, "--json", filepath.Join(dir, "no", "such", "dir.json")},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := runL(args...)
			assert.Equal(t, 2, code)
			assert.True(t, strings.HasPrefix(stderr, "paygen learnability: "), stderr)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
			assert.NotContains(t, stderr, "goroutine")
		})
	}
}

// pairLeakRows are synthetic rows where card_type = debit and device_type = desktop are
// each common among legitimate rows but only fraud rows have both.
func pairLeakRows() []learn.Row {
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 6000, FraudRate: 0.02, Seed: 1})
	for i := range rows {
		r := &rows[i]
		switch {
		case r.LabelFraud:
			r.CardType, r.DeviceType = "debit", "desktop"
		case i%3 == 0:
			r.CardType, r.DeviceType = "credit", "mobile"
		case i%3 == 1:
			r.CardType, r.DeviceType = "debit", "mobile"
		default:
			r.CardType, r.DeviceType = "credit", "desktop"
		}
	}
	return rows
}

func TestLearnabilityPeriodsIncludeTheBlockSize(t *testing.T) {
	assert.Contains(t, learnPeriods(), int64(generated.Config.BlockRows))
}

// A bad input gets the one-line message validate (and profile) give for it.
func TestLearnabilityInputErrorsMatchValidate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.parquet")
	require.NoError(t, learntest.WriteParquet(good, learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 500, FraudRate: 0.02, Seed: 1}), 0))
	b, err := os.ReadFile(good)
	require.NoError(t, err)
	truncated := filepath.Join(dir, "truncated.parquet")
	require.NoError(t, os.WriteFile(truncated, b[:len(b)/2], 0o644))
	notParquet := filepath.Join(dir, "text.parquet")
	require.NoError(t, os.WriteFile(notParquet, []byte("transaction_id,amount\ntxn_1,100\n"), 0o644))
	missing := filepath.Join(dir, "missing.parquet")

	for _, in := range []string{truncated, notParquet, missing, dir} {
		code, stdout, stderr := runL(in)
		assert.Equal(t, 2, code, in)
		assert.Empty(t, stdout)
		vcode, _, ve := call(testDeps(), runValidate, in)
		require.Equal(t, 2, vcode, in)
		want := strings.TrimPrefix(ve, "paygen validate: ")
		assert.Equal(t, "paygen learnability: "+want, stderr, in)
		assert.NotContains(t, stderr, "magic header", "no raw parquet-go text")
	}
}
