package decl

// Date and time parts of a timestamp (microseconds since the Unix epoch,
// UTC), by integer arithmetic: no time.Time per row.

const (
	usPerMinute = 60e6
	usPerHour   = 3600e6
	usPerDay    = 86400e6
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Hour is the hour of the day, 0..23.
func Hour(t int64) int64 { return floorDiv(t, usPerHour) - floorDiv(t, usPerDay)*24 }

// Minute is the minute of the hour, 0..59.
func Minute(t int64) int64 { return floorDiv(t, usPerMinute) - floorDiv(t, usPerHour)*60 }

// Weekday is the ISO day of the week, 1 (Monday) .. 7 (Sunday).
func Weekday(t int64) int64 {
	d := floorDiv(t, usPerDay) // 1970-01-01 was a Thursday (4)
	return (d + 3) - floorDiv(d+3, 7)*7 + 1
}

// civil converts days since 1970-01-01 to a (year, month, day) date
// (Howard Hinnant's days_from_civil inverse).
func civil(days int64) (y, m, d int64) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// Year is the calendar year.
func Year(t int64) int64 { y, _, _ := civil(floorDiv(t, usPerDay)); return y }

// Month is the month, 1..12.
func Month(t int64) int64 { _, m, _ := civil(floorDiv(t, usPerDay)); return m }

// Day is the day of the month, 1..31.
func Day(t int64) int64 { _, _, d := civil(floorDiv(t, usPerDay)); return d }

// Date is the timestamp truncated to midnight UTC.
func Date(t int64) int64 { return floorDiv(t, usPerDay) * usPerDay }

// LocalHour is the hour of the day at the standard time of an ISO 3166
// country (runtime/refdata's representative offset).
func LocalHour(t int64, country string) int64 { return Hour(t + UTCOffset(country)) }

// Days is a number of days in microseconds.
func Days(d float64) int64 { return Int(d * usPerDay) }
