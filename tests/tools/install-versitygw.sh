#!/bin/sh
# Installs the pinned versitygw S3 server that the S3 tests start on 127.0.0.1.
# Idempotent: does nothing when $(go env GOPATH)/bin/versitygw was built from the pinned version.
# The first build takes about 1.5 minutes (module download + compile).
set -eu

VERSION=v1.8.0
MODULE=github.com/versity/versitygw
BIN="$(go env GOPATH)/bin/versitygw"

if [ -x "$BIN" ] && go version -m "$BIN" 2>/dev/null | grep -q "^[[:space:]]*mod[[:space:]]*$MODULE[[:space:]]*$VERSION[[:space:]]"; then
	echo "versitygw $VERSION already installed: $BIN"
	exit 0
fi

echo "installing versitygw $VERSION into $BIN (takes a while the first time)"
GOBIN="$(go env GOPATH)/bin" GOFLAGS=-mod=mod go install "$MODULE/cmd/versitygw@$VERSION"
go version -m "$BIN" | grep -q "^[[:space:]]*mod[[:space:]]*$MODULE[[:space:]]*$VERSION[[:space:]]" || {
	echo "install-versitygw: $BIN is not $VERSION after go install" >&2
	exit 1
}
echo "installed versitygw $VERSION: $BIN"
