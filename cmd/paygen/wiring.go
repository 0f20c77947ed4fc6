package main

import (
	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/profile"
)

// The commands take the schema-derived contract and profile spec from the
// generated package.
func init() {
	validateContract = func() *contract.Contract { return generated.Contract }
	profileSpec = func() *profile.Spec { return generated.ProfileSpec }
}
