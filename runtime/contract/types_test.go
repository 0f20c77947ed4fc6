package contract_test

import (
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/contract"
)

// misc exercises the checks on column types the payments table does not use.
type misc struct {
	ID    int64    `parquet:"id"`
	Code  int32    `parquet:"code"`
	Score *float64 `parquet:"score,optional"`
	Flag  bool     `parquet:"flag"`
	Price int32    `parquet:"price,decimal(3:9)"`
}

func TestOtherColumnTypes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "misc.parquet")
	var rows []misc
	for i := range 1001 {
		r := misc{ID: int64(i), Code: int32(100 + i%3), Flag: i%4 == 0, Price: int32(1000 + i)}
		if i%10 != 0 {
			s := float64(i) / 10
			r.Score = &s
		}
		rows = append(rows, r)
	}
	rows[1000].ID = 17          // duplicate id
	rows[500].Code = 7          // outside {100, 101, 102}
	rows[999].Score = new(33.3) // duplicate of row 333's score
	require.NoError(t, parquet.WriteFile(path, rows))

	ex := func(e contract.Expectation) contract.Expectation {
		if e.Min == 0 && e.Max == 0 {
			e.Min, e.Max = nan, nan
		}
		return e
	}
	c := &contract.Contract{Table: "misc", Expectations: []contract.Expectation{
		ex(contract.Expectation{Kind: contract.Unique, Column: "id"}),
		ex(contract.Expectation{Kind: contract.InSet, Column: "code", Values: []string{"100", "101", "102"}}),
		ex(contract.Expectation{Kind: contract.Unique, Column: "score"}),
		ex(contract.Expectation{Kind: contract.Unique, Column: "flag"}),
		ex(contract.Expectation{Kind: contract.Mean, Column: "price", HasMin: true, Min: 1.4995, HasMax: true, Max: 1.5005}),
		ex(contract.Expectation{Kind: contract.Quantile, Column: "price", Q: 0.25, HasMin: true, Min: 1.25, HasMax: true, Max: 1.25}),
		ex(contract.Expectation{Kind: contract.Range, Column: "price", HasMin: true, Min: 1.001, HasMax: true, Max: 2}),
		ex(contract.Expectation{Kind: contract.Quantile, Column: "score", Q: 1, HasMin: true, Min: 99.8, HasMax: true, Max: 99.8}),
		ex(contract.Expectation{Kind: contract.TrueRate, Column: "flag", HasMin: true, Min: 0.25, HasMax: true, Max: 0.26}),
		ex(contract.Expectation{Kind: contract.NullRate, Column: "score", HasMin: true, Min: 0.1, HasMax: true, Max: 0.101}),
	}}
	rep := validate(t, path, c)
	r := rep.Results
	for i := range r {
		require.True(t, r[i].Evaluated, "%s: %s", r[i].Name, r[i].Reason)
	}
	assert.EqualValues(t, 1, r[0].UnexpectedCount)
	assert.Equal(t, []string{"17"}, r[0].UnexpectedSamples)
	assert.EqualValues(t, 1, r[1].UnexpectedCount)
	assert.Equal(t, []string{"7"}, r[1].UnexpectedSamples)
	assert.EqualValues(t, 1, r[2].UnexpectedCount)
	assert.Equal(t, []string{"33.3"}, r[2].UnexpectedSamples)
	assert.EqualValues(t, 999, r[3].UnexpectedCount, "a boolean has two distinct values")
	// price = 1.000 .. 2.000 in steps of 0.001: mean 1.5, p25 1.25, one value below 1.001.
	assert.True(t, r[4].Success, r[4].Observed)
	assert.InDelta(t, 1.5, *r[4].ObservedValue, 1e-12)
	assert.True(t, r[5].Success, r[5].Observed)
	assert.False(t, r[6].Success)
	assert.Equal(t, []string{"1.000"}, r[6].UnexpectedSamples)
	assert.Equal(t, "min 1.000, max 2.000", r[6].Observed)
	assert.True(t, r[7].Success, r[7].Observed)
	assert.True(t, r[8].Success, r[8].Observed)
	assert.True(t, r[9].Success, r[9].Observed)
	assert.True(t, rep.Schema.Success, "no columns in the contract: nothing to compare")
}
