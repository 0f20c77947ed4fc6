package refdata

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// split reads a line as encoding/csv does, quoted fields included, and
// rejects a line with the wrong number of fields.
func TestSplitReadsAsEncodingCSV(t *testing.T) {
	for _, line := range []string{
		"US,United States,USD", `US,"Korea, Republic of",KRW`, `a,"say ""hi""",c`, ",,", "x,,z",
	} {
		want, err := csv.NewReader(strings.NewReader(line)).Read()
		require.NoError(t, err)
		rec := make([]string, 3)
		require.NoError(t, split(line, rec), line)
		require.Equal(t, want, rec, line)
	}
	for _, line := range []string{"a,b", "a,b,c,d", `a,"b,c`, "a"} {
		require.Error(t, split(line, make([]string, 3)), line)
	}
}

// The embedded tables read the same records as encoding/csv reads.
func TestReadCSVReadsAsEncodingCSV(t *testing.T) {
	files, err := os.ReadDir("data")
	require.NoError(t, err)
	require.Len(t, tableText, len(files), "every file in data/ is embedded")
	for _, f := range files {
		b, err := os.ReadFile("data/" + f.Name())
		require.NoError(t, err)
		require.Equal(t, string(b), tableText[f.Name()], f.Name())
		want, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
		require.NoError(t, err, f.Name())
		var got [][]string
		require.NoError(t, readCSV(f.Name(), len(want[0]), func(rec []string) error {
			got = append(got, append([]string(nil), rec...))
			return nil
		}))
		require.Equal(t, want[1:], got, f.Name())
		require.Equal(t, len(want)-1, csvRows(f.Name()), f.Name())
	}
}

// groupBy keeps each group's order and lets no group grow into another.
func TestGroupBy(t *testing.T) {
	vals := []int{10, 20, 11, 30, 21, 12}
	key := func(i int) string { return string(rune('a' + vals[i]/10 - 1)) }
	g := groupBy(vals, key)
	require.Equal(t, map[string][]int{"a": {10, 11, 12}, "b": {20, 21}, "c": {30}}, g)
	a := append(g["a"], 13)
	require.Equal(t, []int{20, 21}, g["b"])
	require.Equal(t, []int{10, 11, 12, 13}, a)
}
