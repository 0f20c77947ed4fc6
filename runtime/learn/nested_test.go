package learn

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/paygen/paygen/runtime/learn/learntest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type rowWithNested struct {
	Row
	Tags  map[string]string `parquet:"tags"`
	Point struct {
		X float64 `parquet:"x"`
		Y float64 `parquet:"y"`
	} `parquet:"point"`
	List []int64 `parquet:"list,list"`
}

// Issue 13: group and MAP columns made learnability panic ("cannot call Kind on
// parquet group"). Extra nested columns are listed as unchecked; a nested column
// under a name the analysis reads is a one-line error.
func TestNestedColumns(t *testing.T) {
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 3000, FraudRate: 0.02, Seed: 3})
	nested := make([]rowWithNested, len(rows))
	for i := range rows {
		nested[i].Row = rows[i]
		nested[i].Tags = map[string]string{"k": "v"}
		nested[i].List = []int64{1, 2}
	}
	path := filepath.Join(t.TempDir(), "nested.parquet")
	f, err := os.Create(path)
	require.NoError(t, err)
	w := parquet.NewGenericWriter[rowWithNested](f)
	_, err = w.Write(nested)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	require.NoError(t, f.Close())

	var rep *Report
	require.NotPanics(t, func() { rep, err = AnalyzeFile(path, Options{SplitDays: DefaultSplitDays}) })
	require.NoError(t, err)
	assert.Subset(t, rep.Unchecked, []string{"tags", "point", "list"})
}
