package profile

// pageCSS is the whole style sheet, inlined in the report.
const pageCSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2330;background:#f4f5f7}
header{background:#1d2330;color:#fff;padding:14px 24px;position:sticky;top:0;z-index:2}
header h1{margin:0;font-size:18px;font-weight:600}
header nav{margin-top:6px}
header nav a{color:#b9c6dd;margin-right:16px;text-decoration:none;font-size:13px}
header nav a:hover{color:#fff}
main{max-width:1320px;margin:0 auto;padding:8px 24px 48px}
section{background:#fff;border-radius:8px;padding:16px 20px;margin:18px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{margin:0 0 12px;font-size:17px}
h3{margin:0;font-size:15px}
h4{margin:14px 0 6px;font-size:13px;color:#444}
table{border-collapse:collapse;font-size:13px}
td,th{padding:3px 10px 3px 0;text-align:left;vertical-align:top}
th{color:#5b6272;font-weight:500}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:6px 28px}
.kv td:first-child{color:#5b6272;padding-right:14px;white-space:nowrap}
.kv td:last-child{font-variant-numeric:tabular-nums;word-break:break-all}
.var{border-top:1px solid #e3e5ea;padding:14px 0}
.var:first-of-type{border-top:0}
.var .head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap;margin-bottom:8px}
.var .body{display:grid;grid-template-columns:minmax(260px,360px) 1fr;gap:18px}
@media (max-width:900px){.var .body{grid-template-columns:1fr}}
.badge{display:inline-block;font-size:11px;padding:1px 7px;border-radius:10px;background:#e6ebf4;color:#34435e}
.badge.warn{background:#fde7c8;color:#7a4b00}
.badge.bad{background:#f9d2d3;color:#8a1c22}
.muted{color:#6b7280;font-size:12px}
.alerts td{padding:4px 12px 4px 0}
.chart{width:100%;max-width:520px;height:auto;display:block}
.heat{width:100%;height:auto}
.ax{font-size:10px;fill:#5b6272}
.cv{font-size:9px}
.bars td{padding:2px 8px 2px 0}
.bar{height:12px;background:#4c78a8;border-radius:2px;min-width:1px}
.bar.f{background:#d6454b}
.barcell{width:180px}
.scroll{overflow-x:auto}
.sample td,.sample th{white-space:nowrap;border-bottom:1px solid #eef0f3;padding:3px 12px 3px 0;font-size:12px}
.null{color:#b0b5bf;font-style:italic}
.big{font-size:22px;font-weight:600}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:10px 24px}
details summary{cursor:pointer;color:#34435e;margin:6px 0}
`
