package profile

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type alertRow struct {
	ID      int64   `parquet:"row_number"`
	Const   string  `parquet:"const_col"`
	Sparse  *string `parquet:"sparse_col,optional"`
	Leak    float64 `parquet:"leak_score"`
	CorrA   float64 `parquet:"corr_a"`
	CorrB   float64 `parquet:"corr_b"`
	Noise   float64 `parquet:"noise"`
	Skewed  float64 `parquet:"skewed"`
	Cat     string  `parquet:"cat"`
	Lopside string  `parquet:"lopsided"`
	Many    string  `parquet:"many_values"`
	Label   bool    `parquet:"is_fraud"`
}

func alertRows(n int) []alertRow {
	r := rand.New(rand.NewPCG(11, 12))
	rows := make([]alertRow, n)
	for i := range rows {
		x := &rows[i]
		x.ID = int64(i)
		x.Const = "same"
		if r.IntN(10) < 4 {
			s := "v" + fmt.Sprint(r.IntN(3))
			x.Sparse = &s
		}
		x.Label = r.IntN(20) == 0
		x.Leak = r.NormFloat64()
		if x.Label {
			x.Leak += 10
		}
		x.CorrA = r.NormFloat64()
		x.CorrB = 3*x.CorrA + 0.05*r.NormFloat64()
		x.Noise = math.Round(r.NormFloat64()*100) / 100 // repeats: not unique
		x.Skewed = 1 + r.Float64()
		if i == n/2 {
			x.Skewed = 1e7
		}
		x.Cat = []string{"a", "b", "c", "d"}[r.IntN(4)]
		x.Lopside = "main"
		if r.IntN(100) == 0 {
			x.Lopside = []string{"rare1", "rare2", "rare3"}[r.IntN(3)]
		}
		x.Many = fmt.Sprintf("m%03d", r.IntN(200))
	}
	return rows
}

func alertsFor(p *Profile, col string) []string {
	var out []string
	for _, a := range p.Alerts {
		if slices.Contains(a.Columns, col) {
			out = append(out, a.Type)
		}
	}
	return out
}

func TestAlertsFireOnFixtures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.parquet")
	require.NoError(t, writeParquet(path, alertRows(4000), 0))
	p, err := Run(path, nil, Options{}) // no spec: roles inferred, target found by name
	require.NoError(t, err)
	require.NotNil(t, p.Target)
	assert.Equal(t, "is_fraud", p.Target.Column)

	assert.Contains(t, alertsFor(p, "const_col"), "CONSTANT")
	assert.Contains(t, alertsFor(p, "row_number"), "UNIQUE")
	assert.Contains(t, alertsFor(p, "sparse_col"), "MISSING")
	assert.Contains(t, alertsFor(p, "leak_score"), "LEAKAGE")
	assert.Contains(t, alertsFor(p, "corr_a"), "HIGH_CORRELATION")
	assert.Contains(t, alertsFor(p, "corr_b"), "HIGH_CORRELATION")
	assert.Contains(t, alertsFor(p, "skewed"), "SKEWED")
	assert.Contains(t, alertsFor(p, "lopsided"), "IMBALANCE")
	assert.Contains(t, alertsFor(p, "is_fraud"), "IMBALANCE")
	assert.Contains(t, alertsFor(p, "many_values"), "HIGH_CARDINALITY")
	assert.NotContains(t, alertsFor(p, "many_values"), "UNIQUE")

	// Columns built to be unremarkable raise nothing.
	assert.Empty(t, alertsFor(p, "noise"))
	assert.Empty(t, alertsFor(p, "cat"))
	for _, a := range p.Alerts {
		assert.NotEqual(t, "DUPLICATES", a.Type)
	}
	for _, f := range p.Target.Features {
		if f.Column == "leak_score" {
			assert.Greater(t, *f.AUC, 0.99)
		}
		if f.Column == "noise" {
			assert.InDelta(t, 0.5, *f.AUC, 0.1)
		}
	}
}

type tinyRow struct {
	Score float64 `parquet:"score"`
	Kind  string  `parquet:"kind"`
	Label bool    `parquet:"label_fraud"`
}

func TestTinyAUCByHand(t *testing.T) {
	// Positives score 0.9 and 0.4, negatives 0.5, 0.4 and 0.1: of 6 pairs the
	// positives win 4 and tie 1, AUC = 4.5/6 = 0.75.
	// kind is scored by cross-fitted category rates: checked against an
	// independent computation of the same definition.
	rows := []tinyRow{{0.9, "a", true}, {0.4, "b", true}, {0.5, "a", false}, {0.4, "b", false}, {0.1, "b", false}}
	path := filepath.Join(t.TempDir(), "tiny.parquet")
	require.NoError(t, writeParquet(path, rows, 0))
	p, err := Run(path, nil, Options{})
	require.NoError(t, err)
	require.NotNil(t, p.Target)
	got := map[string]FeatureAUC{}
	for _, f := range p.Target.Features {
		got[f.Column] = f
	}
	require.NotNil(t, got["score"].AUC)
	assert.InDelta(t, 0.75, *got["score"].AUC, 1e-15)
	require.NotNil(t, got["kind"].AUC)
	kinds, labels := make([]string, len(rows)), make([]bool, len(rows))
	for i, r := range rows {
		kinds[i], labels[i] = r.Kind, r.Label
	}
	assert.InDelta(t, aucRef(crossFitRef(kinds, labels), labels), *got["kind"].AUC, 1e-12)
	assert.EqualValues(t, 2, p.Target.Positives)
	lo, hi := wilsonRef(2, 5)
	assert.InDelta(t, lo, p.Target.CILow, 1e-12)
	assert.InDelta(t, hi, p.Target.CIHigh, 1e-12)
}
