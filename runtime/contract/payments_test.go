package contract_test

import (
	"slices"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/contract"
)

// payments returns a copy of the contract compiled from the schema, which a
// test may change.
func payments() *contract.Contract {
	c := *generated.Contract
	c.Columns = slices.Clone(c.Columns)
	c.Expectations = slices.Clone(c.Expectations)
	return &c
}
