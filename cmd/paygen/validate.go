package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/paygen/paygen/runtime/contract"
)

const validateSynopsis = "validate FILE.parquet [FILE...] [--json report.json] [--html report.html] [--quiet] [--date YYYY-MM-DD]"

// runValidate implements `paygen validate`. Exit codes: 0 every file meets the contract
// (warnings allowed), 1 an error-severity expectation failed, 2 usage error,
// unreadable input, a file whose schema is not the table's, or an I/O error.
func runValidate(e *env, args []string) int {
	fs := newFlags("validate", validateSynopsis)
	jsonPath := fs.String("json", "", "write the JSON report to `file` (one report, or {success, reports} for several files)")
	htmlPath := fs.String("html", "", "write a self-contained HTML report to `file`")
	quiet := fs.Bool("quiet", false, "print one summary line per file instead of the full table")
	schema := fs.String("schema", defaultSchema, schemaHelp())
	date := fs.String("date", "", "dataset `date` (YYYY-MM-DD) for time-window checks; default: the file's paygen.date metadata")

	files, code, done := e.parseArgs(fs, args)
	if done {
		return code
	}
	if len(files) == 0 {
		return e.fail("validate", 2, "no input file (usage: paygen %s)", validateSynopsis)
	}
	if err := checkReportPaths(files, *jsonPath, *htmlPath); err != nil {
		return e.fail("validate", 2, "%v", err)
	}
	opt := contract.Options{}
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			return e.fail("validate", 2, "--date %q is not a YYYY-MM-DD date", *date)
		}
		opt.Date = d
	}
	c, _, err := e.schemaDeps(*schema)
	if err != nil {
		return e.fail("validate", 2, "%v", err)
	}
	if c == nil {
		return e.fail("validate", 2, "no data contract is compiled into this binary")
	}

	var reports []*contract.Report
	for _, path := range files {
		rep, err := validateRun(path, c, opt)
		if err != nil {
			e.fail("validate", 2, "%s", inputError(err))
			code = 2
			continue
		}
		reports = append(reports, rep)
		switch {
		case !rep.Schema.Success:
			code = 2 // not a file of this table: an input error, reported in full below
			e.fail("validate", 2, "%s: %s", path, schemaMismatch(rep))
		case !rep.Success:
			code = max(code, 1)
		}
		var werr error
		if *quiet {
			_, werr = fmt.Fprintf(e.stdout, "%s: %s\n", rep.File, rep.Verdict())
		} else {
			werr = contract.WriteText(e.stdout, rep)
		}
		if werr != nil {
			return e.fail("validate", 2, "write report: %v", werr)
		}
	}
	if len(reports) > 0 {
		if *jsonPath != "" {
			if err := writeReport(*jsonPath, func(w io.Writer) error { return contract.WriteJSON(w, reports...) }); err != nil {
				return e.fail("validate", 2, "%v", err)
			}
		}
		if *htmlPath != "" {
			if err := writeReport(*htmlPath, func(w io.Writer) error { return contract.WriteHTML(w, reports...) }); err != nil {
				return e.fail("validate", 2, "%v", err)
			}
		}
	}
	return code
}

// validateFile validates one file (for `paygen generate --validate`), writing the text
// report to w when w is not nil. ok is false when the contract fails; err is non-nil
// when the file cannot be read.
func validateFile(path string, c *contract.Contract, w io.Writer) (ok bool, err error) {
	return validateAs(path, path, c, w)
}

// validateRun is contract.Validate under validation's soft memory limit.
func validateRun(path string, c *contract.Contract, opt contract.Options) (*contract.Report, error) {
	defer softMemoryLimit(validateMemoryLimit)()
	return contract.Validate(path, c, opt)
}

// inputError drops the reader's package prefix: "open x.parquet: no such file or directory".
func inputError(err error) string {
	return strings.TrimPrefix(err.Error(), "colscan: ")
}

// writeReport writes a report file through a temporary file and a rename.
func writeReport(path string, write func(io.Writer) error) error {
	return writeReportFile(path, write)
}
