package profile

import (
	"fmt"
	"math"
	"strings"
)

// Inline SVG charts. Every chart has a fixed viewBox and scales to its box;
// text uses the page font. Bars carry <title> tooltips with exact figures.

const (
	colBar   = "#4c78a8"
	colFraud = "#d6454b"
	colAxis  = "#8a8f98"
)

type bar struct {
	label string  // x label (may be empty)
	value float64 // bar height
	tip   string  // tooltip
	lo    float64 // optional whisker (NaN = none)
	hi    float64
}

// barsSVG draws vertical bars with every `every`-th label under the axis.
func barsSVG(bars []bar, width, height int, color string, every int, yFmt func(float64) string, ref float64) string {
	if len(bars) == 0 {
		return ""
	}
	const left, bottom, top = 46, 18, 8
	plotW := float64(width - left - 4)
	plotH := float64(height - bottom - top)
	var maxV float64
	for _, b := range bars {
		maxV = math.Max(maxV, b.value)
		if !math.IsNaN(b.hi) {
			maxV = math.Max(maxV, b.hi)
		}
	}
	if !math.IsNaN(ref) {
		maxV = math.Max(maxV, ref)
	}
	if maxV <= 0 {
		maxV = 1
	}
	y := func(v float64) float64 { return float64(top) + plotH*(1-v/maxV) }
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %d %d" role="img">`, width, height)
	fmt.Fprintf(&s, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="0.5"/>`, left, y(0), width-4, y(0), colAxis)
	fmt.Fprintf(&s, `<text x="%d" y="%.1f" class="ax" text-anchor="end">%s</text>`, left-4, y(maxV)+4, esc(yFmt(maxV)))
	fmt.Fprintf(&s, `<text x="%d" y="%.1f" class="ax" text-anchor="end">0</text>`, left-4, y(0))
	bw := plotW / float64(len(bars))
	gap := math.Min(2, bw*0.15)
	for i, b := range bars {
		x := float64(left) + float64(i)*bw
		top := y(b.value)
		fmt.Fprintf(&s, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`,
			x+gap/2, top, math.Max(bw-gap, 0.5), y(0)-top, color, esc(b.tip))
		if !math.IsNaN(b.lo) && !math.IsNaN(b.hi) {
			cx := x + bw/2
			fmt.Fprintf(&s, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222" stroke-width="1"/>`, cx, y(b.lo), cx, y(b.hi))
		}
		if b.label != "" && every > 0 && i%every == 0 {
			fmt.Fprintf(&s, `<text x="%.1f" y="%d" class="ax" text-anchor="middle">%s</text>`, x+bw/2, height-5, esc(b.label))
		}
	}
	if !math.IsNaN(ref) {
		fmt.Fprintf(&s, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#222" stroke-dasharray="4 3" stroke-width="1"><title>overall %s</title></line>`,
			left, y(ref), width-4, y(ref), esc(yFmt(ref)))
	}
	s.WriteString(`</svg>`)
	return s.String()
}

// histogramSVG draws a numeric histogram.
func histogramSVG(h Histogram, scale int) string {
	if len(h.Counts) == 0 {
		return ""
	}
	bars := make([]bar, len(h.Counts))
	every := len(h.Counts) / 5
	for i, c := range h.Counts {
		lo, hi := h.Edges[i], h.Edges[i+1]
		bars[i] = bar{value: float64(c), lo: math.NaN(), hi: math.NaN(),
			tip: fmt.Sprintf("%s – %s: %s rows", short(lo, scale), short(hi, scale), fmtInt(c))}
		if every > 0 && i%every == 0 {
			bars[i].label = fmtNum(lo)
		}
	}
	return barsSVG(bars, 420, 150, colBar, max(every, 1), func(v float64) string { return fmtInt(int64(v)) }, math.NaN())
}

// countsSVG draws counts per label (days, hours).
func countsSVG(labels []string, counts []int64, every int, width int) string {
	bars := make([]bar, len(counts))
	for i, c := range counts {
		bars[i] = bar{label: labels[i], value: float64(c), lo: math.NaN(), hi: math.NaN(),
			tip: fmt.Sprintf("%s: %s rows", labels[i], fmtInt(c))}
	}
	return barsSVG(bars, width, 130, colBar, every, func(v float64) string { return fmtInt(int64(v)) }, math.NaN())
}

// rateSVG draws fraud rates with Wilson 95 % whiskers and the overall rate.
func rateSVG(gs []Group, base float64, width int, every int) string {
	bars := make([]bar, len(gs))
	for i, g := range gs {
		bars[i] = bar{label: g.Value, value: g.Rate, lo: g.CILow, hi: g.CIHigh,
			tip: fmt.Sprintf("%s: %s fraud of %s rows = %s (95 %% CI %s – %s), lift %.2f",
				g.Value, fmtInt(g.Fraud), fmtInt(g.Rows), fmtPct(g.Rate), fmtPct(g.CILow), fmtPct(g.CIHigh), g.Lift)}
	}
	return barsSVG(bars, width, 150, colFraud, every, fmtPct, base)
}

// rateHSVG draws fraud rates as horizontal bars, one row per group, with
// Wilson 95 % whiskers and the overall rate as a dashed line.
func rateHSVG(gs []Group, base float64, width int) string {
	if len(gs) == 0 {
		return ""
	}
	const label, right, rowH, top = 130, 64, 18, 4
	height := top + rowH*len(gs) + 16
	plotW := float64(width - label - right)
	maxV := base
	for _, g := range gs {
		maxV = math.Max(maxV, math.Max(g.Rate, g.CIHigh))
	}
	if maxV <= 0 {
		maxV = 1
	}
	x := func(v float64) float64 { return float64(label) + plotW*v/maxV }
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %d %d" role="img">`, width, height)
	for i, g := range gs {
		y := float64(top + i*rowH)
		fmt.Fprintf(&s, `<text x="%d" y="%.1f" class="ax" text-anchor="end">%s</text>`, label-6, y+12, esc(trunc(g.Value, 22)))
		fmt.Fprintf(&s, `<rect x="%d" y="%.1f" width="%.1f" height="%d" fill="%s"><title>%s: %s fraud of %s rows = %s (95 %% CI %s – %s), lift %.2f</title></rect>`,
			label, y+3, x(g.Rate)-float64(label), rowH-6, colFraud, esc(g.Value), fmtInt(g.Fraud), fmtInt(g.Rows), fmtPct(g.Rate), fmtPct(g.CILow), fmtPct(g.CIHigh), g.Lift)
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222" stroke-width="1"/>`, x(g.CILow), y+rowH/2, x(g.CIHigh), y+rowH/2)
		fmt.Fprintf(&s, `<text x="%d" y="%.1f" class="ax">%s</text>`, width-right+6, y+12, esc(fmtPct(g.Rate)))
	}
	bottom := float64(top + rowH*len(gs))
	fmt.Fprintf(&s, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f" stroke="#222" stroke-dasharray="4 3"><title>overall %s</title></line>`, x(base), top, x(base), bottom, esc(fmtPct(base)))
	fmt.Fprintf(&s, `<text x="%.1f" y="%.1f" class="ax" text-anchor="middle">overall %s</text>`, x(base), bottom+12, esc(fmtPct(base)))
	s.WriteString(`</svg>`)
	return s.String()
}

// heatColor maps a coefficient in [-1, 1] to a diverging colour.
func heatColor(v float64) string {
	v = math.Max(-1, math.Min(1, v))
	// white → blue for positive, white → red for negative
	r, g, b := 255.0, 255.0, 255.0
	if v >= 0 {
		r, g, b = 255-v*(255-33), 255-v*(255-102), 255-v*(255-172)
	} else {
		a := -v
		r, g, b = 255-a*(255-178), 255-a*(255-24), 255-a*(255-43)
	}
	return fmt.Sprintf("#%02x%02x%02x", int(r), int(g), int(b))
}

// heatmapSVG draws the association matrix.
func heatmapSVG(c *Correlations, methodOf func(a, b int) string) string {
	n := len(c.Columns)
	cell := 26
	if n > 20 {
		cell = 20
	}
	label := 140
	size := label + n*cell + 8
	width := size + 90 // room for the rotated labels of the last columns
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="heat" viewBox="0 0 %d %d" role="img" style="max-width:%dpx">`, width, size, width)
	for i, name := range c.Columns {
		y := label + i*cell + cell/2 + 4
		fmt.Fprintf(&s, `<text x="%d" y="%d" class="ax" text-anchor="end">%s</text>`, label-4, y, esc(trunc(name, 22)))
		x := label + i*cell + cell/2 + 4
		fmt.Fprintf(&s, `<text x="%d" y="%d" class="ax" text-anchor="start" transform="rotate(-60 %d %d)">%s</text>`, x, label-4, x, label-4, esc(trunc(name, 22)))
	}
	for i := range c.Matrix {
		for j, v := range c.Matrix[i] {
			x, y := label+j*cell, label+i*cell
			if v == nil {
				fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" fill="#eee"><title>%s × %s: not computed</title></rect>`,
					x, y, cell-1, cell-1, esc(c.Columns[i]), esc(c.Columns[j]))
				continue
			}
			fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"><title>%s × %s: %s %.3f</title></rect>`,
				x, y, cell-1, cell-1, heatColor(*v), esc(c.Columns[i]), esc(c.Columns[j]), esc(methodOf(i, j)), *v)
			if cell >= 24 && i != j {
				tc := "#222"
				if math.Abs(*v) > 0.6 {
					tc = "#fff"
				}
				fmt.Fprintf(&s, `<text x="%d" y="%d" class="cv" fill="%s" text-anchor="middle">%s</text>`,
					x+cell/2, y+cell/2+3, tc, corrText(*v))
			}
		}
	}
	s.WriteString(`</svg>`)
	return s.String()
}

// corrText prints a coefficient in a heatmap cell: ".42", "-.42", "1".
func corrText(v float64) string {
	t := fmt.Sprintf("%.2f", v)
	switch t {
	case "1.00":
		return "1"
	case "-1.00":
		return "-1"
	case "-0.00":
		return ".00"
	}
	t = strings.Replace(t, "0.", ".", 1)
	return t
}
