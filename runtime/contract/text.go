package contract

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Status is the one-word outcome of a result: PASS, FAIL, WARN, or SKIP (not evaluated,
// which fails like FAIL or WARN depending on the severity).
func (r Result) Status() string {
	switch {
	case r.Success:
		return "PASS"
	case !r.Evaluated:
		return "SKIP"
	case r.Severity == Warning.String():
		return "WARN"
	}
	return "FAIL"
}

// Unexpected renders the unexpected count and percentage, "—" for aggregate checks.
func (r Result) Unexpected() string {
	if !r.Evaluated || r.ObservedValue != nil {
		return "—"
	}
	return fmt.Sprintf("%d (%s%%)", r.UnexpectedCount, num(r.UnexpectedPercent))
}

// Verdict is "PASSED" or "FAILED" with the failure counts.
func (rep *Report) Verdict() string {
	s := rep.Statistics
	parts := []string{}
	if !rep.Schema.Success {
		parts = append(parts, plural(len(rep.Schema.Issues), "schema issue"))
	}
	if s.Failed > 0 {
		parts = append(parts, plural(s.Failed, "error"))
	}
	if s.Warnings > 0 {
		parts = append(parts, plural(s.Warnings, "warning"))
	}
	v := "PASSED"
	if !rep.Success {
		v = "FAILED"
	}
	if len(parts) > 0 {
		v += " (" + strings.Join(parts, ", ") + ")"
	}
	return v
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// WriteText writes a readable report: a summary line, schema issues, and one table row
// per expectation.
func WriteText(w io.Writer, rep *Report) error {
	s := rep.Statistics
	ew := &errWriter{w: w}
	ew.printf("%s: %s\n", rep.File, rep.Verdict())
	ew.printf("  %d rows, %d columns, %s, %s, %s, %s\n", s.Rows, s.Columns, plural(rep.FileInfo.RowGroups, "row group"),
		orDash(rep.FileInfo.Compression), humanBytes(rep.FileInfo.SizeBytes), humanMS(rep.ElapsedMS))
	switch {
	case !rep.Schema.Checked:
		ew.printf("  schema: not checked (the contract lists no columns)\n")
	case rep.Schema.Success:
		ew.printf("  schema: OK (%s)\n", rep.Table)
	default:
		ew.printf("  schema: %s\n", plural(len(rep.Schema.Issues), "issue"))
		tw := tabwriter.NewWriter(ew, 2, 8, 2, ' ', 0)
		for _, is := range rep.Schema.Issues {
			fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", strings.ToUpper(is.Problem), is.Column, prefixed("expected ", is.Expected), prefixed("found ", is.Observed))
		}
		tw.Flush()
	}
	if len(rep.Schema.Warnings) > 0 {
		ew.printf("  schema warnings: %s\n", plural(len(rep.Schema.Warnings), "column"))
		tw := tabwriter.NewWriter(ew, 2, 8, 2, ' ', 0)
		for _, is := range rep.Schema.Warnings {
			fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", strings.ToUpper(is.Problem), is.Column, prefixed("expected ", is.Expected), prefixed("found ", is.Observed))
		}
		tw.Flush()
	}
	if len(rep.Results) > 0 {
		ew.printf("\n")
		tw := tabwriter.NewWriter(ew, 2, 8, 2, ' ', 0)
		fmt.Fprintf(tw, "  STATUS\tEXPECTATION\tOBSERVED\tUNEXPECTED\tSAMPLES\n")
		for _, r := range rep.Results {
			obs := r.Observed
			if !r.Evaluated {
				obs = "not evaluated: " + r.Reason
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", r.Status(), clip(r.Expectation, 60), clip(obs, 70), r.Unexpected(), clip(strings.Join(r.UnexpectedSamples, ", "), 80))
		}
		tw.Flush()
	}
	ew.printf("\n  %s: %d evaluated, %d passed, %d failed, %s, %d not evaluated\n",
		plural(s.Expectations, "expectation"), s.Evaluated, s.Passed, s.Failed, plural(s.Warnings, "warning"), s.NotEvaluated)
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func humanMS(ms float64) string {
	if ms >= 1000 {
		return fmt.Sprintf("%.2f s", ms/1000)
	}
	return fmt.Sprintf("%.0f ms", ms)
}
