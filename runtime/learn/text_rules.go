package learn

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
)

func (r *Report) writeRules(w *errWriter) {
	ru := r.Rules
	w.printf("Rules: conditions and pairs of conditions over all rows (%d conditions with support ≥ %d, %d rules checked;\n",
		ru.Conditions, ru.MinSupport, ru.RulesChecked)
	w.printf("  a rule FAILS at precision ≥ %g; %d rules do, %d of them listable):\n", ru.MaxPrecision, ru.Failing, ru.FailingListed)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  precision\tfraud\tsupport\trule\tscenarios\t\n")
	for _, t := range ru.Top {
		flag := ""
		if t.Fails {
			flag = "  FAIL"
		}
		fmt.Fprintf(tw, "  %.4f\t%d\t%d\t%s\t%s%s\t\n", t.Precision, t.Fraud, t.Support,
			strings.Join(t.Conditions, " AND "), scenarioCounts(t.Scenarios), flag)
	}
	tw.Flush()
	if len(ru.Top) == 0 {
		w.printf("  (no rule with support ≥ %d matches a fraud row)\n", ru.MinSupport)
	}
	w.printf("  (a pair is listed only when more precise than each of its conditions alone; history conditions use earlier rows only)\n")
	if len(ru.Skipped) > 0 {
		w.printf("  no conditions on: %s\n", strings.Join(ru.Skipped, ", "))
	}
	w.printf("\n")

	w.printf("History conditions alone (earlier rows only):\n")
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  condition\trows\tfraud\tprecision\t\n")
	for _, h := range ru.History {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%.4f\t\n", h.Conditions[0], h.Support, h.Fraud, h.Precision)
	}
	tw.Flush()
	w.printf("\n")
}

func scenarioCounts(m map[string]int64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return int(m[b] - m[a])
		}
		return strings.Compare(a, b)
	})
	cells := make([]string, len(keys))
	for i, k := range keys {
		cells[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(cells, ", ")
}

func (r *Report) writePositions(w *errWriter) {
	p := r.Positions
	w.printf("Fraud rate by row position (row index mod period, deciles; expected from each row's UTC day and hour; chi-square over the episode dispersion %.2f; FAIL at p < %g):\n", p.Dispersion, p.Alpha)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	head := []string{"period"}
	for b := range positionBins {
		head = append(head, fmt.Sprintf("d%d", b+1))
	}
	head = append(head, "head 1/32", "tail 1/32", "max/min", "chi2", "p")
	fmt.Fprintf(tw, "  %s\n", joinCells(head))
	for _, ps := range p.Periods {
		cells := []string{fmt.Sprint(ps.Period)}
		for _, b := range ps.Bins {
			cells = append(cells, pct(b.Rate))
		}
		ratio := "n/a"
		if ps.MaxMinRatio != nil {
			ratio = fmt.Sprintf("%.2f", *ps.MaxMinRatio)
		}
		flag := ""
		if ps.Fails {
			flag = " FAIL"
		}
		cells = append(cells, pct(ps.Head.Rate), pct(ps.Tail.Rate), ratio, fmt.Sprintf("%.1f", ps.Chi2), fmt.Sprintf("%.2g%s", ps.P, flag))
		fmt.Fprintf(tw, "  %s\n", joinCells(cells))
	}
	tw.Flush()
	if len(p.Skipped) > 0 {
		w.printf("  skipped (fewer than two periods of rows): %v\n", p.Skipped)
	}
	w.printf("\nFraud rate by UTC day (chi-square against one rate for all days: %.1f, %d df, p = %.2g; reported, not a check):\n",
		p.DaysChi2, p.DaysDF, p.DaysP)
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "  day\trows\tfraud\trate\t\n")
	for _, d := range p.Days {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t\n", d.Day, d.Rows, d.Fraud, pct(d.Rate))
	}
	tw.Flush()
	w.printf("\n")
}
