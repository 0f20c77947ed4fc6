package learn

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paygen/paygen/runtime/learn/learntest"
)

const benchRows = 200_000

func benchData(b *testing.B) []Row {
	b.Helper()
	return learntest.SyntheticRows(learntest.SyntheticOptions{Rows: benchRows, FraudRate: 0.003, Seed: 11})
}

// BenchmarkFeaturesAndTraining: causal feature extraction of 200k rows and the Newton fit.
func BenchmarkFeaturesAndTraining(b *testing.B) {
	rows := benchData(b)
	y := make([]bool, len(rows))
	for i := range rows {
		y[i] = rows[i].LabelFraud
	}
	x := make([]float32, len(rows)*NumFeatures)
	b.ReportAllocs()
	b.SetBytes(int64(len(x) * 4)) // the feature matrix built and trained on
	b.ResetTimer()
	for b.Loop() {
		ext := NewExtractor()
		for i := range rows {
			ext.Next(&rows[i], x[i*NumFeatures:(i+1)*NumFeatures])
		}
		if _, err := FitLogReg(x, NumFeatures, y, FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRows, "ns/row")
}

// BenchmarkAnalyzeFile: the whole command on a 200k-row Parquet file (read, features,
// model, univariate checks, prevalence).
func BenchmarkAnalyzeFile(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.parquet")
	if err := learntest.WriteParquet(path, benchData(b), 0); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		if _, err := AnalyzeFile(path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRows, "ns/row")
}
