package contract

import (
	"fmt"

	"github.com/paygen/paygen/runtime/colscan"
)

// checkSchema compares the file's columns with the contract's, exactly: names, order,
// physical and logical types, nullability. It returns the report and, for every contract
// column present in the file with the right types, nil; otherwise the reason the column's
// expectations cannot be evaluated.
func checkSchema(c *Contract, cols []colscan.Column) (SchemaReport, map[string]string) {
	rep := SchemaReport{Checked: len(c.Columns) > 0, Success: true, Issues: []SchemaIssue{}}
	unusable := map[string]string{}
	if !rep.Checked {
		return rep, unusable
	}
	inFile := map[string]int{}
	for i, fc := range cols {
		inFile[fc.Name] = i
	}
	inContract := map[string]bool{}
	var common []string // contract order
	for _, want := range c.Columns {
		inContract[want.Name] = true
		i, ok := inFile[want.Name]
		if !ok {
			rep.Issues = append(rep.Issues, SchemaIssue{Column: want.Name, Problem: "missing",
				Expected: describeColumn(want.Type(), want.Nullable)})
			unusable[want.Name] = "column missing from the file"
			continue
		}
		common = append(common, want.Name)
		got := cols[i]
		if got.Physical != want.Physical || got.Logical != want.Logical {
			rep.Issues = append(rep.Issues, SchemaIssue{Column: want.Name, Problem: "type",
				Expected: want.Physical + " " + want.Type(), Observed: got.Physical + " " + got.Type()})
			unusable[want.Name] = fmt.Sprintf("column has type %s, contract expects %s", got.Type(), want.Type())
		}
		if got.Optional && !want.Nullable && !got.Repeated {
			rep.Warnings = append(rep.Warnings, SchemaIssue{Column: want.Name, Problem: "nullability",
				Expected: "required", Observed: "optional (compatible: nulls are checked by the data expectations)"})
		} else if got.Optional != want.Nullable || got.Repeated {
			rep.Issues = append(rep.Issues, SchemaIssue{Column: want.Name, Problem: "nullability",
				Expected: nullability(want.Nullable, false), Observed: nullability(got.Optional, got.Repeated)})
		}
	}
	var fileCommon []string
	for _, fc := range cols {
		if !inContract[fc.Name] {
			rep.Issues = append(rep.Issues, SchemaIssue{Column: fc.Name, Problem: "extra", Observed: describeColumn(fc.Type(), fc.Optional)})
			continue
		}
		fileCommon = append(fileCommon, fc.Name)
	}
	for i, name := range common {
		if fileCommon[i] != name {
			rep.Issues = append(rep.Issues, SchemaIssue{Column: name, Problem: "order",
				Expected: fmt.Sprintf("position %d", position(c.Columns, name)),
				Observed: fmt.Sprintf("position %d", inFile[name]+1)})
		}
	}
	rep.Success = len(rep.Issues) == 0
	return rep, unusable
}

func position(cols []Column, name string) int {
	for i, c := range cols {
		if c.Name == name {
			return i + 1
		}
	}
	return 0
}

func nullability(optional, repeated bool) string {
	switch {
	case repeated:
		return "repeated"
	case optional:
		return "optional"
	}
	return "required"
}

func describeColumn(typ string, optional bool) string {
	return typ + " " + nullability(optional, false)
}
