package profile

import "github.com/paygen/paygen/runtime/realism"

// The JSON document. Every figure shown in the HTML comes from these types.
// Floats that are undefined (std of one value, AUC without positives) are
// written as null.

// FormatVersion identifies the JSON layout.
const FormatVersion = "paygen-profile/1"

// Profile is the result of Run.
type Profile struct {
	Format       string          `json:"format"`
	Overview     Overview        `json:"overview"`
	Alerts       []Alert         `json:"alerts"`
	Columns      []Column        `json:"columns"`
	Correlations *Correlations   `json:"correlations,omitempty"`
	Target       *TargetAnalysis `json:"target,omitempty"`
	// Realism is the local-habit scorecard of docs/realism.md, for a file
	// with the payments table's columns (on up to RealismRows rows).
	Realism *realism.Scorecard `json:"realism,omitempty"`
	Sample  Sample             `json:"sample"`
	Methods []Method           `json:"methods"`
}

// Overview is the dataset-level summary.
type Overview struct {
	File              string            `json:"file"`
	FileSize          int64             `json:"file_size"`
	Rows              int64             `json:"rows"`
	Columns           int               `json:"columns"`
	Cells             int64             `json:"cells"`
	MissingCells      int64             `json:"missing_cells"`
	MissingCellsPct   float64           `json:"missing_cells_pct"`
	DuplicateRows     int64             `json:"duplicate_rows"`
	DuplicateExact    bool              `json:"duplicate_rows_exact"`
	DuplicateSample   float64           `json:"duplicate_rows_sample_rate"`
	RowGroups         int               `json:"row_groups"`
	Compression       string            `json:"compression"`
	CreatedBy         string            `json:"created_by,omitempty"`
	Table             string            `json:"table,omitempty"`
	SchemaFingerprint string            `json:"schema_fingerprint,omitempty"`
	Seed              string            `json:"seed,omitempty"`
	Version           string            `json:"version,omitempty"`
	Date              string            `json:"date,omitempty"`
	Metadata          map[string]string `json:"metadata"`
	Kinds             map[string]int    `json:"kinds"`
	SpecMissing       []string          `json:"spec_columns_not_in_file,omitempty"`
}

// Alert is one finding, in the style of ydata-profiling.
type Alert struct {
	Type      string   `json:"type"`
	Columns   []string `json:"columns"`
	Value     float64  `json:"value"`
	Threshold float64  `json:"threshold"`
	Message   string   `json:"message"`
}

// Column is the profile of one column.
type Column struct {
	Name          string            `json:"name"`
	Type          string            `json:"type"` // Parquet type, e.g. "DECIMAL(12,2) required"
	Role          string            `json:"role"`
	Kind          string            `json:"kind"` // numeric, categorical, id, boolean, timestamp, unsupported
	Description   string            `json:"description,omitempty"`
	Count         int64             `json:"count"` // non-null values
	Missing       int64             `json:"missing"`
	MissingPct    float64           `json:"missing_pct"`
	Distinct      int64             `json:"distinct"`
	DistinctExact bool              `json:"distinct_exact"`
	DistinctPct   float64           `json:"distinct_pct"`
	Unique        bool              `json:"unique"`
	Numeric       *NumericStats     `json:"numeric,omitempty"`
	Categorical   *CategoricalStats `json:"categorical,omitempty"`
	Boolean       *BooleanStats     `json:"boolean,omitempty"`
	Timestamp     *TimestampStats   `json:"timestamp,omitempty"`
	Note          string            `json:"note,omitempty"`
}

// NumericStats summarises a numeric column (decimals in their real unit).
type NumericStats struct {
	Min       float64    `json:"min"`
	Max       float64    `json:"max"`
	Mean      float64    `json:"mean"`
	Std       *float64   `json:"std"`
	Skewness  *float64   `json:"skewness"`
	Kurtosis  *float64   `json:"kurtosis"`
	Sum       float64    `json:"sum"`
	Zeros     int64      `json:"zeros"`
	ZerosPct  float64    `json:"zeros_pct"`
	Negatives int64      `json:"negatives"`
	Infinite  int64      `json:"infinite"`
	NaN       int64      `json:"nan"`
	Quantiles []Quantile `json:"quantiles"`
	Histogram Histogram  `json:"histogram"`
}

// Quantile is the value at probability P (nearest rank).
type Quantile struct {
	P     float64 `json:"p"`
	Value float64 `json:"value"`
}

// Histogram has len(Edges) = len(Counts)+1 bin edges.
type Histogram struct {
	Edges  []float64 `json:"edges"`
	Counts []int64   `json:"counts"`
	Log    bool      `json:"log_scale"`
}

// CategoricalStats summarises a string column.
type CategoricalStats struct {
	Top        []ValueCount `json:"top"`
	TopExact   bool         `json:"top_exact"`
	TopErr     int64        `json:"top_max_undercount"`
	LenMin     int64        `json:"length_min"`
	LenMax     int64        `json:"length_max"`
	LenMean    float64      `json:"length_mean"`
	LenCounts  []int64      `json:"length_counts"` // index = byte length, last = longer
	Imbalance  float64      `json:"imbalance"`
	Categories int          `json:"categories_tracked"`
}

// ValueCount is one frequent value.
type ValueCount struct {
	Value string  `json:"value"`
	Count int64   `json:"count"`
	Pct   float64 `json:"pct"`
}

// BooleanStats summarises a boolean column.
type BooleanStats struct {
	True      int64   `json:"true"`
	False     int64   `json:"false"`
	TruePct   float64 `json:"true_pct"`
	Imbalance float64 `json:"imbalance"`
}

// TimestampStats summarises a timestamp column (UTC).
type TimestampStats struct {
	Min           string     `json:"min"`
	Max           string     `json:"max"`
	RangeSeconds  float64    `json:"range_seconds"`
	Days          []DayCount `json:"days"`
	DaysTruncated bool       `json:"days_truncated"`
	HourUTC       []int64    `json:"hour_utc"`
	HourLocal     []int64    `json:"hour_local,omitempty"`
	LocalFrom     string     `json:"local_from,omitempty"`
	LocalUnknown  int64      `json:"local_unknown,omitempty"`
}

// DayCount is the number of rows of one UTC day.
type DayCount struct {
	Day   string `json:"day"`
	Count int64  `json:"count"`
}

// Correlations holds pairwise association coefficients.
type Correlations struct {
	Columns []string     `json:"columns"`
	Matrix  [][]*float64 `json:"matrix"` // the heatmap: method chosen per type pair
	Pairs   []CorrPair   `json:"pairs"`
}

// CorrPair is one coefficient between two columns.
type CorrPair struct {
	A      string  `json:"a"`
	B      string  `json:"b"`
	Method string  `json:"method"` // pearson, spearman, cramers_v, correlation_ratio
	Value  float64 `json:"value"`
	N      int64   `json:"n"`
}

// TargetAnalysis is the fraud analysis against the target column.
type TargetAnalysis struct {
	Column      string       `json:"column"`
	Rows        int64        `json:"rows"`
	Positives   int64        `json:"positives"`
	Rate        float64      `json:"rate"`
	CILow       float64      `json:"ci_low"`
	CIHigh      float64      `json:"ci_high"`
	ByCategory  []Breakdown  `json:"by_category"`
	ByHour      []Breakdown  `json:"by_hour"`
	ByDecile    []Breakdown  `json:"by_decile"`
	ByScenario  *Breakdown   `json:"by_scenario,omitempty"`
	Features    []FeatureAUC `json:"features"`
	ScenarioOff int64        `json:"scenario_on_non_fraud_rows"`
	Skipped     []string     `json:"skipped,omitempty"`
}

// Breakdown is the fraud rate per group of one column.
type Breakdown struct {
	Column string  `json:"column"`
	Title  string  `json:"title"`
	Groups []Group `json:"groups"`
	Note   string  `json:"note,omitempty"`
}

// Group is the fraud rate of one group with its Wilson 95 % interval.
// For scenarios, Rate is the share of fraud rows with this scenario.
type Group struct {
	Value  string   `json:"value"`
	Rows   int64    `json:"rows"`
	Fraud  int64    `json:"fraud"`
	Rate   float64  `json:"rate"`
	CILow  float64  `json:"ci_low"`
	CIHigh float64  `json:"ci_high"`
	Lift   float64  `json:"lift"`
	Mean   *float64 `json:"mean_amount,omitempty"`
	Lo     *float64 `json:"lo,omitempty"`
	Hi     *float64 `json:"hi,omitempty"`
}

// FeatureAUC is the univariate ROC-AUC of one feature against the target.
type FeatureAUC struct {
	Column    string   `json:"column"`
	Method    string   `json:"method"` // value, target_rate
	AUC       *float64 `json:"auc"`
	AUCErr    float64  `json:"auc_max_error"`
	LiftTop10 *float64 `json:"lift_top10"`
	N         int64    `json:"n"`
}

// Sample is a deterministic sample of rows, formatted as text (null = nil).
type Sample struct {
	Columns []string    `json:"columns"`
	RowIdx  []int64     `json:"row_index"`
	Rows    [][]*string `json:"rows"`
}

// Method documents how a figure was computed and its error bound.
type Method struct {
	Figure string `json:"figure"`
	How    string `json:"how"`
}
