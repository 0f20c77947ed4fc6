package profile

import (
	"html"
	"math"
	"strconv"
	"strings"
)

// esc escapes text for HTML element content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// fmtInt renders 1234567 as "1,234,567".
func fmtInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// fmtNum renders a float with about 4 significant digits, grouping the
// integer part of large values.
func fmtNum(x float64) string {
	switch {
	case math.IsNaN(x):
		return "–"
	case math.IsInf(x, 0):
		if x > 0 {
			return "∞"
		}
		return "-∞"
	case x == math.Trunc(x) && math.Abs(x) < 1e15:
		return fmtInt(int64(x))
	case math.Abs(x) >= 1e6 && math.Abs(x) < 1e15:
		return fmtInt(int64(math.Round(x)))
	case math.Abs(x) >= 1000:
		return fmtInt(int64(x)) + strings.TrimRight(strings.TrimRight(strconv.FormatFloat(math.Abs(x-math.Trunc(x)), 'f', 2, 64)[1:], "0"), ".")
	case math.Abs(x) < 1e-4:
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

func fmtPtr(x *float64) string {
	if x == nil {
		return "–"
	}
	return fmtNum(*x)
}

// fmtPct renders a share as a percentage with a precision fitting its size.
func fmtPct(p float64) string {
	v := 100 * p
	switch {
	case v == 0:
		return "0 %"
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64) + " %"
	case v >= 0.1:
		return strconv.FormatFloat(v, 'f', 2, 64) + " %"
	}
	return strconv.FormatFloat(v, 'f', 3, 64) + " %"
}

// fmtBytes renders a size in B, KB, MB or GB.
func fmtBytes(n int64) string {
	f := float64(n)
	for _, u := range []string{"B", "KB", "MB", "GB"} {
		if f < 1024 || u == "GB" {
			if u == "B" {
				return strconv.FormatInt(n, 10) + " B"
			}
			return strconv.FormatFloat(f, 'f', 1, 64) + " " + u
		}
		f /= 1024
	}
	return ""
}

// trunc shortens s to n runes with an ellipsis.
func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// anchor makes an id from a column name.
func anchor(prefix, name string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, c := range name {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' {
			b.WriteRune(c)
		} else {
			b.WriteString("_" + strconv.Itoa(int(c)))
		}
	}
	return b.String()
}
