package learn

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/paygen/paygen/runtime/learn/learntest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeParquet(t testing.TB, path string, rows []Row) {
	t.Helper()
	require.NoError(t, learntest.WriteParquet(path, rows, 1500)) // small row groups exercise batching
}

func TestAnalyzeFileEndToEnd(t *testing.T) {
	dir := t.TempDir()
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 6000, FraudRate: 0.02, Seed: 1})
	path := filepath.Join(dir, "clean.parquet")
	writeParquet(t, path, rows)

	rep, err := AnalyzeFile(path, Options{})
	require.NoError(t, err)
	direct, err := Analyze(rows, Options{})
	require.NoError(t, err)
	direct.File = path
	assert.Equal(t, direct, rep, "reading the file gives what the rows give")

	// structure and counts
	var fraud int64
	for _, r := range rows {
		if r.LabelFraud {
			fraud++
		}
	}
	assert.EqualValues(t, len(rows), rep.Rows)
	assert.Equal(t, fraud, rep.Fraud)
	assert.Equal(t, rep.Rows, rep.Train.Rows+rep.Test.Rows)
	assert.Equal(t, rep.Fraud, rep.Train.Fraud+rep.Test.Fraud)
	assert.Equal(t, rep.MaxTime.AddDate(0, 0, -7), rep.SplitTime)
	assert.Greater(t, rep.Test.Fraud, int64(30))
	require.Len(t, rep.Scenarios, 2)
	var scen int64
	for _, s := range rep.Scenarios {
		scen += s.Rows
		assert.Equal(t, s.Rows, s.TrainRows+s.TestRows)
		require.NotNil(t, s.TestROCAUC)
	}
	assert.Equal(t, fraud, scen)
	var weekRows, weekFraud int64
	for _, w := range rep.Weeks {
		weekRows += w.Rows
		weekFraud += w.Fraud
	}
	assert.Equal(t, rep.Rows, weekRows)
	assert.Equal(t, rep.Fraud, weekFraud)
	assert.GreaterOrEqual(t, len(rep.Weeks), 4)
	assert.Zero(t, rep.LabelGaps.FraudWithoutScenario+rep.LabelGaps.ScenarioWithoutFraud)

	require.NotNil(t, rep.Model.ROCAUC)
	require.NotNil(t, rep.Model.AP)
	assert.True(t, rep.Model.Converged)
	assert.Greater(t, *rep.Model.ROCAUC, 0.8, "the constructed fraud differs in amount, country, device, velocity")
	assert.Greater(t, *rep.Model.AP, 5*rep.Model.RandomAP)
	assert.Len(t, rep.Model.Features, NumFeatures)
	assert.Positive(t, weight(rep, "amount_vs_cust_median"))
	assert.Positive(t, weight(rep, "card_txn_1h"))
	assert.Positive(t, weight(rep, "foreign"))

	// footprints: non-fraud plus one per scenario, covering every row; the bursts show
	require.Len(t, rep.Footprints, 1+len(rep.Scenarios))
	var fpRows int64
	for _, fp := range rep.Footprints {
		fpRows += fp.Rows
		require.Len(t, fp.Means, NumFeatures)
	}
	assert.Equal(t, rep.Rows, fpRows)
	j := slices.Index(FeatureNames[:], "card_txn_1h")
	assert.Equal(t, "non-fraud", rep.Footprints[0].Group)
	assert.Equal(t, "card_testing", rep.Footprints[2].Group)
	assert.Greater(t, rep.Footprints[2].Means[j], rep.Footprints[0].Means[j]+0.3)

	require.Len(t, rep.Columns, len(rawColumns))
	for _, c := range rep.Columns {
		require.NotNil(t, c.Best, c.Name)
		assert.False(t, c.Leak, "%s reaches %.3f by %s", c.Name, *c.Best, c.BestMethod)
		assert.NotContains(t, LabelColumns, c.Name)
	}
	assert.Empty(t, rep.Verdict.Leaks)
	assert.Empty(t, rep.Unchecked)
	assert.True(t, rep.Verdict.Pass, "ROC-AUC %.4f", *rep.Model.ROCAUC)
	assert.Empty(t, rep.Verdict.Reasons)

	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	for _, want := range []string{"test ROC-AUC", "test avg precision", "card_testing", "account_takeover",
		"Prevalence per ISO week", "transaction_id", "event_time", "amount_vs_cust_median"} {
		assert.Contains(t, text.String(), want)
	}
	js, err := json.Marshal(rep)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"roc_auc":`)
}

func weight(rep *Report, name string) float64 {
	for _, f := range rep.Model.Features {
		if f.Name == name {
			return f.Weight
		}
	}
	panic(name)
}

func TestAnalyzeFileFlagsLeakyColumn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leaky.parquet")
	writeParquet(t, path, learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 6000, FraudRate: 0.02, Seed: 1, Leak: true}))
	rep, err := AnalyzeFile(path, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"card_brand"}, rep.Verdict.Leaks)
	assert.False(t, rep.Verdict.Pass)
	for _, c := range rep.Columns {
		if c.Name == "card_brand" {
			assert.True(t, c.Leak)
			assert.Equal(t, MethodCategoryRate, c.BestMethod)
			assert.Greater(t, *c.Best, 0.99)
		}
	}
	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "LEAK: column card_brand")
}

func TestAnalyzeFileErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := AnalyzeFile(filepath.Join(dir, "missing.parquet"), Options{})
	assert.ErrorIs(t, err, os.ErrNotExist)

	junk := filepath.Join(dir, "junk.parquet")
	require.NoError(t, os.WriteFile(junk, []byte("this is not parquet at all"), 0o644))
	_, err = AnalyzeFile(junk, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not a readable Parquet file")

	// a file lacking columns of the contract
	type partial struct {
		TransactionID string `parquet:"transaction_id"`
		Amount        int64  `parquet:"amount"`
	}
	part := filepath.Join(dir, "partial.parquet")
	f, err := os.Create(part)
	require.NoError(t, err)
	require.NoError(t, parquet.Write(f, []partial{{"a", 1}}))
	require.NoError(t, f.Close())
	_, err = AnalyzeFile(part, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing column event_time")
	assert.NotContains(t, err.Error(), "missing column amount")

	// rows out of time order
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 300, FraudRate: 0.02, Seed: 1})
	rows[10], rows[200] = rows[200], rows[10]
	unordered := filepath.Join(dir, "unordered.parquet")
	writeParquet(t, unordered, rows)
	_, err = AnalyzeFile(unordered, Options{})
	assert.ErrorIs(t, err, ErrOutOfOrder)

	// a split longer than the data leaves no train split
	rows[10], rows[200] = rows[200], rows[10]
	ordered := filepath.Join(dir, "ordered.parquet")
	writeParquet(t, ordered, rows)
	_, err = AnalyzeFile(ordered, Options{SplitDays: 40})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "train split is empty")
	_, err = AnalyzeFile(ordered, Options{SplitDays: -1})
	require.Error(t, err)

	_, err = AnalyzeFile(dir, Options{})
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "directory"), err.Error())
}

// reordered holds the contract's columns in another order plus a column the contract lacks.
type reordered struct {
	Extra string `parquet:"extra_note"`
	Row
}

func TestAnalyzeFileToleratesColumnOrderAndExtraColumns(t *testing.T) {
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 2000, FraudRate: 0.02, Seed: 3})
	other := make([]reordered, len(rows))
	for i := range rows {
		other[i] = reordered{Extra: "x", Row: rows[i]}
	}
	path := filepath.Join(t.TempDir(), "reordered.parquet")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, parquet.Write(f, other))
	require.NoError(t, f.Close())

	rep, err := AnalyzeFile(path, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"extra_note"}, rep.Unchecked)
	direct, err := Analyze(rows, Options{})
	require.NoError(t, err)
	direct.File, direct.Unchecked = path, rep.Unchecked
	assert.Equal(t, direct, rep)
	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "not checked (not in the data contract): extra_note")
}
