package generated

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parquet-go/parquet-go"

	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/pqwrite"
	"github.com/paygen/paygen/runtime/pqwrite/pqwritetest"
	"github.com/paygen/paygen/runtime/world"
)

// TestContractFollowsTheTable checks the contract against the row type it was
// compiled with: the same columns in the same order, a NotNull for every
// required column, and expectations only on columns of the table.
func TestContractFollowsTheTable(t *testing.T) {
	assert.Equal(t, Table, Contract.Table)
	fields := parquet.SchemaOf(Payment{}).Fields()
	require.Len(t, Contract.Columns, len(fields))
	known := map[string]bool{}
	for i, c := range Contract.Columns {
		assert.Equal(t, fields[i].Name(), c.Name)
		assert.Equal(t, ColumnNames[i], c.Name)
		assert.Equal(t, fields[i].Optional(), c.Nullable, c.Name)
		known[c.Name] = true
	}
	notNull := map[string]int{}
	for _, e := range Contract.Expectations {
		if e.Column != "" {
			assert.True(t, known[e.Column], "expectation on unknown column %q", e.Column)
		}
		if e.Other != "" {
			assert.True(t, known[e.Other], "expectation on unknown column %q", e.Other)
		}
		if e.Kind == contract.NotNull {
			notNull[e.Column]++
		}
	}
	for _, c := range Contract.Columns {
		want := 1
		if c.Nullable {
			want = 0
		}
		assert.Equal(t, want, notNull[c.Name], "NotNull expectations for %s", c.Name)
	}
}

// TestContractPassesOnGeneratedData writes a small file with Fill and checks
// it against the generated contract: the schema matches and no error-severity
// expectation fails.
func TestContractPassesOnGeneratedData(t *testing.T) {
	date := time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)
	w, err := world.New(Config, 7, 20_000, date)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "p.parquet")
	f, err := os.Create(path)
	require.NoError(t, err)
	_, err = pqwritetest.Write(f, w, Fill, pqwrite.Options{Workers: 1, RowGroupBlocks: 1})
	require.NoError(t, err)
	require.NoError(t, f.Close())

	rep, err := contract.Validate(path, Contract, contract.Options{Date: date})
	require.NoError(t, err)
	assert.True(t, rep.Schema.Success, "%+v", rep.Schema.Issues)
	assert.Equal(t, len(Contract.Expectations), rep.Statistics.Evaluated)
	for _, r := range rep.Results {
		if !r.Success && r.Severity == contract.Error.String() {
			t.Errorf("%+v", r)
		}
	}
}

// TestProfileSpec checks the roles the profiler gets for the special columns.
func TestProfileSpec(t *testing.T) {
	assert.Equal(t, Table, ProfileSpec.Table)
	assert.Equal(t, "label_fraud", ProfileSpec.Target)
	assert.Equal(t, "fraud_scenario", ProfileSpec.Scenario)
	assert.Equal(t, "merchant_country", ProfileSpec.LocalTimeColumn)
	require.Len(t, ProfileSpec.Columns, len(ColumnNames))
	for i, c := range ProfileSpec.Columns {
		assert.Equal(t, ColumnNames[i], c.Name)
	}
}
