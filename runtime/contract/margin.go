package contract

import (
	"fmt"
	"math"
)

// marginZ is how many binomial standard errors a rate band is widened by.
// A rate band (null_rate, true_rate) states the rate the data is generated
// with; a file of n rows observes it with a sampling error of about
// sqrt(p(1-p)/n). Widening each end by marginZ standard errors keeps small
// files of a correct generator from failing (a false alarm has probability
// below 1e-4 per end) while at 1 M rows the band moves by about 0.1 pp.
const marginZ = 4

// rateBand returns the band [lo, hi] widened for a sample of n rows, clamped
// to [0, 1]; open ends (NaN) stay open.
func rateBand(lo, hi float64, n int64) (float64, float64) {
	if n <= 0 {
		return lo, hi
	}
	se := func(p float64) float64 { return marginZ * math.Sqrt(p*(1-p)/float64(n)) }
	if !math.IsNaN(lo) {
		lo = math.Max(0, lo-se(lo))
	}
	if !math.IsNaN(hi) {
		hi = math.Min(1, hi+se(hi))
	}
	return lo, hi
}

// marginNote tells the reader the band a rate was checked against when the
// sampling margin widened it by at least 0.01 percentage points.
func marginNote(e Expectation, lo, hi float64, n int64) string {
	widened := func(a, b float64) bool { return !math.IsNaN(a) && math.Abs(a-b) >= 1e-4 }
	if n <= 0 || !(widened(e.lo(), lo) || widened(e.hi(), hi)) {
		return ""
	}
	pctText := func(v float64, open string) string {
		if math.IsNaN(v) {
			return open
		}
		return fmt.Sprintf("%.2f%%", v*100)
	}
	return fmt.Sprintf("; ±4σ band [%s, %s]", pctText(lo, "-∞"), pctText(hi, "∞"))
}
