package main

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// thousands is a number with commas as thousands separators (1,000,000 or 1,500k),
// the only place parseCount accepts a comma: "1,5M" is not 15M.
var thousands = regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?[kKmMbBgG]?$`)

// parseCount reads a row count: 1000000, 1_000_000, 1,000,000, 10k, 2.5M, 1e6.
func parseCount(s string) (int64, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	if strings.Contains(t, ",") {
		if !thousands.MatchString(t) {
			return 0, fmt.Errorf("%q is not a row count: a comma may only separate thousands (1,000,000); write 1.5M for a million and a half", s)
		}
		t = strings.ReplaceAll(t, ",", "")
	}
	mult := 1.0
	switch {
	case strings.HasSuffix(t, "k"), strings.HasSuffix(t, "K"):
		mult, t = 1e3, t[:len(t)-1]
	case strings.HasSuffix(t, "M"), strings.HasSuffix(t, "m"):
		mult, t = 1e6, t[:len(t)-1]
	case strings.HasSuffix(t, "B"), strings.HasSuffix(t, "G"):
		mult, t = 1e9, t[:len(t)-1]
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a row count (examples: 1000000, 1_000_000, 10k, 2.5M)", s)
	}
	v := f * mult
	if v != math.Trunc(v) || v < 1 || v > 1e12 {
		return 0, fmt.Errorf("%q is not a whole number of rows between 1 and 10^12", s)
	}
	return int64(v), nil
}

// parseBytes reads a size such as 128MB, 64MiB, 1G or 4096.
func parseBytes(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	units := []struct {
		suffix string
		mult   float64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"B", 1}}
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			mult, t = u.mult, strings.TrimSpace(strings.TrimSuffix(t, u.suffix))
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || !(f > 0) || math.IsInf(f, 0) { // !(f > 0) also refuses NaN
		return 0, fmt.Errorf("%q is not a size (examples: 128MB, 64MiB, 1GB)", s)
	}
	if f*mult > 1<<50 { // 1 PiB: beyond any file, and far from int64 overflow
		return 0, fmt.Errorf("%q is too large a size (at most 1PiB)", s)
	}
	return int64(f * mult), nil
}

// commas formats n with thousands separators.
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// megabytes formats a byte count in MB (10^6), one decimal.
func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// plural is "1 row", "2 rows": n with its noun, made plural by an s unless n is 1.
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return commas(n) + " " + noun + "s"
}

// rowRate formats a throughput: "12,345 rows/s" below a million rows a second,
// "2.4 M rows/s" from there on.
func rowRate(rows int64, d time.Duration) string {
	if d <= 0 {
		d = time.Nanosecond
	}
	r := float64(rows) / d.Seconds()
	if r < 1e6 {
		return commas(int64(math.Round(r))) + " rows/s"
	}
	return fmt.Sprintf("%.1f M rows/s", r/1e6)
}
