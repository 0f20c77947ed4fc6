package main

import (
	"fmt"

	"github.com/paygen/paygen/runtime/contract"
)

// schemaMismatch is the stderr line for a file whose schema is not the table's (exit 2;
// the report on stdout lists the issues).
func schemaMismatch(rep *contract.Report) string {
	n := len(rep.Schema.Issues)
	first := rep.Schema.Issues[0]
	more := ""
	if n > 1 {
		more = fmt.Sprintf(" and %d more", n-1)
	}
	return fmt.Sprintf("not a %s file: %s column %s%s (schema issues in the report)", rep.Table, first.Problem, first.Column, more)
}
