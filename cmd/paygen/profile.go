package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paygen/paygen/runtime/profile"
)

// maxSample caps --sample: the sample rows are inlined in the HTML report,
// which must stay within its 5 MB budget (1,000 rows are about 0.5 MB).
const maxSample = 1000

func runProfile(e *env, args []string) int {
	var htmlOut, jsonOut string
	var sample int
	fs := newFlags("profile", "profile FILE.parquet [--out REPORT.html] [--json PROFILE.json] [--sample N]")
	fs.StringVar(&htmlOut, "out", "", "HTML report to write (default: the input's name with .html, beside it)")
	fs.StringVar(&jsonOut, "json", "", "also write the profile as JSON to this file")
	schema := fs.String("schema", defaultSchema, schemaHelp())
	fs.IntVar(&sample, "sample", 20, fmt.Sprintf("rows shown in the sample section, 0 (none) to %d (keeps the report small)", maxSample))
	files, code, done := e.parseArgs(fs, args)
	if done {
		return code
	}
	switch {
	case len(files) == 0:
		return e.fail("profile", 2, "missing FILE.parquet (see 'paygen profile --help')")
	case len(files) > 1:
		return e.fail("profile", 2, "unexpected argument %q (one file at a time)", files[1])
	case sample < 0 || sample > maxSample:
		return e.fail("profile", 2, "--sample must be 0 to %d, not %d", maxSample, sample)
	}
	_, spec, err := e.schemaDeps(*schema)
	if err != nil {
		return e.fail("profile", 2, "%v", err)
	}
	in := files[0]
	if htmlOut == "" {
		htmlOut = defaultReportPath(in)
		if err := checkDefaultReport(htmlOut); err != nil {
			return e.fail("profile", 2, "%v", err)
		}
	}
	if err := checkReportPaths([]string{in}, htmlOut, jsonOut); err != nil {
		return e.fail("profile", 2, "%v", err)
	}
	opt := profile.Options{SampleRows: sample}
	if sample == 0 {
		opt.SampleRows = -1
	}
	start := time.Now()
	p, err := writeProfile(in, spec, htmlOut, jsonOut, opt)
	if err != nil {
		return e.fail("profile", 2, "%s", cleanErr(err))
	}
	outs := []string{htmlOut}
	if jsonOut != "" {
		outs = append(outs, jsonOut)
	}
	fmt.Fprintf(e.stdout, "profiled %s × %s of %s in %.2fs: %s → %s\n",
		plural(p.Overview.Rows, "row"), plural(int64(p.Overview.Columns), "column"), in, time.Since(start).Seconds(),
		plural(int64(len(p.Alerts)), "alert"), strings.Join(outs, ", "))
	return 0
}

// profileFile profiles in and writes the HTML report (and the JSON when
// jsonOut is not empty); used by `paygen generate --profile`.
func profileFile(in string, spec *profile.Spec, htmlOut, jsonOut string) error {
	_, err := writeProfile(in, spec, htmlOut, jsonOut, profile.Options{})
	return err
}

func writeProfile(in string, spec *profile.Spec, htmlOut, jsonOut string, opt profile.Options) (*profile.Profile, error) {
	p, err := profileRun(in, spec, opt)
	if err != nil {
		return nil, err
	}
	if htmlOut != "" {
		if err := writeAtomic(htmlOut, p.WriteHTML); err != nil {
			return nil, err
		}
	}
	if jsonOut != "" {
		if err := writeAtomic(jsonOut, p.WriteJSON); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// profileRun is profile.Run under the profile's soft memory limit.
func profileRun(in string, spec *profile.Spec, opt profile.Options) (*profile.Profile, error) {
	defer softMemoryLimit(profileMemoryLimit)()
	return profile.Run(in, spec, opt)
}

// writeAtomic writes a report through a temporary name and a rename.
func writeAtomic(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return writeReportFile(path, write)
}

// defaultReportPath is the input path with its extension replaced by .html.
func defaultReportPath(in string) string {
	ext := filepath.Ext(in)
	if ext == ".html" {
		return in + ".html"
	}
	return strings.TrimSuffix(in, ext) + ".html"
}

// cleanErr drops the reader's package prefix from an error message.
func cleanErr(err error) string {
	return strings.TrimPrefix(err.Error(), "colscan: ")
}
