package world_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The memo tables hold exactly what the entity functions return: blocks
// filled with and without them are the same, column for column.
func TestMemoTablesChangeNothing(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 200_000)
	require.True(t, w.HasMemos())
	type cols struct{ cust, card, pan, brand, ctype, cty []string }
	read := func() []cols {
		var out []cols
		b := w.NewBlock()
		for i := range w.Blocks() {
			b.Fill(i)
			out = append(out, cols{
				append([]string(nil), b.CustomerID()...), append([]string(nil), b.CardID()...),
				append([]string(nil), b.CardMaskedPAN()...), append([]string(nil), b.CardBrand()...),
				append([]string(nil), b.CardType()...), append([]string(nil), b.CustomerCountry()...),
			})
		}
		return out
	}
	with := read()
	w.DropMemos()
	require.False(t, w.HasMemos())
	require.Equal(t, with, read())
}
