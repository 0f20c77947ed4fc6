// Command paygen generates, validates, profiles and uploads synthetic card-payment data.
//
// main is the wiring: it makes the root context (cancelled by SIGINT or
// SIGTERM), the dependencies (the generated contract and profile spec) and
// hands both to the command named by the first argument.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is the paygen release, recorded in every file's metadata.
const version = "0.1.0"

type command struct {
	name, summary string
	run           func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"generate", "generate synthetic payments into a Parquet file", runGenerate},
		{"validate", "check Parquet files against the data contract compiled from the schema", runValidate},
		{"profile", "write a self-contained HTML (and JSON) profile of a Parquet file", runProfile},
		{"upload", "upload Parquet files with profile and manifest to S3", runUpload},
		{"learnability", "measure how learnable and how leaky the fraud label is", runLearnability},
		{"version", "print the paygen version", runVersion},
	}
}

func main() {
	// The first SIGINT or SIGTERM cancels ctx: commands stop, remove their
	// temporary file and abort their upload, and exit 130. A second signal
	// kills the process (stop restores the default handling).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	code := run(ctx, defaultDeps(), os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches args to a command.
func run(ctx context.Context, d deps, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	e := &env{ctx: ctx, stdout: stdout, stderr: stderr, deps: d}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	case "-v", "-version", "--version":
		return runVersion(e, args[1:])
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "paygen: unknown command %q (run 'paygen help')\n", args[0])
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "paygen: realistic synthetic card-payment data, fast.")
	fmt.Fprintln(w, "\nUsage: paygen <command> [flags]   (paygen <command> --help for its flags)\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-13s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nExit codes: 0 success, 1 a check failed, 2 usage, input or I/O error (130 interrupted).")
}

func runVersion(e *env, args []string) int {
	fs := newFlags("version", "version")
	operands, code, done := e.parseArgs(fs, args)
	if done {
		return code
	}
	if len(operands) > 0 {
		return e.fail("version", 2, "unexpected argument %q", operands[0])
	}
	fmt.Fprintf(e.stdout, "paygen %s\n", version)
	return 0
}
