package pqwrite_test

import (
	"bytes"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/pqwrite"
	"github.com/paygen/paygen/runtime/pqwrite/pqwritetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// In a 20M-row world (400,000 customers, about 800,000 cards) one row group
// of three blocks meets more distinct cards, devices and IPs than a
// dictionary page may hold, or so many that a dictionary does not pay:
// those columns fall back part way through the chunk, to DELTA_BYTE_ARRAY
// (strings) or BYTE_STREAM_SPLIT (doubles). Only the first row group is written, so the test
// encodes 196,608 rows. The rows must match the reference writer's, and
// the bytes must not depend on the workers.
func TestLargeWorldFallsBack(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a 20M-row world: full tier only (go test without -short)")
	}
	w := newWorld(t, 20_000_000)
	opt := pqwrite.Options{Workers: 2, RowGroupBlocks: 3, EndBlock: 3}
	var fast bytes.Buffer
	st, err := pqwrite.WriteColumns(&fast, w, generated.Columns, generated.Writers, opt, "test")
	require.NoError(t, err)
	require.Equal(t, 1, st.RowGroups)
	require.EqualValues(t, 3*w.BlockRows(), st.Rows)

	f, err := parquet.OpenFile(bytes.NewReader(fast.Bytes()), int64(fast.Len()))
	require.NoError(t, err)
	spilled := map[string]bool{}
	for _, c := range f.Metadata().RowGroups[0].Columns {
		md := c.MetaData
		var dict, rle, fallback bool
		enc := format.Plain
		for _, s := range md.EncodingStats {
			switch {
			case s.PageType == format.DictionaryPage:
				dict = true
			case s.Encoding == format.RLEDictionary:
				rle = true
			default:
				fallback, enc = true, s.Encoding
			}
		}
		if dict && fallback {
			name := md.PathInSchema[0]
			spilled[name] = true
			assert.True(t, rle, name)
			want := format.DeltaByteArray
			if md.Type == format.Double {
				want = format.ByteStreamSplit
			}
			assert.Equal(t, want, enc, name)
			assert.Contains(t, md.Encoding, enc, name)
			assert.Contains(t, md.Encoding, format.RLEDictionary, name)
		}
	}
	for _, c := range []string{"card_number_masked", "card_id", "customer_id", "device_id", "ip_address"} {
		assert.True(t, spilled[c], "%s kept its whole dictionary", c)
	}
	for _, c := range []string{"card_brand", "currency", "mcc_code", "merchant_country", "fraud_scenario"} {
		assert.False(t, spilled[c], "%s fell back", c)
	}

	var ref bytes.Buffer
	_, err = pqwritetest.Write(&ref, w, generated.Fill, opt)
	require.NoError(t, err)
	requireSameRows(t, ref.Bytes(), fast.Bytes())

	var one bytes.Buffer
	opt.Workers = 1
	_, err = pqwrite.WriteColumns(&one, w, generated.Columns, generated.Writers, opt, "test")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(one.Bytes(), fast.Bytes()), "1 worker and 2 workers wrote different bytes")
}
