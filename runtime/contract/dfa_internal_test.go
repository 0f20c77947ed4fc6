package contract

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMatcherAgreesWithRegexp compares the DFA with regexp.Match on random and crafted inputs.
func TestMatcherAgreesWithRegexp(t *testing.T) {
	patterns := []string{
		`^txn_[0-9]{8}_[0-9]{10}$`, `^cus_[0-9]{7}$`, `^card_[0-9]{8}$`,
		`^[0-9]{6}\*{6}[0-9]{4}$|^[0-9]{6}\*{5}[0-9]{4}$`, `^mer_[0-9]{6}$`, `^(dev|pos)_[0-9a-f]{12}$`,
		`^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$`,
		`ab+c`, `^a|b$`, `(?i)^abc$`, `x*`, `^$`, `.`, `^.{3}$`, `[^a-c]z`, `^(a|ab)(c|bcd)$`, `é`, `^\d+$`,
	}
	alphabet := []byte("0123456789abcdefxz_.*$txncusmerdvpoABCé\n")
	r := rand.New(rand.NewPCG(1, 1))
	for _, p := range patterns {
		m, err := newMatcher(p)
		require.NoError(t, err)
		re := regexp.MustCompile(p)
		inputs := []string{"", "txn_20250529_0000000001", "cus_1234567", "card_12345678", "411111******1111",
			"41111*****1111", "mer_123456", "dev_0123456789ab", "pos_0123456789ab", "1.2.3.4", "255.255.255.2555",
			"abc", "ABC", "abbbc", "ac", "a", "b", "xz", "abcd", "abbcd", "é", "xéx", "123", "12a"}
		for range 3000 {
			n := r.IntN(26)
			b := make([]byte, 0, n)
			for range n {
				b = append(b, alphabet[r.IntN(len(alphabet))])
			}
			inputs = append(inputs, string(b))
		}
		for _, in := range inputs {
			require.Equal(t, re.MatchString(in), m.Match([]byte(in)), "pattern %q input %q", p, in)
		}
	}
}

func TestMatcherUsesDFA(t *testing.T) {
	m, err := newMatcher(`^txn_[0-9]{8}_[0-9]{10}$`)
	require.NoError(t, err)
	assert.NotNil(t, m.trans)
	assert.Less(t, len(m.trans)/128, 40)
	m, err = newMatcher(`\bword\b`)
	require.NoError(t, err)
	assert.Nil(t, m.trans, "word boundaries fall back to regexp")
	assert.True(t, m.Match([]byte("a word here")))
}

func BenchmarkMatcher(b *testing.B) {
	in := []byte("txn_20250529_0000123456")
	m, _ := newMatcher(`^txn_[0-9]{8}_[0-9]{10}$`)
	re := regexp.MustCompile(`^txn_[0-9]{8}_[0-9]{10}$`)
	b.Run("dfa", func(b *testing.B) {
		for b.Loop() {
			if !m.Match(in) {
				b.Fatal()
			}
		}
	})
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			if !re.Match(in) {
				b.Fatal()
			}
		}
	})
}
