package tests

import (
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/generated"
	extended "github.com/paygen/paygen/generated/examples/extended"
)

// Issue 15: learnability covers the declared columns of a schema. On the 1M-row file of
// schema/examples/extended.yaml (found by its paygen.schema metadata) every column beyond
// the payments table's is scored, but for the label columns, and none alone gives the
// label away (the declared columns' best separations are logged). Like the default
// table's test, it leaves the rule and row-position verdicts to be reported.
func TestLearnabilityDeclaredColumnsAt1M(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end tier")
	}
	dir := t.TempDir()
	r := paygen(t, "generate", "--schema", "extended", "--rows", "1M", "--out", dir, "--date", "2025-05-29", "--quiet")
	require.Zero(t, r.code, r.stderr)
	out := filepath.Join(dir, "learn.json")
	r = paygen(t, "learnability", "--json", out, filepath.Join(dir, "payments_extended_1M_20250529.parquet"))
	require.Contains(t, []int{0, 1}, r.code, "paygen learnability: %s%s", r.stdout, r.stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	var rep struct {
		Columns []struct {
			Name       string   `json:"name"`
			Best       *float64 `json:"best"`
			BestMethod string   `json:"best_method"`
		} `json:"columns"`
		Labels    []string `json:"label_columns"`
		Unchecked []string `json:"unchecked_columns"`
		Rules     struct {
			Families []string `json:"families"`
		} `json:"rules"`
		Verdict struct {
			Leaks   []string `json:"leaks"`
			Reasons []string `json:"reasons"`
		} `json:"verdict"`
	}
	require.NoError(t, json.Unmarshal(data, &rep))
	best := map[string]float64{}
	for _, c := range rep.Columns {
		if c.Best != nil {
			best[c.Name] = *c.Best
		}
	}
	var declared []string
	for _, c := range extended.ColumnNames {
		if !slices.Contains(generated.ColumnNames, c) && !slices.Contains(extended.LabelColumns, c) {
			declared = append(declared, c)
		}
	}
	require.Len(t, declared, 18, "response_code and the 17 declared columns but days_to_report")
	slices.SortFunc(declared, func(a, b string) int { return cmp.Compare(best[b], best[a]) })
	for _, c := range declared {
		a, ok := best[c]
		require.True(t, ok, "%s is scored", c)
		t.Logf("best separation %-20s %.4f", c, a)
		assert.LessOrEqual(t, a, 0.90, "%s alone gives the label away", c)
	}
	assert.Equal(t, []string{"reported_at", "days_to_report"}, rep.Labels)
	assert.Empty(t, rep.Unchecked)
	assert.Empty(t, rep.Verdict.Leaks)
	assert.Contains(t, rep.Rules.Families, "channel")
	for _, reason := range rep.Verdict.Reasons {
		t.Log("verdict:", reason)
		assert.Regexp(t, `^(RULE|POSITION): `, reason, "the band and the column checks pass")
		assert.NotContains(t, reason, "response_code", "a card-testing probe's decline code gives it away")
	}
}
