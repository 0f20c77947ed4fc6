package learn

import "time"

// Report holds every figure of a learnability run; it is also the JSON document.
type Report struct {
	File       string    `json:"file,omitempty"`
	Rows       int64     `json:"rows"`
	Fraud      int64     `json:"fraud"`
	Prevalence float64   `json:"prevalence"`
	MinTime    time.Time `json:"min_time"`
	MaxTime    time.Time `json:"max_time"`
	// SplitTime: rows with event_time < SplitTime (= MaxTime − SplitDays) are the train split.
	SplitTime time.Time  `json:"split_time"`
	SplitDays float64    `json:"split_days"`
	Train     SplitStats `json:"train"`
	Test      SplitStats `json:"test"`

	Model ModelReport `json:"model"`
	// Boosted is a gradient-boosted trees baseline on the same features and split.
	Boosted BoostedReport `json:"boosted"`
	// Footprints holds the mean of every model feature (in FeatureNames order) over the
	// non-fraud rows and over each scenario's rows, all splits: the signal each leaves.
	Footprints []Footprint     `json:"footprints"`
	Scenarios  []ScenarioStats `json:"scenarios"`
	Weeks      []WeekStats     `json:"weeks"`
	Columns    []ColumnReport  `json:"columns"`
	Unchecked  []string        `json:"unchecked_columns,omitempty"`
	// Labels are the columns beyond label_fraud and fraud_scenario that are the label or
	// known only with it (Options.Labels): like those, not scored.
	Labels    []string       `json:"label_columns,omitempty"`
	Rules     RulesReport    `json:"rules"`
	Positions PositionReport `json:"positions"`
	LabelGaps LabelGaps      `json:"label_gaps"`
	Verdict   Verdict        `json:"verdict"`
}

// SplitStats counts the rows of one split.
type SplitStats struct {
	Rows       int64   `json:"rows"`
	Fraud      int64   `json:"fraud"`
	Prevalence float64 `json:"prevalence"`
}

// ModelReport describes the baseline model and its test-split scores. ROCAUC and AP are
// null when undefined (a split without fraud or without non-fraud rows).
type ModelReport struct {
	Kind       string          `json:"kind"`
	Lambda     float64         `json:"lambda"`
	Balanced   bool            `json:"balanced"`
	Iterations int             `json:"iterations"`
	Converged  bool            `json:"converged"`
	Intercept  float64         `json:"intercept"`
	Features   []FeatureReport `json:"features"`
	ROCAUC     *float64        `json:"roc_auc"`
	AP         *float64        `json:"average_precision"`
	// RandomAP is the AP of an uninformative score: the test prevalence.
	RandomAP float64 `json:"random_ap"`
	// NotFitted says why no model was fitted (empty when one was).
	NotFitted string `json:"not_fitted,omitempty"`
}

// BoostedReport describes the gradient-boosted trees baseline and its test-split scores.
type BoostedReport struct {
	Kind         string   `json:"kind"`
	Trees        int      `json:"trees"`
	Depth        int      `json:"depth"`
	LearningRate float64  `json:"learning_rate"`
	Bins         int      `json:"bins"`
	NegativeRate float64  `json:"negative_rate"` // share of non-fraud train rows trained on
	TrainRows    int      `json:"train_rows"`
	ROCAUC       *float64 `json:"roc_auc"`
	AP           *float64 `json:"average_precision"`
	// ScenarioAUC is each scenario's test rows against all test non-fraud rows.
	ScenarioAUC map[string]*float64 `json:"scenario_test_roc_auc"`
	NotFitted   string              `json:"not_fitted,omitempty"`
}

// FeatureReport is one model feature: its standardised weight (change in log-odds per
// train standard deviation), its train mean and standard deviation, and its own
// separation max(AUC, 1−AUC) on the test split.
type FeatureReport struct {
	Name       string   `json:"name"`
	Weight     float64  `json:"weight"`
	Mean       float64  `json:"mean"`
	Std        float64  `json:"std"`
	Univariate *float64 `json:"univariate_auc"`
}

// ScenarioStats is the realised count of one fraud_scenario and how the baseline ranks it.
type ScenarioStats struct {
	Scenario     string   `json:"scenario"`
	Rows         int64    `json:"rows"`
	ShareOfFraud float64  `json:"share_of_fraud"`
	Prevalence   float64  `json:"prevalence"`
	TrainRows    int64    `json:"train_rows"`
	TestRows     int64    `json:"test_rows"`
	TestROCAUC   *float64 `json:"test_roc_auc"` // this scenario's rows against all test non-fraud rows
}

// Footprint is the mean of each feature (FeatureNames order) over one group of rows.
type Footprint struct {
	Group string    `json:"group"` // "non-fraud" or a fraud_scenario
	Rows  int64     `json:"rows"`
	Means []float64 `json:"means"`
}

// WeekStats is the realised prevalence of one ISO week (UTC), with its fraud rows per scenario.
type WeekStats struct {
	Week       string           `json:"week"` // e.g. 2025-W21
	Rows       int64            `json:"rows"`
	Fraud      int64            `json:"fraud"`
	Prevalence float64          `json:"prevalence"`
	Scenarios  map[string]int64 `json:"scenarios"`
}

// ColumnReport is the univariate check of one raw column: the separation
// max(AUC, 1−AUC) on the test split of each applicable scoring method, the best of them,
// and whether that exceeds the leak threshold.
type ColumnReport struct {
	Name       string         `json:"name"`
	Type       string         `json:"type"`
	Methods    []MethodReport `json:"methods"`
	Best       *float64       `json:"best"`
	BestMethod string         `json:"best_method"`
	Leak       bool           `json:"leak"`
}

// MethodReport is one scoring method's result; AUC is the plain ROC-AUC, Separation max(AUC, 1−AUC).
type MethodReport struct {
	Method     string   `json:"method"`
	AUC        *float64 `json:"auc"`
	Separation *float64 `json:"separation"`
}

// LabelGaps counts rows whose label columns disagree.
type LabelGaps struct {
	FraudWithoutScenario int64 `json:"fraud_without_scenario"`
	ScenarioWithoutFraud int64 `json:"scenario_without_fraud"`
}

// RulesReport is the multi-column leak check: conditions "family = value" over raw columns,
// values derived from the row and causal history features, alone and in pairs
// (conjunctions), counted over all rows. A rule is counted when its support is at least
// MinSupport and fails the run when its precision (fraud rows / rows) reaches MaxPrecision.
type RulesReport struct {
	MinSupport   int64    `json:"min_support"`
	MaxPrecision float64  `json:"max_precision"`
	Families     []string `json:"families"`
	// Skipped names the extra columns' families left out (too many values).
	Skipped       []string `json:"skipped_families,omitempty"`
	Conditions    int      `json:"conditions"`     // conditions with support ≥ MinSupport
	RulesChecked  int64    `json:"rules_checked"`  // conditions and pairs with support ≥ MinSupport
	Failing       int64    `json:"failing"`        // of those, rules with precision ≥ MaxPrecision
	FailingListed int64    `json:"failing_listed"` // failing rules that are listable (see Top)
	// Top holds the most precise rules (precision, then support, descending); a pair is
	// listable only when it is more precise than each of its conditions alone.
	Top []Rule `json:"top"`
	// History holds every value of every history condition alone, whatever its support.
	History []Rule `json:"history"`
}

// Rule is a condition or a conjunction of two, with the rows it matches.
type Rule struct {
	Conditions []string         `json:"conditions"`
	Support    int64            `json:"support"`
	Fraud      int64            `json:"fraud"`
	Precision  float64          `json:"precision"`
	Fails      bool             `json:"fails"`
	Scenarios  map[string]int64 `json:"scenarios"` // its fraud rows by fraud_scenario
}

// Verdict is the outcome: Pass when ROC-AUC lies within [MinAUC, MaxAUC], no raw column
// separates the classes better than LeakAUC, no rule fails and the fraud rate does not
// depend on the row position. Reasons say what failed.
type Verdict struct {
	Pass    bool     `json:"pass"`
	MinAUC  float64  `json:"min_auc"`
	MaxAUC  float64  `json:"max_auc"`
	LeakAUC float64  `json:"leak_auc"`
	Leaks   []string `json:"leaks"`
	// RuleMinSupport, RuleMaxPrecision and PositionAlpha are the thresholds of the rule
	// and row-position checks.
	RuleMinSupport   int64    `json:"rule_min_support"`
	RuleMaxPrecision float64  `json:"rule_max_precision"`
	PositionAlpha    float64  `json:"position_alpha"`
	Reasons          []string `json:"reasons"`
}

// PositionReport is the fraud rate by row position: for each period, by decile of the
// row's index in the file modulo the period, and by UTC day. A period fails when the
// deciles' fraud counts depart from what the hour of day of their rows predicts with a
// chi-square p-value below Alpha.
type PositionReport struct {
	Alpha float64 `json:"alpha"`
	// Dispersion is the size-biased mean size of the fraud episodes (rows of one card or
	// device within 6 hours), Σn²/Σn: the factor by which episodes widen the counts'
	// variance. Each period's chi-square is divided by it.
	Dispersion float64       `json:"dispersion"`
	Periods    []PeriodStats `json:"periods"`
	Skipped    []int64       `json:"skipped_periods,omitempty"` // periods longer than half the rows
	Days       []DayStats    `json:"days"`
	// DaysChi2 tests that every day has the same fraud rate (reported, not a failure: the
	// calendar moves fraud pressure from day to day).
	DaysChi2 float64 `json:"days_chi2"`
	DaysDF   int     `json:"days_df"`
	DaysP    float64 `json:"days_p"`
}

// PeriodStats is the fraud rate by decile of (row index mod Period).
type PeriodStats struct {
	Period int64      `json:"period"`
	Bins   []BinStats `json:"bins"`
	// Head and Tail are the first and the last Period/32 positions of every period.
	Head        BinStats `json:"head"`
	Tail        BinStats `json:"tail"`
	MaxMinRatio *float64 `json:"max_min_ratio"` // highest over lowest decile rate; null if one is 0
	Chi2        float64  `json:"chi2"`
	DF          int      `json:"df"`
	P           float64  `json:"p"`
	Fails       bool     `json:"fails"`
}

// BinStats counts the rows of one group of positions; Expected is the fraud count its
// rows' UTC days and hours of day predict (the day's rate times the hour's factor).
type BinStats struct {
	Rows     int64   `json:"rows"`
	Fraud    int64   `json:"fraud"`
	Rate     float64 `json:"rate"`
	Expected float64 `json:"expected,omitempty"`
}

// DayStats is the fraud rate of one UTC day.
type DayStats struct {
	Day   string  `json:"day"` // 2025-05-01
	Rows  int64   `json:"rows"`
	Fraud int64   `json:"fraud"`
	Rate  float64 `json:"rate"`
}
