package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlags returns a flag set that reports errors as one line and whose
// usage text lists the command's flags (--name style), after the about
// paragraphs when given.
func newFlags(name, synopsis string, stderr io.Writer, about ...string) *flag.FlagSet {
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

// parseFlags parses args; it returns (exit code, done) where done means the
// caller must return the code (help printed, or a bad flag reported).
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (int, bool) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return 0, true
	}
	if err != nil {
		fmt.Fprintf(stderr, "paygen %s: %s (see 'paygen %s --help')\n", fs.Name(), strings.TrimSpace(err.Error()), fs.Name())
		return 2, true
	}
	return 0, false
}

// fail prints one line for a command and returns exit code code.
func fail(stderr io.Writer, cmd string, code int, format string, a ...any) int {
	fmt.Fprintf(stderr, "paygen %s: %s\n", cmd, fmt.Sprintf(format, a...))
	return code
}
