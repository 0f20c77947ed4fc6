package generated

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFingerprint fails when the schema changed after the last go generate.
func TestFingerprint(t *testing.T) {
	data, err := os.ReadFile("../" + SchemaPath)
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	assert.Equal(t, hex.EncodeToString(sum[:])[:16], Fingerprint, "run go generate ./...")
}

// TestParquetSchema checks the Parquet schema parquet-go derives from the
// Payment tags: column order, physical and logical types, repetition.
func TestParquetSchema(t *testing.T) {
	s := parquet.SchemaOf(Payment{})
	fields := s.Fields()
	require.Len(t, fields, len(ColumnNames))
	type want struct {
		physical parquet.Kind
		logical  string // "" when none
		optional bool
	}
	str := want{parquet.ByteArray, "STRING", false}
	optStr := want{parquet.ByteArray, "STRING", true}
	wants := map[string]want{
		"event_time":     {parquet.Int64, "TIMESTAMP(isAdjustedToUTC=true,unit=MICROS)", false},
		"amount":         {parquet.Int64, "DECIMAL(12,2)", false},
		"mcc_code":       optStr,
		"device_id":      optStr,
		"fraud_scenario": optStr,
		"latitude":       {parquet.Double, "", true},
		"longitude":      {parquet.Double, "", true},
		"three_ds":       {parquet.Boolean, "", false},
		"label_fraud":    {parquet.Boolean, "", false},
	}
	for i, f := range fields {
		require.Equal(t, ColumnNames[i], f.Name())
		w, ok := wants[f.Name()]
		if !ok {
			w = str
		}
		assert.Equal(t, w.physical, f.Type().Kind(), f.Name())
		assert.Equal(t, w.optional, f.Optional(), f.Name())
		assert.False(t, f.Repeated(), f.Name())
		lt := f.Type().LogicalType()
		got := ""
		if lt != nil && *lt != (format.LogicalType{}) {
			got = lt.String()
		}
		assert.Equal(t, w.logical, got, f.Name())
	}
}
