// Command schemac compiles schema/transaction_schema.yaml into the Go files of
// package generated. Run it through `go generate ./...` (generated/doc.go
// carries the //go:generate line) or, to check that generated/ is up to date,
// `go run ./cmd/schemac -check`.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paygen/paygen/schemac"
	"github.com/paygen/paygen/schemac/load"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is schemac's whole command line; it returns the exit code: 0 done or
// in sync, 1 schema errors or drift, 2 usage or I/O errors.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("schemac", flag.ContinueOnError)
	fs.SetOutput(stderr)
	schema := fs.String("schema", "schema/transaction_schema.yaml", "schema YAML `file`, relative to the module root")
	out := fs.String("out", "generated", "output `directory`, relative to the module root")
	check := fs.Bool("check", false, "regenerate in memory and compare with -out; exit 1 and print a diff if they differ")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: schemac [-schema file] [-out dir] [-check]\n\n"+
			"Compiles the schema YAML into Go files in the output directory.\n"+
			"Relative paths resolve from the module root (the nearest go.mod).\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "schemac: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "schemac: %v\n", err)
		return 2
	}
	root, err := schemac.ModuleRoot(wd)
	if err != nil {
		fmt.Fprintf(stderr, "schemac: %v\n", err)
		return 2
	}
	schemaAbs, schemaRel := resolve(root, *schema)
	outAbs, outRel := resolve(root, *out)
	data, err := os.ReadFile(schemaAbs)
	if err != nil {
		fmt.Fprintf(stderr, "schemac: %v\n", err)
		return 2
	}
	files, err := schemac.Compile(schemaRel, data)
	if err != nil {
		var list load.ErrorList
		if errors.As(err, &list) {
			fmt.Fprintln(stderr, list.Error())
			fmt.Fprintf(stderr, "schemac: %d error(s) in %s; nothing written\n", len(list), schemaRel)
			return 1
		}
		fmt.Fprintf(stderr, "schemac: %v\n", err)
		return 2
	}
	if *check {
		changes, err := schemac.Compare(outAbs, files)
		if err != nil {
			fmt.Fprintf(stderr, "schemac: %v\n", err)
			return 2
		}
		if len(changes) == 0 {
			return 0
		}
		fmt.Fprint(stdout, schemac.Diff(outRel, changes))
		fmt.Fprintf(stderr, "schemac: %s is out of date with %s (%d file(s)); run go generate ./... (or make generate)\n",
			outRel, schemaRel, len(changes))
		return 1
	}
	if _, err := schemac.Write(outAbs, files); err != nil {
		fmt.Fprintf(stderr, "schemac: %v\n", err)
		return 2
	}
	return 0
}

// resolve returns the absolute path of p (relative paths resolve from root)
// and its slash-separated form relative to root, as messages print it.
func resolve(root, p string) (abs, rel string) {
	abs = p
	if !filepath.IsAbs(p) {
		abs = filepath.Join(root, p)
	}
	abs = filepath.Clean(abs)
	if r, err := filepath.Rel(root, abs); err == nil {
		return abs, filepath.ToSlash(r)
	}
	return abs, filepath.ToSlash(abs)
}
