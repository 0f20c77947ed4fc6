package world

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// appendDigits pads and formats like strconv; increment counts up in place
// and refuses to carry out of its digits.
func TestAppendDigitsAndIncrement(t *testing.T) {
	for _, v := range []uint64{0, 1, 9, 10, 99, 100, 101, 999, 1000, 12345, 9999999999, 10000000000, 1<<64 - 1} {
		for _, w := range []int{0, 1, 4, 10} {
			want := strconv.FormatUint(v, 10)
			if v == 0 && w == 0 {
				want = ""
			}
			for len(want) < w {
				want = "0" + want
			}
			require.Equal(t, want, string(appendDigits([]byte("x"), v, w))[1:], "%d width %d", v, w)
		}
	}
	d := []byte("0199")
	require.True(t, increment(d))
	require.Equal(t, "0200", string(d))
	d = []byte("999")
	require.False(t, increment(d))
	require.Equal(t, "999", string(d))
}
