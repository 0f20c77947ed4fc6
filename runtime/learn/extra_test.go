package learn

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/learn/learntest"
)

// extRow is a payments row with declared columns after the 24 (as generate --schema
// extended writes them): one that is the label, one with a fraud-only override far from
// the legitimate values, a label column, and columns with no signal.
type extRow struct {
	Row
	Copy       bool     `parquet:"copy_of_label"` // leaks: equals label_fraud
	Score      float64  `parquet:"score"`         // leaks: fraud rows drawn from a far distribution
	Segment    string   `parquet:"segment"`       // no signal
	Tier       *int64   `parquet:"tier,optional"` // no signal, nulls
	Opened     int64    `parquet:"opened,timestamp(microsecond)"`
	ReportedAt *int64   `parquet:"reported_at,optional,timestamp(microsecond)"` // a label column
	Name       string   `parquet:"name"`                                        // too many values for a rule family
	Ratio      *float64 `parquet:"ratio,optional"`                              // no signal
}

var extNames = []string{"copy_of_label", "score", "segment", "tier", "opened", "name", "ratio"}

func writeExtended(t *testing.T, n int, mutate func(i int, e *extRow)) string {
	t.Helper()
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: n, FraudRate: 0.02, Seed: 3})
	rng := rand.New(rand.NewPCG(9, 9))
	ext := make([]extRow, len(rows))
	for i, r := range rows {
		e := extRow{Row: r, Copy: r.LabelFraud, Score: rng.NormFloat64(),
			Segment: []string{"mass", "affluent", "private"}[rng.IntN(3)],
			Opened:  r.EventTime - int64(rng.IntN(1000))*microsPerDay, Name: "shop " + strconv.Itoa(rng.IntN(2000))}
		if r.LabelFraud {
			e.Score = 6 + rng.NormFloat64()
			at := r.EventTime + microsPerDay
			e.ReportedAt = &at
		}
		if rng.IntN(4) > 0 {
			tier := int64(rng.IntN(5))
			e.Tier = &tier
		}
		if rng.IntN(10) > 0 {
			x := rng.Float64()
			e.Ratio = &x
		}
		if mutate != nil {
			mutate(i, &e)
		}
		ext[i] = e
	}
	path := filepath.Join(t.TempDir(), "extended.parquet")
	require.NoError(t, parquet.WriteFile(path, ext, parquet.MaxRowsPerRowGroup(1500)))
	return path
}

func columnOf(rep *Report, name string) *ColumnReport {
	for i := range rep.Columns {
		if rep.Columns[i].Name == name {
			return &rep.Columns[i]
		}
	}
	return nil
}

// Issue 15: the leak checks cover a schema's declared columns. A column equal to the label
// and a fraud-only override far from the legitimate values are leaks; the columns without
// signal are scored and are not; the label column is named, not scored; a column with too
// many values makes no rule family.
func TestExtraColumnsLeak(t *testing.T) {
	path := writeExtended(t, 8000, nil)
	rep, err := AnalyzeFile(path, Options{Extra: extNames, Labels: []string{"reported_at"}})
	require.NoError(t, err)

	assert.ElementsMatch(t, []string{"copy_of_label", "score"}, rep.Verdict.Leaks)
	assert.False(t, rep.Verdict.Pass)
	for _, name := range extNames {
		c := columnOf(rep, name)
		require.NotNil(t, c, "%s is scored", name)
		require.NotNil(t, c.Best, name)
		t.Logf("%-14s %-9s %.4f %s", name, c.Type, *c.Best, c.BestMethod)
		if name != "copy_of_label" && name != "score" {
			assert.Less(t, *c.Best, 0.75, name)
		}
	}
	assert.Equal(t, "boolean", columnOf(rep, "copy_of_label").Type)
	assert.Equal(t, "timestamp", columnOf(rep, "opened").Type)
	assert.Equal(t, "int64", columnOf(rep, "tier").Type)
	assert.Nil(t, columnOf(rep, "reported_at"), "a label column is not scored")
	assert.Equal(t, []string{"reported_at"}, rep.Labels)
	assert.Empty(t, rep.Unchecked)

	// the rules see the declared categories (the label copy is a rule of precision 1)
	assert.Contains(t, rep.Rules.Families, "copy_of_label")
	assert.Contains(t, rep.Rules.Families, "segment")
	assert.Contains(t, rep.Rules.Families, "tier")
	assert.NotContains(t, rep.Rules.Families, "score", "doubles are not rule families")
	assert.Equal(t, []string{"name (more than 300 values)"}, rep.Rules.Skipped)
	require.NotEmpty(t, rep.Rules.Top)
	assert.Equal(t, []string{"copy_of_label = true"}, rep.Rules.Top[0].Conditions)
	assert.True(t, rep.Rules.Top[0].Fails)

	// without Extra the same file is checked on Row's columns only, the rest unchecked
	plain, err := AnalyzeFile(path, Options{})
	require.NoError(t, err)
	assert.Empty(t, plain.Verdict.Leaks)
	assert.Nil(t, columnOf(plain, "score"))
	assert.Equal(t, slices.Concat(extNames[:4], []string{"opened", "reported_at", "name", "ratio"}), plain.Unchecked)
}

// The same declared columns without the leaks pass the univariate check.
func TestExtraColumnsClean(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	path := writeExtended(t, 8000, func(_ int, e *extRow) {
		e.Copy = rng.IntN(2) == 0
		e.Score = rng.NormFloat64()
	})
	rep, err := AnalyzeFile(path, Options{Extra: extNames, Labels: []string{"reported_at"}})
	require.NoError(t, err)
	assert.Empty(t, rep.Verdict.Leaks)
	assert.Len(t, rep.Columns, len(rawColumns)+len(extNames))
}

// A missing extra column or one of a type the checks cannot read is an input error.
func TestExtraColumnsErrors(t *testing.T) {
	path := writeExtended(t, 3000, nil)
	_, err := AnalyzeFile(path, Options{Extra: []string{"no_such"}})
	assert.ErrorContains(t, err, "missing column no_such")
	_, err = NewAnalyzer(time.Now(), Options{Extra: []string{"score"}})
	assert.Error(t, err)
}
