package contract_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan/colscantest"
	"github.com/paygen/paygen/runtime/contract"
)

var nan = math.NaN()

const testRows = 4000

// writePayments writes a fixture file (2 row groups) with an optional mutation.
func writePayments(t *testing.T, mutate func(i int, p *colscantest.Payment)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "payments.parquet")
	require.NoError(t, colscantest.Write(path, colscantest.Options{Rows: testRows, RowGroupRows: 2500, Seed: 3, Mutate: mutate}))
	return path
}

func validate(t *testing.T, path string, c *contract.Contract) *contract.Report {
	t.Helper()
	rep, err := contract.Validate(path, c, contract.Options{})
	require.NoError(t, err)
	return rep
}

// result returns the result named name ("column.kind[.other]").
func result(t *testing.T, rep *contract.Report, name string) contract.Result {
	t.Helper()
	for _, r := range rep.Results {
		if r.Name == name {
			return r
		}
	}
	require.Failf(t, "no result", "no result named %q", name)
	return contract.Result{}
}

func strp(s string) *string { return &s }

type bytesBuffer = strings.Builder
