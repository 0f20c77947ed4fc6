package main

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/paygen/paygen/cmd/paygen/internal/learn"
	"github.com/paygen/paygen/runtime/colscan"
)

const learnabilitySynopsis = "learnability FILE.parquet [--json OUT.json] [--split-days N] [--balanced]"

const learnabilityAbout = `Measures whether the fraud label of a paygen Parquet file is learnable but not leaky:
trains an L2 logistic regression on causal per-row and velocity features over all but
the last N days and scores the last N days (ROC-AUC, average precision); scores every
raw column on its own (LEAK above AUC 0.90); reports fraud prevalence per scenario and
per ISO week. See docs/learnability.md.

Exit status: 0 ROC-AUC within [0.85, 0.97] and no leak, 1 outside the band or a leak,
2 usage or unreadable input.`

// runLearnability implements "paygen learnability".
func runLearnability(e *env, args []string) int {
	fs := newFlags("learnability", learnabilitySynopsis, learnabilityAbout)
	jsonOut := fs.String("json", "", "also write the figures as JSON to this `file`")
	splitDays := fs.Float64("split-days", learn.DefaultSplitDays, "length of the test split in `days`, counted back from the last event")
	balanced := fs.Bool("balanced", false, "weight the classes equally when training")
	fail := func(format string, a ...any) int {
		return e.fail("learnability", 2, format, a...)
	}

	files, code, done := e.parseArgs(fs, args)
	if done {
		return code
	}
	switch {
	case len(files) == 0:
		return fail("missing FILE.parquet (see 'paygen learnability --help')")
	case len(files) > 1:
		return fail("one FILE expected, got %d: %s", len(files), strings.Join(files, " "))
	case !(*splitDays > 0):
		return fail("--split-days must be positive, got %v", *splitDays)
	}
	if err := checkReportPaths(files, *jsonOut); err != nil {
		return fail("%v", err)
	}

	// The Parquet reader checks the file first, so that a missing, truncated or
	// non-Parquet input gets the same one-line message as in validate and profile.
	f, err := colscan.Open(files[0])
	if err != nil {
		return fail("%s", inputError(err))
	}
	err = f.CheckPages() // parquet-go decodes the pages: check their headers first
	f.Close()
	if err != nil {
		return fail("%s", inputError(err))
	}
	rep, err := learn.AnalyzeFile(files[0], learn.Options{SplitDays: *splitDays, Fit: learn.FitOptions{Balanced: *balanced}})
	if err != nil {
		return fail("%s", learnOneLine(err))
	}
	if err := rep.WriteText(e.stdout); err != nil {
		return fail("write report: %s", learnOneLine(err))
	}
	if *jsonOut != "" {
		if err := learnWriteJSON(*jsonOut, rep); err != nil {
			return fail("%s", learnOneLine(err))
		}
	}
	if !rep.Verdict.Pass {
		return 1
	}
	return 0
}

func learnWriteJSON(path string, rep *learn.Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return writeReportFile(path, func(w io.Writer) error { _, err := w.Write(append(b, '\n')); return err })
}

func learnOneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
