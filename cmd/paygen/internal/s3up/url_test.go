package s3up

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseURL(t *testing.T) {
	good := []struct{ in, bucket, prefix string }{
		{"s3://fraud-raw-dev/payments", "fraud-raw-dev", "payments"},
		{"s3://fraud-raw-dev/payments/", "fraud-raw-dev", "payments"},
		{"s3://b.example-1/a/b/c", "b.example-1", "a/b/c"},
		{"s3://abc", "abc", ""},
		{"s3://abc/", "abc", ""},
	}
	for _, c := range good {
		b, p, err := ParseURL(c.in)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.bucket, b, c.in)
		assert.Equal(t, c.prefix, p, c.in)
	}
	bad := []string{
		"", "fraud-raw-dev/payments", "s3:/b/p", "https://b/p", "s3://", "s3:///p",
		"s3://ab/p", "s3://Upper/p", "s3://under_score/p", "s3://-dash/p", "s3://a..b/p",
		"s3://bucket/a//b", "s3://bucket/a/../b", "s3://bucket/p?x=1", "s3://bucket/p\n",
	}
	for _, in := range bad {
		_, _, err := ParseURL(in)
		require.Error(t, err, in)
		assert.True(t, errors.Is(err, ErrBadURL), in)
		assert.NotContains(t, err.Error(), "\n")
	}
}

func TestCRC32C(t *testing.T) {
	// The CRC-32C check value of "123456789" is 0xE3069283 (RFC 3720, B.4).
	assert.Equal(t, "4waSgw==", CRC32C([]byte("123456789")))
	sum, n, err := ReaderCRC32C(iotest.OneByteReader(strings.NewReader("123456789")))
	require.NoError(t, err)
	assert.Equal(t, "4waSgw==", sum)
	assert.EqualValues(t, 9, n)
}
