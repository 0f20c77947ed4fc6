package learn

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteText writes the report as readable text.
func (r *Report) WriteText(out io.Writer) error {
	w := &errWriter{w: out}
	name := r.File
	if name == "" {
		name = "(rows in memory)"
	}
	w.printf("Learnability of %s\n", name)
	w.printf("rows %d, fraud %d (%s), %s .. %s\n", r.Rows, r.Fraud, pct(r.Prevalence),
		r.MinTime.Format(time.RFC3339), r.MaxTime.Format(time.RFC3339))
	w.printf("time split at %s (test = the last %g days):\n", r.SplitTime.Format(time.RFC3339), r.SplitDays)
	w.printf("  train %9d rows %7d fraud (%s)\n", r.Train.Rows, r.Train.Fraud, pct(r.Train.Prevalence))
	w.printf("  test  %9d rows %7d fraud (%s)\n\n", r.Test.Rows, r.Test.Fraud, pct(r.Test.Prevalence))

	m := r.Model
	w.printf("Baseline: %s\n", m.Kind)
	if m.NotFitted != "" {
		w.printf("  not fitted: %s\n\n", m.NotFitted)
	} else {
		conv := "converged"
		if !m.Converged {
			conv = "NOT converged"
		}
		w.printf("  λ=%g, class weights %s, %d Newton iterations, %s\n", m.Lambda, onOff(m.Balanced), m.Iterations, conv)
		w.printf("  test ROC-AUC        %s   (accepted band [%.2f, %.2f])\n", num(m.ROCAUC), r.Verdict.MinAUC, r.Verdict.MaxAUC)
		w.printf("  test avg precision  %s   (a random score gets %.4f, the test prevalence)\n\n", num(m.AP), m.RandomAP)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  feature\tweight\ttrain mean\ttrain std\talone AUC\t\n")
	for _, f := range m.Features {
		fmt.Fprintf(tw, "  %s\t%+.4f\t%.4f\t%.4f\t%s\t\n", f.Name, f.Weight, f.Mean, f.Std, num(f.Univariate))
	}
	if m.NotFitted == "" {
		fmt.Fprintf(tw, "  (intercept)\t%+.4f\t\t\t\t\n", m.Intercept)
	}
	tw.Flush()
	w.printf("  (weight: change in log-odds per train standard deviation; alone AUC: max(AUC, 1−AUC) of the feature by itself on test)\n\n")

	b := r.Boosted
	w.printf("Second baseline: %s\n", b.Kind)
	if b.NotFitted != "" {
		w.printf("  not fitted: %s\n\n", b.NotFitted)
	} else {
		w.printf("  %d trees of depth %d, learning rate %g, %d bins; trained on %d rows (every fraud row, %g of the others, weighted up)\n",
			b.Trees, b.Depth, b.LearningRate, b.Bins, b.TrainRows, b.NegativeRate)
		w.printf("  test ROC-AUC        %s   (logistic regression %s)\n", num(b.ROCAUC), num(m.ROCAUC))
		w.printf("  test avg precision  %s   (logistic regression %s)\n\n", num(b.AP), num(m.AP))
	}

	w.printf("Fraud scenarios (test AUC: the scenario's test rows against all test non-fraud rows; LR and GBDT):\n")
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "  scenario\trows\tshare of fraud\tprevalence\ttrain\ttest\ttest AUC\tGBDT AUC\t\n")
	for _, s := range r.Scenarios {
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%d\t%d\t%s\t%s\t\n", s.Scenario, s.Rows, pct(s.ShareOfFraud), pct(s.Prevalence),
			s.TrainRows, s.TestRows, num(s.TestROCAUC), num(b.ScenarioAUC[s.Scenario]))
	}
	tw.Flush()
	if len(r.Scenarios) == 0 {
		w.printf("  (no fraud rows)\n")
	}
	w.printf("  label gaps: %d fraud rows without fraud_scenario, %d non-fraud rows with one\n\n",
		r.LabelGaps.FraudWithoutScenario, r.LabelGaps.ScenarioWithoutFraud)

	if len(r.Footprints) > 1 {
		w.printf("Feature means per group (all rows; the footprint each scenario leaves):\n")
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		groups := make([]string, len(r.Footprints))
		for i, f := range r.Footprints {
			groups[i] = f.Group
		}
		fmt.Fprintf(tw, "  feature\t%s\n", joinCells(groups))
		for j, name := range FeatureNames {
			cells := make([]string, len(r.Footprints))
			for i, f := range r.Footprints {
				cells[i] = fmt.Sprintf("%.3f", f.Means[j])
			}
			fmt.Fprintf(tw, "  %s\t%s\n", name, joinCells(cells))
		}
		tw.Flush()
		w.printf("  (counts are ln(1+n); flags are shares; log_amount is ln of major units)\n\n")
	}

	w.printf("Prevalence per ISO week (UTC):\n")
	var names []string
	for _, s := range r.Scenarios {
		names = append(names, s.Scenario)
	}
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "  week\trows\tfraud\tprevalence\t%s\n", joinCells(names))
	for _, wk := range r.Weeks {
		cells := make([]string, len(names))
		for i, n := range names {
			cells[i] = fmt.Sprint(wk.Scenarios[n])
		}
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t%s\n", wk.Week, wk.Rows, wk.Fraud, pct(wk.Prevalence), joinCells(cells))
	}
	tw.Flush()
	w.printf("\n")

	w.printf("Raw columns on their own, test split (max(AUC, 1−AUC); LEAK above %.2f; labels %s excluded):\n",
		r.Verdict.LeakAUC, strings.Join(slices.Concat(LabelColumns, r.Labels), ", "))
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  column\ttype\tbest\tby\tall methods\t\n")
	for _, c := range r.Columns {
		var all []string
		for _, mr := range c.Methods {
			all = append(all, fmt.Sprintf("%s %s", mr.Method, num(mr.Separation)))
		}
		flag := ""
		if c.Leak {
			flag = "  LEAK"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s%s\t\n", c.Name, c.Type, num(c.Best), c.BestMethod, strings.Join(all, ", "), flag)
	}
	tw.Flush()
	if len(r.Unchecked) > 0 {
		w.printf("  not checked (not in the data contract): %s\n", strings.Join(r.Unchecked, ", "))
	}
	w.printf("\n")

	r.writeRules(w)
	r.writePositions(w)

	if r.Verdict.Pass {
		w.printf("PASS: ROC-AUC %s within [%.2f, %.2f], no raw column above %.2f, no rule reaches precision %g, no positional structure\n",
			num(m.ROCAUC), r.Verdict.MinAUC, r.Verdict.MaxAUC, r.Verdict.LeakAUC, r.Verdict.RuleMaxPrecision)
	} else {
		w.printf("FAIL: %s\n", strings.Join(r.Verdict.Reasons, "; "))
	}
	return w.err
}

func joinCells(c []string) string {
	if len(c) == 0 {
		return ""
	}
	return strings.Join(c, "\t") + "\t"
}

func pct(v float64) string { return fmt.Sprintf("%.3f %%", 100*v) }

func num(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.4f", *v)
}

func onOff(b bool) string {
	if b {
		return "balanced"
	}
	return "off"
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
