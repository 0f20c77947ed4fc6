package s3up

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadEnvFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "dev.env")
	require.NoError(t, os.WriteFile(p, []byte(`# dev settings
PAYGEN_S3_BUCKET=fraud-raw-dev

export PAYGEN_S3_PREFIX = payments # the Athena table prefix
AWS_REGION="eu-west-1"
EMPTY=
QUOTED='a # b'
`), 0o644))
	env, err := ReadEnvFile(p)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"PAYGEN_S3_BUCKET": "fraud-raw-dev", "PAYGEN_S3_PREFIX": "payments", "AWS_REGION": "eu-west-1",
		"EMPTY": "", "QUOTED": "a # b",
	}, env)

	require.NoError(t, os.WriteFile(p, []byte("OK=1\nAWS_SECRET_ACCESS_KEY supersecret\n"), 0o644))
	_, err = ReadEnvFile(p)
	require.Error(t, err)
	assert.Equal(t, p+":2: expected KEY=VALUE", err.Error())

	_, err = ReadEnvFile(filepath.Join(t.TempDir(), "missing.env"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
