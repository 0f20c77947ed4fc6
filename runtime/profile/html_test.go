package profile

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sectionIDs are the ids of the report's main sections.
var sectionIDs = []string{"overview", "alerts", "columns", "correlations", "fraud", "sample", "methods"}

// maxHTMLBytes is the size limit of the report (the issue asks ≤ 5 MB at 1 M rows).
const maxHTMLBytes = 5 << 20

func renderHTML(t *testing.T, p *Profile) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, p.WriteHTML(&b))
	return b.String()
}

func TestHTMLSelfContained(t *testing.T) {
	rows := genPayments(5000, 21)
	path := filepath.Join(t.TempDir(), "payments.parquet")
	require.NoError(t, writeParquet(path, rows, 0))
	p, err := Run(path, testSpec(), Options{})
	require.NoError(t, err)
	html := renderHTML(t, p)

	assert.Less(t, len(html), maxHTMLBytes)
	lower := strings.ToLower(html)
	assert.NotContains(t, lower, "http://")
	assert.NotContains(t, lower, "https://")
	assert.NotContains(t, lower, "<script")
	assert.NotContains(t, lower, "<link")
	assert.NotContains(t, lower, "<img")
	assert.NotRegexp(t, regexp.MustCompile(`(?i)url\(`), html, "no CSS url() either")
	assert.True(t, strings.HasPrefix(html, "<!DOCTYPE html>"))
	for _, id := range sectionIDs {
		assert.Contains(t, html, `id="`+id+`"`)
	}
	for _, c := range p.Columns {
		assert.Contains(t, html, `id="`+anchor("col-", c.Name)+`"`)
	}
	assert.Contains(t, html, "<style>")
	assert.Greater(t, strings.Count(html, "<svg"), 15)
	// Every alert message and the fraud rate are in the page.
	for _, a := range p.Alerts {
		assert.Contains(t, html, esc(a.Message))
	}
	assert.Contains(t, html, fmtPct(p.Target.Rate))
}

type evilRow struct {
	Name  string  `parquet:"name"`
	Other *string `parquet:"other<i>,optional"`
}

func TestHTMLEscapesData(t *testing.T) {
	evil := `<script>alert("x")</script>&<img src=http://x>`
	rows := []evilRow{{Name: evil}, {Name: "plain"}, {Name: evil}}
	path := filepath.Join(t.TempDir(), "evil.parquet")
	require.NoError(t, writeParquet(path, rows, 0))
	p, err := Run(path, nil, Options{})
	require.NoError(t, err)
	assert.Nil(t, p.Target)
	html := renderHTML(t, p)
	assert.NotContains(t, html, "<script")
	assert.NotContains(t, html, "<img")
	assert.NotContains(t, html, "<i>")
	assert.Contains(t, html, "&lt;script&gt;")
	for _, id := range []string{"overview", "alerts", "columns", "sample", "methods"} {
		assert.Contains(t, html, `id="`+id+`"`)
	}
}
