package colwrite

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFooterSplicesEncodedRowGroups writes files of 0 to 40 row groups (the
// compact protocol's list header changes form past 14 elements) and checks
// the footer, whose row groups are spliced in already encoded, is byte for
// byte the encoding of the decoded footer.
func TestFooterSplicesEncodedRowGroups(t *testing.T) {
	t.Parallel()
	tab := genTable(40*50, 3, tableOpts{customers: 300, merchants: 40, singleType: true})
	for _, n := range []int{0, 1, 14, 15, 16, 40} {
		l := make(layout, n)
		for g := range l {
			l[g] = []int{50}
		}
		file := writeTable(t, tab, l, 3000)
		size := int(binary.LittleEndian.Uint32(file[len(file)-8:]))
		footer := file[len(file)-8-size : len(file)-8]

		var meta format.FileMetaData
		require.NoError(t, thrift.Unmarshal(new(thrift.CompactProtocol), footer, &meta))
		require.Len(t, meta.RowGroups, n)
		for g, rg := range meta.RowGroups {
			assert.EqualValues(t, g, rg.Ordinal)
			assert.EqualValues(t, 50, rg.NumRows)
		}
		var want bytes.Buffer
		require.NoError(t, thrift.NewEncoder(new(thrift.CompactProtocol).NewWriter(&want)).Encode(&meta))
		assert.True(t, bytes.Equal(want.Bytes(), footer), "%d row groups: footer differs from its re-encoding", n)
	}
}
