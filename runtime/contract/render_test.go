package contract_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/colscan/colscantest"
	"github.com/paygen/paygen/runtime/contract"
)

func brokenReport(t *testing.T) *contract.Report {
	return validate(t, writePayments(t, func(i int, p *colscantest.Payment) {
		if i == 5 {
			p.CardType = "<script>alert(1)</script>"
		}
	}), payments())
}

func TestJSONReportShape(t *testing.T) {
	rep := brokenReport(t)
	var buf strings.Builder
	require.NoError(t, contract.WriteJSON(&buf, rep))
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(buf.String()), &doc))

	for _, k := range []string{"file", "table", "success", "statistics", "file_info", "schema", "results", "elapsed_ms", "metadata"} {
		assert.Contains(t, doc, k)
	}
	assert.Equal(t, false, doc["success"])
	assert.Equal(t, "payments", doc["table"])
	stats := doc["statistics"].(map[string]any)
	for _, k := range []string{"rows", "columns", "expectations", "evaluated", "passed", "failed", "warnings", "not_evaluated", "success_percent"} {
		assert.Contains(t, stats, k)
	}
	assert.EqualValues(t, testRows, stats["rows"])
	assert.EqualValues(t, 1, stats["failed"])
	assert.Equal(t, map[string]any{"checked": true, "success": true, "issues": []any{}}, doc["schema"])
	assert.Equal(t, "2025-05-29", doc["metadata"].(map[string]any)["paygen.date"])

	results := doc["results"].([]any)
	require.Len(t, results, len(rep.Results))
	var failed map[string]any
	for _, r := range results {
		m := r.(map[string]any)
		for _, k := range []string{"name", "expectation", "kind", "severity", "success", "evaluated", "observed", "element_count", "unexpected_count", "unexpected_percent", "unexpected_samples"} {
			assert.Contains(t, m, k, m["name"])
		}
		if m["success"] == false {
			failed = m
		}
	}
	require.NotNil(t, failed)
	assert.Equal(t, "card_type.in_set", failed["name"])
	assert.Equal(t, "in_set", failed["kind"])
	assert.Equal(t, "error", failed["severity"])
	assert.EqualValues(t, 1, failed["unexpected_count"])
	assert.InDelta(t, 100.0/testRows, failed["unexpected_percent"], 1e-12)
	assert.Equal(t, []any{"<script>alert(1)</script>"}, failed["unexpected_samples"])

	// Several files: one object with the overall verdict.
	buf.Reset()
	good := validate(t, writePayments(t, nil), payments())
	require.NoError(t, contract.WriteJSON(&buf, good, rep))
	var multi struct {
		Success bool              `json:"success"`
		Reports []json.RawMessage `json:"reports"`
	}
	require.NoError(t, json.Unmarshal([]byte(buf.String()), &multi))
	assert.False(t, multi.Success)
	assert.Len(t, multi.Reports, 2)
}

func TestTextReport(t *testing.T) {
	rep := brokenReport(t)
	var buf strings.Builder
	require.NoError(t, contract.WriteText(&buf, rep))
	out := buf.String()
	assert.Contains(t, out, "FAILED (1 error)")
	assert.Contains(t, out, "4000 rows, 24 columns, 2 row groups, SNAPPY")
	assert.Contains(t, out, "schema: OK (payments)")
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "card_type in") {
			line = l
		}
	}
	assert.Regexp(t, `^\s+FAIL\s+card_type in \{credit, debit, prepaid\}\s+4000 values checked\s+1 \(0\.025%\)\s+<script>`, line)
	assert.Contains(t, out, "52 expectations: 52 evaluated, 51 passed, 1 failed, 0 warnings, 0 not evaluated")
}

func TestHTMLReportIsSelfContained(t *testing.T) {
	rep := brokenReport(t)
	var buf strings.Builder
	require.NoError(t, contract.WriteHTML(&buf, rep))
	page := buf.String()
	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>"))
	assert.Contains(t, page, "<style>")
	for _, ext := range []string{"http://", "https://", "<script", "<link", "src="} {
		assert.NotContains(t, page, ext)
	}
	assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;", "sample values are escaped")
	assert.Contains(t, page, "card_type in {credit, debit, prepaid}")
	assert.Contains(t, page, `<span class="badge fail">FAIL</span>`)
	assert.Equal(t, 51, strings.Count(page, `<span class="badge pass">PASS</span>`))
}
