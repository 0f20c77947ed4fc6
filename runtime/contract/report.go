package contract

import (
	"encoding/json"
	"io"
)

// Report is the outcome of validating one file.
type Report struct {
	File       string            `json:"file"`
	Table      string            `json:"table"`
	Success    bool              `json:"success"`
	Statistics Statistics        `json:"statistics"`
	FileInfo   FileInfo          `json:"file_info"`
	Schema     SchemaReport      `json:"schema"`
	Results    []Result          `json:"results"`
	ElapsedMS  float64           `json:"elapsed_ms"`
	Metadata   map[string]string `json:"metadata,omitempty"`
}

// Statistics counts rows, columns and expectation outcomes.
type Statistics struct {
	Rows         int64   `json:"rows"`
	Columns      int     `json:"columns"`
	Expectations int     `json:"expectations"`
	Evaluated    int     `json:"evaluated"`
	Passed       int     `json:"passed"`
	Failed       int     `json:"failed"`        // error-severity expectations that failed or could not be evaluated
	Warnings     int     `json:"warnings"`      // warning-severity expectations that failed or could not be evaluated
	NotEvaluated int     `json:"not_evaluated"` // expectations on absent or mistyped columns
	SuccessPct   float64 `json:"success_percent"`
}

// FileInfo describes the Parquet file.
type FileInfo struct {
	SizeBytes   int64  `json:"size_bytes"`
	RowGroups   int    `json:"row_groups"`
	Compression string `json:"compression"`
	CreatedBy   string `json:"created_by,omitempty"`
}

// SchemaReport compares the file's columns with the contract's.
type SchemaReport struct {
	Checked bool          `json:"checked"`
	Success bool          `json:"success"`
	Issues  []SchemaIssue `json:"issues"`
	// Warnings are compatible differences: a column OPTIONAL in the file where the
	// contract says REQUIRED (DuckDB, Spark and pandas write every column OPTIONAL).
	// Its data is validated, and the not-null checks catch real nulls.
	Warnings []SchemaIssue `json:"warnings,omitempty"`
}

// SchemaIssue is one schema difference.
type SchemaIssue struct {
	Column   string `json:"column"`
	Problem  string `json:"problem"` // missing, extra, type, nullability, order
	Expected string `json:"expected,omitempty"`
	Observed string `json:"observed,omitempty"`
}

// Result is the outcome of one expectation.
type Result struct {
	Name        string `json:"name"`
	Expectation string `json:"expectation"`
	Kind        string `json:"kind"`
	Column      string `json:"column,omitempty"`
	Other       string `json:"other,omitempty"`
	Severity    string `json:"severity"`
	Source      string `json:"source,omitempty"`
	Success     bool   `json:"success"`
	Evaluated   bool   `json:"evaluated"`
	// Reason explains why an expectation was not evaluated.
	Reason string `json:"reason,omitempty"`
	// Observed is a readable observed value ("null rate 5.1%", "min 0.01, max 931.5").
	Observed string `json:"observed,omitempty"`
	// ObservedValue is the single number an aggregate check compared, when there is one.
	ObservedValue *float64 `json:"observed_value,omitempty"`
	// ElementCount is the number of values checked (non-null values, or rows).
	ElementCount      int64    `json:"element_count"`
	UnexpectedCount   int64    `json:"unexpected_count"`
	UnexpectedPercent float64  `json:"unexpected_percent"`
	UnexpectedSamples []string `json:"unexpected_samples"`
}

// WriteJSON writes reports as indented JSON: the Report itself for one file, and
// {"success": ..., "reports": [...]} for several.
func WriteJSON(w io.Writer, reports ...*Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if len(reports) == 1 {
		return enc.Encode(reports[0])
	}
	all := struct {
		Success bool      `json:"success"`
		Reports []*Report `json:"reports"`
	}{Success: true, Reports: reports}
	if all.Reports == nil {
		all.Reports = []*Report{}
	}
	for _, r := range reports {
		all.Success = all.Success && r.Success
	}
	return enc.Encode(all)
}
