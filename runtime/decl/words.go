package decl

import (
	"slices"
	"strings"
	"sync"

	"github.com/paygen/paygen/runtime/refdata"
	"github.com/paygen/paygen/runtime/rng"
)

// Word lists for made-up names (a merchant's trading name), derived at start
// from the embedded reference data rather than typed in: `place` holds the
// one-word English country names (runtime/refdata/data/countries.csv),
// `trade` the distinct capitalised words of 4 to 12 letters of the ISO 18245
// MCC descriptions (mccs.csv). Both are sorted, so a word's index is stable.
// They are derived on first use: most tables declare no made-up names.
var wordLists = sync.OnceValue(buildWordLists)

// WordListNames lists the word lists schemac accepts in `words:`.
var WordListNames = []string{"place", "trade"}

func buildWordLists() map[string][]string {
	var place, trade []string
	for _, c := range refdata.Countries() {
		if alphabetic(c.Name) && len(c.Name) <= 12 {
			place = append(place, c.Name)
		}
	}
	seen := map[string]bool{}
	for _, m := range refdata.MCCs() {
		for _, w := range strings.FieldsFunc(m.Description, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
			if len(w) >= 4 && len(w) <= 12 && w[0] >= 'A' && w[0] <= 'Z' && !seen[w] {
				seen[w] = true
				trade = append(trade, w)
			}
		}
	}
	slices.Sort(place)
	slices.Sort(trade)
	return map[string][]string{"place": place, "trade": trade}
}

func alphabetic(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return s != ""
}

// WordList returns the named word list (nil when unknown).
func WordList(name string) []string { return wordLists()[name] }

// Words appends one word of each list, drawn by x, joined by single spaces.
func Words(dst []byte, x uint64, lists ...[]string) []byte {
	for i, l := range lists {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, l[rng.Below(rng.At(x, uint64(i)), uint64(len(l)))]...)
	}
	return dst
}
