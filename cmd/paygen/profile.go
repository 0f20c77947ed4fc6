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
	in := files[0]
	if htmlOut == "" {
		htmlOut = defaultReportPath(in)
	}
	if filepath.Clean(htmlOut) == filepath.Clean(in) || filepath.Clean(jsonOut) == filepath.Clean(in) {
		return e.fail("profile", 2, "output %s would overwrite the input", in)
	}
	opt := profile.Options{SampleRows: sample}
	if sample == 0 {
		opt.SampleRows = -1
	}
	start := time.Now()
	p, err := writeProfile(in, e.profileSpec, htmlOut, jsonOut, opt)
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
	p, err := profile.Run(in, spec, opt)
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

// writeAtomic writes a file through a temporary name and a rename.
func writeAtomic(path string, write func(io.Writer) error) error {
	a, err := createAtomic(path, true)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := write(a); err != nil {
		a.Abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := a.Commit(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// Temporary files are created 0600; a report is meant to be shared.
	if err := os.Chmod(path, 0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", path, err)
	}
	return nil
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
