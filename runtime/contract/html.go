package contract

import (
	"html/template"
	"io"
	"strings"
	"time"
)

// WriteHTML writes one self-contained HTML page (inline CSS, no scripts, no external
// URLs) with the reports of one or more files.
func WriteHTML(w io.Writer, reports ...*Report) error {
	ok := true
	for _, r := range reports {
		ok = ok && r.Success
	}
	return htmlPage.Execute(w, map[string]any{
		"Reports":   reports,
		"Success":   ok,
		"Generated": time.Now().UTC().Format(time.RFC3339),
	})
}

var htmlPage = template.Must(template.New("page").Funcs(template.FuncMap{
	"lower": strings.ToLower,
	"join":  strings.Join,
	"human": humanBytes,
	"ms":    humanMS,
	"num":   num,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paygen validate — {{if .Success}}passed{{else}}failed{{end}}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:14px 24px}
header h1{font-size:18px;margin:0}
main{padding:16px 24px;max-width:1400px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:0 0 20px;padding:14px 18px}
h2{font-size:16px;margin:0 0 6px;word-break:break-all}
.meta{color:#5b6474;margin:0 0 10px}
.badge{display:inline-block;border-radius:4px;padding:1px 8px;font-weight:600;font-size:12px}
.pass{background:#e3f5e8;color:#17692f}.fail{background:#fde7e7;color:#a11d1d}
.warn{background:#fff4d6;color:#7a5600}.skip{background:#eceff3;color:#4a5261}
.stats{display:flex;gap:10px;flex-wrap:wrap;margin:8px 0 12px}
.stat{border:1px solid #dde1e7;border-radius:6px;padding:6px 12px;min-width:90px}
.stat b{display:block;font-size:18px}
table{border-collapse:collapse;width:100%;margin-top:6px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eceff3;vertical-align:top}
th{background:#f0f2f5;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#4a5261}
td.num{text-align:right;white-space:nowrap}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f0f2f5;padding:1px 4px;border-radius:3px}
.src{color:#8a92a1;font-size:12px}
</style>
</head>
<body>
<header><h1>paygen validate — <span class="badge {{if .Success}}pass{{else}}fail{{end}}">{{if .Success}}PASSED{{else}}FAILED{{end}}</span></h1></header>
<main>
{{range .Reports}}
<section>
<h2>{{.File}} <span class="badge {{if .Success}}pass{{else}}fail{{end}}">{{.Verdict}}</span></h2>
<p class="meta">table {{.Table}} · {{.FileInfo.RowGroups}} row groups · {{.FileInfo.Compression}} · {{human .FileInfo.SizeBytes}} · validated in {{ms .ElapsedMS}}{{with .FileInfo.CreatedBy}} · written by {{.}}{{end}}</p>
<div class="stats">
<div class="stat">rows<b>{{.Statistics.Rows}}</b></div>
<div class="stat">columns<b>{{.Statistics.Columns}}</b></div>
<div class="stat">expectations<b>{{.Statistics.Expectations}}</b></div>
<div class="stat">passed<b>{{.Statistics.Passed}}</b></div>
<div class="stat">failed<b>{{.Statistics.Failed}}</b></div>
<div class="stat">warnings<b>{{.Statistics.Warnings}}</b></div>
<div class="stat">not evaluated<b>{{.Statistics.NotEvaluated}}</b></div>
<div class="stat">success<b>{{num .Statistics.SuccessPct}}%</b></div>
</div>
<h3>Schema {{if not .Schema.Checked}}<span class="badge skip">not checked</span>{{else if .Schema.Success}}<span class="badge pass">OK</span>{{else}}<span class="badge fail">{{len .Schema.Issues}} issues</span>{{end}}</h3>
{{if .Schema.Issues}}<table><tr><th>problem</th><th>column</th><th>expected</th><th>found</th></tr>
{{range .Schema.Issues}}<tr><td>{{.Problem}}</td><td><code>{{.Column}}</code></td><td>{{.Expected}}</td><td>{{.Observed}}</td></tr>
{{end}}</table>{{end}}
{{if .Schema.Warnings}}<h3>Schema warnings <span class="badge warn">{{len .Schema.Warnings}}</span></h3><table><tr><th>problem</th><th>column</th><th>expected</th><th>found</th></tr>
{{range .Schema.Warnings}}<tr><td>{{.Problem}}</td><td><code>{{.Column}}</code></td><td>{{.Expected}}</td><td>{{.Observed}}</td></tr>
{{end}}</table>{{end}}
<h3>Expectations</h3>
<table><tr><th>status</th><th>expectation</th><th>severity</th><th>observed</th><th>unexpected</th><th>samples</th></tr>
{{range .Results}}<tr><td><span class="badge {{lower .Status}}">{{.Status}}</span></td>
<td>{{.Expectation}}{{with .Source}}<div class="src">{{.}}</div>{{end}}</td>
<td>{{.Severity}}</td>
<td>{{if .Evaluated}}{{.Observed}}{{else}}not evaluated: {{.Reason}}{{end}}</td>
<td class="num">{{.Unexpected}}</td>
<td>{{range .UnexpectedSamples}}<code>{{.}}</code> {{end}}</td></tr>
{{end}}</table>
</section>
{{end}}
<p class="meta">Generated {{.Generated}} by paygen validate.</p>
</main>
</body>
</html>
`))
