package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/profile"
)

// deps are what the commands take from outside the CLI: the schema-derived
// data contract and profile spec. main passes the generated ones; tests pass
// their own, so no test changes package state and tests can run in parallel.
type deps struct {
	contract    *contract.Contract // nil: validate (and generate --validate) refuse to run
	profileSpec *profile.Spec      // nil: profile files generically
	terminal    func(*os.File) bool
	freeSpace   func(dir string) (int64, bool) // bytes free on dir's file system, ok false when unknown
}

// defaultDeps are the generated contract and profile spec.
func defaultDeps() deps {
	return deps{contract: generated.Contract, profileSpec: generated.ProfileSpec, terminal: isTerminal, freeSpace: diskFree}
}

// env is one command invocation: the root context (cancelled by SIGINT or
// SIGTERM in main), the output streams and the dependencies.
type env struct {
	ctx            context.Context
	stdout, stderr io.Writer
	deps
}

// isTTY reports whether w is a terminal file (for progress lines).
func (e *env) isTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && e.terminal != nil && e.terminal(f)
}

// fail prints one line for command cmd and returns exit code code.
func (e *env) fail(cmd string, code int, format string, a ...any) int {
	return fail(e.stderr, cmd, code, format, a...)
}

// newFlags returns a flag set that reports errors as one line and whose
// usage text lists the command's flags (--name style), after the about
// paragraphs when given.
func newFlags(name, synopsis string, about ...string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: paygen %s\n\n", synopsis)
		for _, a := range about {
			fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(a))
		}
		fmt.Fprintln(w, "Flags:")
		fs.VisitAll(func(f *flag.Flag) {
			name, help := flag.UnquoteUsage(f)
			if name != "" {
				name = " " + name
			}
			fmt.Fprintf(w, "  --%s%s\n    \t%s", f.Name, name, help)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
			fmt.Fprintln(w)
		})
	}
	return fs
}

// parseArgs parses args with flags anywhere among the operands (the one
// argument parser of every command): it returns the operands in order; every
// argument after "--" is an operand. done means the caller must return code
// (help printed: 0, or a bad flag reported on one line: 2).
func (e *env) parseArgs(fs *flag.FlagSet, args []string) (operands []string, code int, done bool) {
	for rest := args; ; {
		err := fs.Parse(rest)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil, 0, true
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "paygen %s: %s (see 'paygen %s --help')\n", fs.Name(), strings.TrimSpace(err.Error()), fs.Name())
			return nil, 2, true
		}
		left := fs.Args()
		if len(left) == 0 {
			return operands, 0, false
		}
		if n := len(rest) - len(left); n > 0 && rest[n-1] == "--" {
			return append(operands, left...), 0, false
		}
		operands, rest = append(operands, left[0]), left[1:]
	}
}

// fail prints one line for a command and returns exit code code.
func fail(stderr io.Writer, cmd string, code int, format string, a ...any) int {
	fmt.Fprintf(stderr, "paygen %s: %s\n", cmd, fmt.Sprintf(format, a...))
	return code
}
