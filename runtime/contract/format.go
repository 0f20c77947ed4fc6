package contract

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paygen/paygen/runtime/colscan"
)

// numKind says how the int64 values of a column are interpreted.
type numKind struct {
	scale    int     // decimal scale (DECIMAL columns)
	perSec   float64 // units per second (TIMESTAMP columns), 0 otherwise
	isTime   bool
	isScaled bool
}

func numKindOf(c colscan.Column) numKind {
	switch {
	case strings.HasPrefix(c.Logical, "DECIMAL("):
		return numKind{scale: c.Scale, isScaled: true}
	case strings.HasPrefix(c.Logical, "TIMESTAMP("):
		k := numKind{isTime: true, perSec: 1e3}
		switch c.TimeUnit {
		case "MICROS":
			k.perSec = 1e6
		case "NANOS":
			k.perSec = 1e9
		}
		return k
	}
	return numKind{}
}

// mult is the number of stored units per real unit (10^scale, units per second, or 1).
func (k numKind) mult() float64 {
	switch {
	case k.isScaled:
		return math.Pow10(k.scale)
	case k.isTime:
		return k.perSec
	}
	return 1
}

// real converts a stored integer to its real value (decimal units, unix seconds).
func (k numKind) real(v int64) float64 {
	if k.isScaled || k.isTime {
		return float64(v) / k.mult()
	}
	return float64(v)
}

// format renders a stored integer: "12.34" for DECIMAL(…,2), RFC 3339 for timestamps.
func (k numKind) format(v int64) string {
	switch {
	case k.isScaled:
		return formatDecimal(v, k.scale)
	case k.isTime:
		sec := math.Floor(float64(v) / k.perSec)
		frac := float64(v) - sec*k.perSec
		return time.Unix(int64(sec), int64(frac*1e9/k.perSec)).UTC().Format(time.RFC3339Nano)
	}
	return strconv.FormatInt(v, 10)
}

// intBounds converts real bounds (NaN = open) to inclusive stored-unit bounds.
func (k numKind) intBounds(lo, hi float64) (int64, int64) {
	m := k.mult()
	return toInt(lo, m, math.Ceil, math.MinInt64), toInt(hi, m, math.Floor, math.MaxInt64)
}

func toInt(v, mult float64, round func(float64) float64, open int64) int64 {
	if math.IsNaN(v) {
		return open
	}
	x := v * mult
	if r := math.Round(x); math.Abs(x-r) < 1e-6*math.Max(1, math.Abs(x)) {
		x = r
	} else {
		x = round(x)
	}
	switch {
	case x >= 9.2e18:
		return math.MaxInt64
	case x <= -9.2e18:
		return math.MinInt64
	}
	return int64(x)
}

func formatDecimal(v int64, scale int) string {
	if scale <= 0 {
		return strconv.FormatInt(v, 10)
	}
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u, 10)
	if len(s) <= scale {
		s = strings.Repeat("0", scale-len(s)+1) + s
	}
	s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	if neg {
		s = "-" + s
	}
	return s
}

// sampleText renders a byte value for a report: valid UTF-8 is kept (cut at 80 runes),
// anything else is quoted.
func sampleText(b []byte) string {
	if !utf8.Valid(b) {
		return strconv.Quote(string(b))
	}
	s := string(b)
	if utf8.RuneCountInString(s) > 80 {
		r := []rune(s)
		s = string(r[:80]) + "…"
	}
	return s
}

func unixText(sec float64) string {
	if math.IsNaN(sec) {
		return "open"
	}
	return time.Unix(int64(sec), 0).UTC().Format(time.RFC3339)
}

// sampler keeps up to max distinct sample values.
type sampler struct {
	max  int
	vals []string
}

func (s *sampler) full() bool { return len(s.vals) >= s.max }

func (s *sampler) addBytes(b []byte) {
	if s.full() {
		return
	}
	for _, v := range s.vals {
		if v == string(b) {
			return
		}
	}
	s.vals = append(s.vals, sampleText(b))
}

func (s *sampler) add(v string) {
	if s.full() {
		return
	}
	for _, x := range s.vals {
		if x == v {
			return
		}
	}
	s.vals = append(s.vals, v)
}

func (s *sampler) list() []string {
	if s.vals == nil {
		return []string{}
	}
	return s.vals
}

func pct(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}

func inBand(v, lo, hi float64) bool {
	if math.IsNaN(v) {
		return false
	}
	return (math.IsNaN(lo) || v >= lo) && (math.IsNaN(hi) || v <= hi)
}

func ptr(v float64) *float64 { return &v }
