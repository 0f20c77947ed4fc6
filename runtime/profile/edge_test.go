package profile

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type edgeRow struct {
	Day     int32    `parquet:"day,date"`
	Millis  int64    `parquet:"ts_ms,timestamp(millisecond)"`
	F       float64  `parquet:"f"`
	Nulls   *string  `parquet:"all_null,optional"`
	Small   int32    `parquet:"small"`
	Tags    []string `parquet:"tags,list"`
	Flag    *bool    `parquet:"flag,optional"`
	Decimal int32    `parquet:"price,decimal(3:9)"`
}

func TestEdgeTypes(t *testing.T) {
	base := time.Date(2024, 2, 28, 23, 0, 0, 0, time.UTC)
	var rows []edgeRow
	for i := range 50 {
		r := edgeRow{
			Day:     int32(base.Unix()/86400) + int32(i%3),
			Millis:  base.Add(time.Duration(i) * time.Hour).UnixMilli(),
			F:       float64(i),
			Small:   int32(i % 5),
			Tags:    []string{"a"},
			Decimal: int32(1000 + i),
		}
		switch i {
		case 3:
			r.F = math.NaN()
		case 4:
			r.F = math.Inf(1)
		}
		if i%2 == 0 {
			b := i%4 == 0
			r.Flag = &b
		}
		rows = append(rows, r)
	}
	path := filepath.Join(t.TempDir(), "edge.parquet")
	require.NoError(t, writeParquet(path, rows, 20))
	p, err := Run(path, nil, Options{})
	require.NoError(t, err)

	day := col(t, p, "day")
	require.NotNil(t, day.Timestamp)
	assert.Equal(t, "2024-02-28T00:00:00.000000Z", day.Timestamp.Min)
	assert.Len(t, day.Timestamp.Days, 3)
	ms := col(t, p, "ts_ms")
	require.NotNil(t, ms.Timestamp)
	assert.Equal(t, "2024-02-28T23:00:00.000000Z", ms.Timestamp.Min)
	assert.Equal(t, base.Add(49*time.Hour).Format("2006-01-02T15:04:05.000000Z"), ms.Timestamp.Max)

	f := col(t, p, "f")
	require.NotNil(t, f.Numeric)
	assert.EqualValues(t, 1, f.Numeric.NaN)
	assert.EqualValues(t, 1, f.Numeric.Infinite)
	assert.Equal(t, 49.0, f.Numeric.Max)

	an := col(t, p, "all_null")
	assert.EqualValues(t, 50, an.Missing)
	assert.Zero(t, an.Count)
	assert.Contains(t, alertsFor(p, "all_null"), "MISSING")

	assert.Equal(t, "numeric", col(t, p, "small").Kind)
	assert.Equal(t, "unsupported", col(t, p, "tags").Kind)
	assert.Contains(t, alertsFor(p, "tags"), "UNSUPPORTED")
	fl := col(t, p, "flag")
	require.NotNil(t, fl.Boolean)
	assert.EqualValues(t, 25, fl.Missing)
	assert.EqualValues(t, 13, fl.Boolean.True)

	price := col(t, p, "price")
	require.NotNil(t, price.Numeric)
	assert.InDelta(t, 1.000, price.Numeric.Min, 1e-12)
	assert.InDelta(t, 1.049, price.Numeric.Max, 1e-12)

	var html, js bytes.Buffer
	require.NoError(t, p.WriteHTML(&html))
	require.NoError(t, p.WriteJSON(&js))
	assert.Contains(t, html.String(), "not profiled")
}

func TestEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.parquet")
	require.NoError(t, writeParquet(path, []payment{}, 0))
	p, err := Run(path, testSpec(), Options{})
	require.NoError(t, err)
	assert.Zero(t, p.Overview.Rows)
	assert.Len(t, p.Columns, 24)
	var html, js bytes.Buffer
	require.NoError(t, p.WriteHTML(&html))
	require.NoError(t, p.WriteJSON(&js))
	assert.Contains(t, html.String(), `id="overview"`)
}

func TestCorruptPagesGiveAnError(t *testing.T) {
	rows := genPayments(20000, 2)
	path := filepath.Join(t.TempDir(), "bad.parquet")
	require.NoError(t, writeParquet(path, rows, 0))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	// Scribble over the middle of the data pages, keep the footer intact.
	for i := len(b) / 3; i < len(b)/3+4096; i++ {
		b[i] ^= 0x5a
	}
	require.NoError(t, os.WriteFile(path, b, 0o644))
	before := runtime.NumGoroutine()
	done := make(chan error, 1)
	go func() {
		_, err := Run(path, testSpec(), Options{})
		done <- err
	}()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.Contains(t, err.Error(), "bad.parquet")
		// Every column reader and task runner has stopped (polled here:
		// assert.Eventually would count its own goroutine).
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		assert.LessOrEqual(t, runtime.NumGoroutine(), before)
	case <-time.After(time.Minute):
		t.Fatal("Run did not return on a corrupt file")
	}
}
