package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/cmd/paygen/internal/s3up/s3test"
)

// testDeps are what main passes, except that no stream is a terminal.
func testDeps() deps {
	d := defaultDeps()
	d.terminal = func(*os.File) bool { return false }
	return d
}

// call runs command cmd with dependencies d and returns its exit code,
// stdout and stderr. It touches no package state, so tests may run in
// parallel.
func call(d deps, cmd func(*env, []string) int, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := cmd(&env{ctx: context.Background(), stdout: &out, stderr: &errb, deps: d}, args)
	return code, out.String(), errb.String()
}

func runMain(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), testDeps(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionFlags(t *testing.T) {
	t.Parallel()
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

// Every command takes its flags before, between or after its operands, and
// everything after "--" as an operand.
func TestEveryCommandHonoursDoubleDash(t *testing.T) {
	t.Parallel()
	for _, c := range commands() {
		code, out, errs := call(testDeps(), c.run, "--", "--help")
		if c.name == "version" || c.name == "generate" {
			assert.Equal(t, 2, code, c.name)
			assert.Contains(t, errs, `unexpected argument "--help"`, c.name)
		} else {
			assert.NotEqual(t, 0, code, "%s: --help after -- is a file name, not the flag", c.name)
			assert.NotContains(t, out, "Usage:", c.name)
		}
		assert.Equal(t, 1, bytes.Count([]byte(errs), []byte("\n")), "%s: one line: %q", c.name, errs)
		code, out, _ = call(testDeps(), c.run, "--help")
		assert.Equal(t, 0, code, c.name)
		assert.Contains(t, out, "Usage: paygen "+c.name, c.name)
	}
}

func TestContextCancelPublishesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := runGenerate(&env{ctx: ctx, stdout: &out, stderr: &errb, deps: testDeps()},
		[]string{"--rows", "10k", "--out", dir, "--date", "2025-05-29"})
	assert.Equal(t, 130, code)
	assert.Equal(t, "paygen generate: interrupted; nothing was published\n", errb.String())
	entries, err := os.ReadDir(dir)
	assert.NoError(t, err)
	assert.Empty(t, entries, "no file, no temporary file")
}

// An interrupted generate --to leaves no object and no multipart upload.
func TestContextCancelUploadsNothing(t *testing.T) {
	srv := s3test.StartT(t, cliBucket)
	useServer(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := runGenerate(&env{ctx: ctx, stdout: &out, stderr: &errb, deps: testDeps()},
		[]string{"--rows", "10k", "--to", "s3://" + cliBucket + "/cancelled", "--date", "2025-05-29", "--validate"})
	assert.Equal(t, 130, code, errb.String())
	assert.Equal(t, "paygen generate: interrupted; nothing was published\n", errb.String())
	assert.Empty(t, listKeys(t, srv.Client(""), "cancelled/"))
	ups, err := srv.Client("").ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: aws.String(cliBucket)})
	require.NoError(t, err)
	assert.Empty(t, ups.Uploads)
}
