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
	// Boosted is the gradient-boosted baseline on the same features (null without a model).
	Boosted *BoostedReport `json:"boosted,omitempty"`
	// Footprints holds the mean of every model feature (in FeatureNames order) over the
	// non-fraud rows and over each scenario's rows, all splits: the signal each leaves.
	Footprints []Footprint     `json:"footprints"`
	Scenarios  []ScenarioStats `json:"scenarios"`
	Weeks      []WeekStats     `json:"weeks"`
	Columns    []ColumnReport  `json:"columns"`
	Unchecked  []string        `json:"unchecked_columns,omitempty"`
	LabelGaps  LabelGaps       `json:"label_gaps"`
	Verdict    Verdict         `json:"verdict"`
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
	// BoostedTestROCAUC is the same for the gradient-boosted baseline.
	BoostedTestROCAUC *float64 `json:"boosted_test_roc_auc,omitempty"`
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

// Verdict is the outcome: Pass when ROC-AUC lies within [MinAUC, MaxAUC] and no raw column
// separates the classes better than LeakAUC. Reasons say what failed.
type Verdict struct {
	Pass    bool     `json:"pass"`
	MinAUC  float64  `json:"min_auc"`
	MaxAUC  float64  `json:"max_auc"`
	LeakAUC float64  `json:"leak_auc"`
	Leaks   []string `json:"leaks"`
	Reasons []string `json:"reasons"`
}
