// Package learn measures how learnable, and how leaky, the fraud label of a paygen dataset is.
package learn

import (
	"time"

	"github.com/paygen/paygen/generated/table"
)

// Row is one payment as paygen writes it: the table's generated row type (24 columns, in
// order). Optional columns are pointers; EventTime is in microseconds since the Unix epoch
// (UTC) and Amount in minor units of the currency.
type Row = table.Payment

// rowTime returns a row's event time as a UTC time.Time.
func rowTime(r *Row) time.Time { return time.UnixMicro(r.EventTime).UTC() }

const (
	microsPerSecond = int64(1_000_000)
	microsPerHour   = 3600 * microsPerSecond
	microsPerDay    = 24 * microsPerHour
)
