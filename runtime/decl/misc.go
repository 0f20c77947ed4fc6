package decl

import (
	"math"
	"strconv"
)

// If is cond ? a : b (both already evaluated: expressions have no side effects).
func If[T any](cond bool, a, b T) T {
	if cond {
		return a
	}
	return b
}

// Mod is a % b, and 0 when b is 0 (an expression never panics).
func Mod(a, b int64) int64 {
	if b == 0 || (b == -1 && a == math.MinInt64) {
		return 0
	}
	return a % b
}

// Int truncates v toward zero, saturating at the int64 range (0 for NaN).
func Int(v float64) int64 {
	switch {
	case v != v:
		return 0
	case v >= math.MaxInt64:
		return math.MaxInt64
	case v <= math.MinInt64:
		return math.MinInt64
	}
	return int64(v)
}

// DaysBetween is (b - a) in days.
func DaysBetween(a, b int64) float64 { return float64(b-a) / usPerDay }

func appendFloat(dst []byte, v float64, prec int) []byte {
	return strconv.AppendFloat(dst, v, 'f', prec, 64)
}
