package tests

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/profile"
)

// TestProfileCommand profiles a generated file with the built binary and
// checks the report against what the generator promises.
func TestProfileCommand(t *testing.T) {
	in := generate(t, "--rows", "20k")
	js := filepath.Join(t.TempDir(), "profile.json")
	r := paygen(t, "profile", in, "--json", js)
	require.Equal(t, 0, r.code, r.stderr)
	html := strings.TrimSuffix(in, ".parquet") + ".html"
	assert.Contains(t, r.stdout, html)

	page, err := os.ReadFile(html)
	require.NoError(t, err)
	lower := strings.ToLower(string(page))
	assert.NotContains(t, lower, "http://")
	assert.NotContains(t, lower, "https://")
	for _, id := range []string{"overview", "alerts", "columns", "correlations", "fraud", "sample", "methods"} {
		assert.Contains(t, string(page), `id="`+id+`"`)
	}

	var p profile.Profile
	b, err := os.ReadFile(js)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &p))
	assert.EqualValues(t, 20000, p.Overview.Rows)
	assert.Equal(t, "payments", p.Overview.Table)
	assert.NotEmpty(t, p.Overview.SchemaFingerprint)
	require.NotNil(t, p.Target, "the schema's target column is analysed")
	assert.Equal(t, "label_fraud", p.Target.Column)
	assert.EqualValues(t, math.Round(0.003*20000), p.Target.Positives)
	require.NotNil(t, p.Target.ByScenario)
	assert.Zero(t, p.Target.ScenarioOff, "scenario only on fraud rows")
	for _, c := range p.Columns {
		if c.Name == "transaction_id" {
			assert.True(t, c.Unique)
		}
		if c.Name == "mcc_code" {
			assert.InDelta(t, 0.05, c.MissingPct, 0.01)
		}
	}
	for _, a := range p.Alerts {
		assert.NotEqual(t, "LEAKAGE", a.Type, a.Message)
		assert.NotEqual(t, "DUPLICATES", a.Type, a.Message)
	}
}

func TestProfileCommandBadInput(t *testing.T) {
	r := paygen(t, "profile", filepath.Join(t.TempDir(), "missing.parquet"))
	assert.Equal(t, 2, r.code)
	assert.True(t, strings.HasPrefix(r.stderr, "paygen profile: "), r.stderr)
	assert.Equal(t, 1, strings.Count(r.stderr, "\n"))
	assert.NotContains(t, r.stderr, "goroutine")
}
