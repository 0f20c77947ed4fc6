package colwrite

import (
	"bytes"
	"testing"

	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeTableLimit is writeTable with a dictionary limit.
func writeTableLimit(t testing.TB, tab *table, l layout, pageRows, dictLimit int) []byte {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, testColumns(), testKV, "paygen version 0.1.0")
	require.NoError(t, err)
	rg := NewRowGroup(testColumns())
	rg.SetPageLimits(pageRows, DefaultPageBytes)
	rg.SetDictLimit(dictLimit)
	lo := 0
	for _, g := range l {
		rg.Reset()
		for _, n := range g {
			appendRows(rg, tab, lo, lo+n)
			lo += n
		}
		require.NoError(t, rg.Finish())
		require.NoError(t, w.WriteRowGroup(rg))
	}
	require.NoError(t, w.Close())
	return buf.Bytes()
}

// chunkPages reports, from a column chunk's encoding stats, whether it has
// a dictionary page, RLE_DICTIONARY data pages and data pages of another
// encoding (the fallback), and which encoding that is.
func chunkPages(cc *metadata.ColumnChunkMetaData) (dict, rle, fallback bool, enc parquet.Encoding) {
	for _, s := range cc.EncodingStats() {
		switch {
		case s.PageType.String() == "DICTIONARY_PAGE":
			dict = true
		case s.Encoding == parquet.Encodings.RLEDict:
			rle = true
		default:
			fallback, enc = true, s.Encoding
		}
	}
	return dict, rle, fallback, enc
}

// fallbackEncoding is the encoding a dictionary chunk of this physical type
// falls back to.
func fallbackEncoding(t parquet.Type) parquet.Encoding {
	switch t {
	case parquet.Types.ByteArray:
		return parquet.Encodings.DeltaByteArray
	case parquet.Types.Int64:
		return parquet.Encodings.DeltaBinaryPacked
	default:
		return parquet.Encodings.ByteStreamSplit
	}
}

// spilled lists, per row group, the columns whose chunk has dictionary
// pages followed by fallback pages, checking on the way that such chunks
// list both encodings, that the fallback is the one for the column's type,
// and that their data pages all follow the dictionary.
func spilled(t *testing.T, data []byte) []map[string]bool {
	f, err := file.NewParquetReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	var out []map[string]bool
	for g := range f.NumRowGroups() {
		rgm := f.MetaData().RowGroup(g)
		m := map[string]bool{}
		for j := range rgm.NumColumns() {
			cc, err := rgm.ColumnChunk(j)
			require.NoError(t, err)
			dict, rle, fallback, enc := chunkPages(cc)
			if !dict || !fallback {
				continue
			}
			name := cc.PathInSchema().String()
			m[name] = true
			assert.Equal(t, fallbackEncoding(cc.Type()), enc, name)
			assert.Contains(t, cc.Encodings(), enc, name)
			assert.Contains(t, cc.Encodings(), parquet.Encodings.RLEDict, name)
			assert.True(t, rle, "%s: fallback pages but no dictionary-encoded page before them", name)
			assert.Less(t, cc.DictionaryPageOffset(), cc.DataPageOffset(), name)
		}
		out = append(out, m)
	}
	return out
}

// A small dictionary limit makes the high-cardinality columns of the
// payments table fall back part way through each chunk; both
// readers must read every value back, and the statistics must still be
// those of all the chunk's values (dictionary and fallback pages together).
func TestDictFallbackReadBack(t *testing.T) {
	t.Parallel()
	tab, d := testTable()
	data := writeTableLimit(t, tab, testLayout, 3000, 4096)
	checkArrow(t, data, d)
	checkParquetGo(t, data, d)
	checkStats(t, data, d)

	sp := spilled(t, data)
	require.Len(t, sp, len(testLayout))
	for g, m := range sp {
		for _, c := range []string{"customer_id", "card_id", "card_number_masked"} {
			assert.True(t, m[c], "row group %d: %s did not fall back", g, c)
		}
		for _, c := range []string{"card_brand", "card_type", "currency", "entry_mode"} {
			assert.False(t, m[c], "row group %d: %s fell back with a tiny vocabulary", g, c)
		}
	}

	// The default limit is far above these dictionaries: no fallback, and
	// the same bytes as a writer that never falls back.
	plain := writeTableLimit(t, tab, testLayout, 3000, 0)
	for g, m := range spilled(t, plain) {
		assert.Empty(t, m, "row group %d", g)
	}
	assert.Equal(t, writeTable(t, tab, testLayout, 3000), plain)
	assert.Less(t, len(plain), len(data), "fallback pages should cost bytes here")
}

// Every way of filling a dictionary column falls back correctly: Keyed with
// and without nulls, KeyedDouble, Int64 and Strings on dictionary columns.
func TestDictFallbackEdgeCases(t *testing.T) {
	t.Parallel()
	data, d := writeEdgeLimit(t, 12) // str_dict_opt has 17 bytes of dictionary, single_key 8
	checkArrow(t, data, d)
	checkParquetGo(t, data, d)
	checkStats(t, data, d)
	sp := spilled(t, data)
	for _, c := range []string{"wide", "int_dict", "str_dict_opt", "dense_keys", "keyed_dbl"} {
		assert.True(t, sp[0][c], "%s did not fall back", c)
	}
	assert.False(t, sp[0]["single_key"], "a one-value dictionary fell back")
}

// Falling back is decided per column chunk: a RowGroup reused after Reset
// starts with a dictionary again, and encoding the row groups concurrently
// gives the bytes of encoding them one after the other.
func TestDictFallbackPerChunkSameBytes(t *testing.T) {
	t.Parallel()
	tab, _ := testTable()
	want := writeTableLimit(t, tab, testLayout, 3000, 4096)
	groups := make([]*RowGroup, len(testLayout))
	lo := 0
	for g, batches := range testLayout {
		rg := NewRowGroup(testColumns())
		rg.SetPageLimits(3000, DefaultPageBytes)
		rg.SetDictLimit(4096)
		for _, n := range batches {
			appendRows(rg, tab, lo, lo+n)
			lo += n
		}
		require.NoError(t, rg.Finish())
		groups[g] = rg
	}
	assert.True(t, bytes.Equal(want, writeGroups(t, groups)), "fresh row groups differ from a reused one")
}

// The key map's memory follows the distinct keys, not their range: keys
// spread over 2^40 values take a hash table sized by their number.
func TestKeyMapBoundedByDistinctKeys(t *testing.T) {
	t.Parallel()
	var m keyMap
	const n = 50_000
	for i := range n {
		m.put(uint64(i)*22_000_003, int32(i)) // ~2^40 range, one key per window
	}
	for i := range n {
		require.Equal(t, int32(i), m.get(uint64(i)*22_000_003))
	}
	assert.Equal(t, 0, m.nwin, "sparse windows claimed")
	assert.LessOrEqual(t, len(m.slots), 4*n)
	assert.LessOrEqual(t, len(m.dense), denseKeys)
}

// A dictionary that does not pay for itself falls back at the default limit
// too: the edge dataset's first row group has all-distinct keys in "wide"
// (far below 1 MiB of dictionary when its first 16,384 values are checked),
// and the readers read it back (TestEdgeCasesReadByArrow, ...ByParquetGo);
// a one-value dictionary and the 5-row group keep theirs.
func TestDictFallbackWhenMostlyDistinct(t *testing.T) {
	t.Parallel()
	data, d := writeEdge(t)
	checkStats(t, data, d)
	sp := spilled(t, data)
	require.Len(t, sp, 2)
	for _, c := range []string{"wide", "dense_keys"} {
		assert.True(t, sp[0][c], "%s: all-distinct keys kept their dictionary", c)
	}
	assert.False(t, sp[0]["single_key"], "a one-value dictionary fell back")
	assert.Empty(t, sp[1], "the 5-row group fell back")
}
