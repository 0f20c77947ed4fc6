package profile

import (
	"fmt"
	"math"

	"github.com/paygen/paygen/runtime/stats"
)

// Alert thresholds (ydata-profiling defaults where it has one).
const (
	MissingThreshold     = 0.02          // share of missing values
	CardinalityThreshold = 50            // distinct values of a categorical column
	ImbalanceThreshold   = 0.5           // 1 - normalised entropy
	SkewThreshold        = 20            // |skewness|
	ZerosThreshold       = 0.05          // share of zeros
	CorrelationThreshold = 0.9           // |coefficient| in the heatmap
	LeakageAUC           = stats.LeakAUC // univariate AUC > this, or < 1 - this (the analysis layer's one threshold)
)

func alerts(p *Profile) []Alert {
	out := []Alert{}
	add := func(typ string, cols []string, v, th float64, format string, args ...any) {
		out = append(out, Alert{Type: typ, Columns: cols, Value: v, Threshold: th, Message: fmt.Sprintf(format, args...)})
	}
	if d := p.Overview.DuplicateRows; d > 0 {
		add("DUPLICATES", nil, float64(d), 0, "dataset has about %d duplicate rows (%.2f %%)", d, 100*pct(d, p.Overview.Rows))
	}
	for _, c := range p.Columns {
		one := []string{c.Name}
		if c.Kind == "unsupported" {
			add("UNSUPPORTED", one, 0, 0, "%s has a type the profiler does not read (%s)", c.Name, c.Type)
			continue
		}
		if c.MissingPct > MissingThreshold {
			add("MISSING", one, c.MissingPct, MissingThreshold, "%s has %d (%.1f %%) missing values", c.Name, c.Missing, 100*c.MissingPct)
		}
		if c.Count > 0 && c.Distinct == 1 {
			add("CONSTANT", one, 1, 1, "%s has a constant value", c.Name)
			continue
		}
		unique := c.Unique
		if unique {
			add("UNIQUE", one, c.DistinctPct, 1, "%s has unique values", c.Name)
		}
		if (c.Kind == "categorical" || c.Kind == "id") && !unique && c.Distinct > CardinalityThreshold {
			add("HIGH_CARDINALITY", one, float64(c.Distinct), CardinalityThreshold, "%s has a high cardinality: %d distinct values", c.Name, c.Distinct)
		}
		if cs := c.Categorical; cs != nil && cs.TopExact && cs.Imbalance > ImbalanceThreshold {
			add("IMBALANCE", one, cs.Imbalance, ImbalanceThreshold, "%s is highly imbalanced (%.0f %%)", c.Name, 100*cs.Imbalance)
		}
		if b := c.Boolean; b != nil && b.Imbalance > ImbalanceThreshold {
			add("IMBALANCE", one, b.Imbalance, ImbalanceThreshold, "%s is highly imbalanced (%.0f %%)", c.Name, 100*b.Imbalance)
		}
		if n := c.Numeric; n != nil {
			if n.Skewness != nil && math.Abs(*n.Skewness) > SkewThreshold {
				add("SKEWED", one, *n.Skewness, SkewThreshold, "%s is highly skewed (γ1 = %.1f)", c.Name, *n.Skewness)
			}
			if n.ZerosPct > ZerosThreshold {
				add("ZEROS", one, n.ZerosPct, ZerosThreshold, "%s has %d (%.1f %%) zeros", c.Name, n.Zeros, 100*n.ZerosPct)
			}
		}
	}
	if cr := p.Correlations; cr != nil {
		for _, pr := range cr.Pairs {
			if pr.Method != "pearson" && math.Abs(pr.Value) >= CorrelationThreshold {
				add("HIGH_CORRELATION", []string{pr.A, pr.B}, pr.Value, CorrelationThreshold,
					"%s is highly correlated with %s (%s = %.2f)", pr.A, pr.B, methodLabel(pr.Method), pr.Value)
			}
		}
	}
	if t := p.Target; t != nil {
		for _, f := range t.Features {
			if f.AUC != nil && stats.Leaky(*f.AUC, LeakageAUC) {
				add("LEAKAGE", []string{f.Column}, *f.AUC, LeakageAUC,
					"%s alone separates %s almost perfectly (ROC-AUC %.3f): a leak of the label?", f.Column, t.Column, *f.AUC)
			}
		}
	}
	return out
}

func methodLabel(m string) string {
	switch m {
	case "cramers_v":
		return "Cramér's V"
	case "correlation_ratio":
		return "η"
	case "spearman":
		return "Spearman ρ"
	case "pearson":
		return "Pearson r"
	}
	return m
}

func methods() []Method {
	return []Method{
		{"rows, missing, min, max, sum, zeros", "exact, over all rows"},
		{"mean, std, skewness, kurtosis", "exact moments over all finite values, batch-merged (Chan/Pébay); std uses n-1, skewness/kurtosis are pandas' bias-corrected G1/G2"},
		{"quantiles, histograms", fmt.Sprintf("log-linear histogram sketch (%d sub-buckets per power of two, exact counts per bucket): each quantile is the midpoint of the bucket holding the nearest-rank value, within %.2f %% of that value; histogram bins receive whole buckets", lhPageSize, 100*lhRelErr)},
		{"distinct", fmt.Sprintf("exact for categorical columns with ≤ %d values, otherwise HyperLogLog (2^%d registers, Ertl's estimator): standard error %.2f %%", dictCap, hllP, 100*hllRelErr)},
		{"top values", fmt.Sprintf("exact counts for the first %d distinct values of a column; beyond that a Misra-Gries summary (%d counters) whose counts are lower bounds off by at most n/%d", dictCap, mgK, mgK+1)},
		{"unique", fmt.Sprintf("no repeated value among dictionary values (exact) and among a hash sample of the others (adaptive distinct sampling, %d hashes)", uniqCap)},
		{"duplicate rows", fmt.Sprintf("hash of the whole row; repeats counted exactly inside an adaptive hash sample (%d row hashes, level-halving), scaled by the sampling rate: exact while the file has fewer distinct rows than that, an estimate above", dupCap)},
		{"correlations", fmt.Sprintf("Spearman ρ between numeric columns on a fixed random sample of %d rows (standard error about (1-ρ²)/√n); Pearson r on all rows (JSON); Cramér's V between categorical/boolean columns and correlation ratio η between numeric and categorical columns on all rows, over each column's first %d categories plus an 'other' bucket; nulls left out pairwise", corrSampleN, corrCats-1)},
		{"fraud rate intervals", "Wilson score interval, 95 %"},
		{"ROC-AUC", "numeric features: Mann-Whitney statistic over the label-split sketch buckets, pairs inside one bucket counted as ties; auc_max_error bounds the effect of that. Categorical/boolean features and hour of day: rows dealt to 5 folds by a hash of the row index, each row scored by its category's fraud rate in the other 4 folds shrunk toward their overall rate by 10 pseudo-rows (cross-fitted target encoding: in-sample rates would flatter columns with many small categories); exact counts"},
		{"lift", "fraud rate of a group (or of the top 10 % of rows ranked by the feature) divided by the overall fraud rate"},
		{"hour of day (local)", "event time shifted by the standard UTC offset of the country (reference data; daylight saving time ignored)"},
		{"sample", "rows picked by a fixed-seed generator: the same file always shows the same rows"},
	}
}
