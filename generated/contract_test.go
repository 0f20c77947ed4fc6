package generated

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/contract/contracttest"
	"github.com/paygen/paygen/runtime/pqwrite"
	"github.com/paygen/paygen/runtime/world"
)

// key identifies an expectation without its Source, NaN bounds printed as NaN.
func key(e contract.Expectation) string {
	e.Source = ""
	return fmt.Sprintf("%+v", e)
}

// TestContractMatchesHandWritten compares the generated contract with the
// hand-written mirror of the schema used by runtime/contract's tests: same
// columns, and the same expectations plus an implicit NotNull per required
// column.
func TestContractMatchesHandWritten(t *testing.T) {
	want := contracttest.Payments()
	assert.Equal(t, want.Table, Contract.Table)
	assert.Equal(t, want.Columns, Contract.Columns)

	got := map[string]int{}
	for _, e := range Contract.Expectations {
		assert.Regexp(t, `^schema/transaction_schema\.yaml:\d+:\d+$`, e.Source)
		got[key(e)]++
	}
	for _, e := range want.Expectations {
		k := key(e)
		assert.Equal(t, 1, got[k], "missing from the generated contract: %s", k)
		delete(got, k)
	}
	required := 0
	for _, c := range Contract.Columns {
		if !c.Nullable {
			required++
			k := key(contract.Expectation{Kind: contract.NotNull, Column: c.Name, Min: math.NaN(), Max: math.NaN()})
			assert.Equal(t, 1, got[k], "no NotNull for required column %s", c.Name)
			delete(got, k)
		}
	}
	assert.Empty(t, got, "generated expectations the hand-written contract lacks")
	assert.Len(t, Contract.Expectations, len(want.Expectations)+required)
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
	_, err = pqwrite.Write(f, w, Fill, pqwrite.Options{Workers: 1, RowGroupBlocks: 1})
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
