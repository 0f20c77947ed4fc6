package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

func runMain(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionFlags(t *testing.T) {
	code, want, errs := runMain("version")
	assert.Equal(t, 0, code)
	assert.Empty(t, errs)
	assert.Equal(t, "paygen "+version+"\n", want)
	for _, flag := range []string{"--version", "-version", "-v"} {
		code, out, errs := runMain(flag)
		assert.Equal(t, 0, code, flag)
		assert.Empty(t, errs, flag)
		assert.Equal(t, want, out, "%s prints what 'paygen version' prints", flag)
	}
}
