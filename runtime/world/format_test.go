package world

import (
	"strconv"
	"testing"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/rng"
	"github.com/stretchr/testify/require"
)

// appendDigits pads and formats like strconv; increment counts up in place
// and refuses to carry out of its digits.
func TestAppendDigitsAndIncrement(t *testing.T) {
	t.Parallel()
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

// luhnCheck on a number agrees with refdata's check digit on its digits,
// and appendMasked shows the first 6 and last 4 of a packed PAN.
func TestLuhnCheckAndMask(t *testing.T) {
	t.Parallel()
	r := rng.New(3)
	for range 10000 {
		n := 12 + r.IntN(7) // payload digits
		p := pow10[n-1] + rng.Below(r.Next(), 9*pow10[n-1])
		digits := strconv.FormatUint(p, 10)
		require.Equal(t, refdata.LuhnCheckDigit([]byte(digits)), byte('0'+luhnCheck(p)), digits)
	}
	mask := uint64(16)<<34 | 411111<<14 | 1234
	require.Equal(t, "411111******1234", string(appendMasked(nil, mask)))
	mask = uint64(15)<<34 | 340000<<14 | 5
	require.Equal(t, "340000*****0005", string(appendMasked(nil, mask)))
}
