package main

import (
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/learn"
)

const learnabilitySynopsis = "learnability FILE.parquet [--schema NAME] [--json OUT.json] [--split-days N] [--balanced] [--rule-min-support N] [--rule-max-precision P] [--position-alpha A]"

const learnabilityAbout = `Measures whether the fraud label of a paygen Parquet file is learnable but not leaky:
trains an L2 logistic regression on causal per-row and velocity features over all but
the last N days and scores the last N days (ROC-AUC, average precision); scores every
raw column on its own (LEAK above AUC 0.90); mines rules, single conditions and pairs
over raw columns and causal history features (FAIL when a rule matching at least 50
rows is at least 90 % fraud); tests the fraud rate by row position (FAIL at p < 1e-6);
reports fraud prevalence per scenario, per ISO week and per day. A table with
columns beyond the payments table's (generate --schema NAME) has them scored and
mined too, but for its label columns (the label and the columns known only with it,
such as a fraud report time). See docs/learnability.md.

Exit status: 0 ROC-AUC within [0.85, 0.97] and no leak, 1 outside the band or a leak
(a column, a rule or the row position), 2 usage or unreadable input.`

// runLearnability implements "paygen learnability".
func runLearnability(e *env, args []string) int {
	fs := newFlags("learnability", learnabilitySynopsis, learnabilityAbout)
	jsonOut := fs.String("json", "", "also write the figures as JSON to this `file`")
	splitDays := fs.Float64("split-days", learn.DefaultSplitDays, "length of the test split in `days`, counted back from the last event")
	balanced := fs.Bool("balanced", false, "weight the classes equally when training")
	minSupport := fs.Int64("rule-min-support", learn.DefaultRuleMinSupport, "a rule counts when it matches at least this many `rows`")
	maxPrecision := fs.Float64("rule-max-precision", learn.DefaultRuleMaxPrecision, "a counted rule with at least this `precision` (fraud share) fails the run")
	alpha := fs.Float64("position-alpha", learn.DefaultPositionAlpha, "the row-position check fails below this `p-value`")
	schema := fs.String("schema", "", "compiled table of the file: "+strings.Join(schemaNames(), ", ")+" (default: the one its paygen.schema metadata names, else "+defaultSchema+")")
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
	case *minSupport < 1:
		return fail("--rule-min-support must be at least 1, got %d", *minSupport)
	case !(*maxPrecision > 0 && *maxPrecision <= 1):
		return fail("--rule-max-precision must be in (0, 1], got %v", *maxPrecision)
	case !(*alpha > 0 && *alpha < 1):
		return fail("--position-alpha must be in (0, 1), got %v", *alpha)
	}
	if err := checkReportPaths(files, *jsonOut); err != nil {
		return fail("%v", err)
	}
	var table *tableDef
	if *schema != "" {
		d, err := tableByName(*schema)
		if err != nil {
			return fail("%v", err)
		}
		table = &d
	}

	// The Parquet reader checks the file first, so that a missing, truncated or
	// non-Parquet input gets the same one-line message as in validate and profile.
	f, err := colscan.Open(files[0])
	if err != nil {
		return fail("%s", inputError(err))
	}
	err = f.CheckPages() // every page header at once, before minutes of analysis
	rows := f.NumRows()
	if table == nil {
		d := tableOfFile(f.Metadata())
		table = &d
	}
	f.Close()
	if err != nil {
		return fail("%s", inputError(err))
	}
	extra, labels := learnColumns(*table)
	defer softMemoryLimit(learn.LiveBytes(rows))()
	rep, err := learn.AnalyzeFile(files[0], learn.Options{
		SplitDays: *splitDays, Fit: learn.FitOptions{Balanced: *balanced},
		RuleMinSupport: *minSupport, RuleMaxPrecision: *maxPrecision, PositionAlpha: *alpha,
		Periods: learnPeriods(), Extra: extra, Labels: labels,
	})
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

// learnColumns are the columns of table beyond the payments row type's that learnability
// checks (extra) and those that are the label or known only with it (labels), both
// beyond learn's own.
func learnColumns(table tableDef) (extra, labels []string) {
	known := map[string]bool{}
	for _, f := range colscan.Fields[learn.Row]() {
		known[f.Name] = true
	}
	for _, c := range table.columnNames {
		switch {
		case known[c]:
		case slices.Contains(table.labels, c):
			labels = append(labels, c)
		default:
			extra = append(extra, c)
		}
	}
	return extra, labels
}

// learnPeriods are the row-position periods: learn's defaults and the generator's block size.
func learnPeriods() []int64 {
	block := int64(generated.Config.BlockRows)
	if slices.Contains(learn.DefaultPeriods, block) {
		return learn.DefaultPeriods
	}
	return append(slices.Clone(learn.DefaultPeriods), block)
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
