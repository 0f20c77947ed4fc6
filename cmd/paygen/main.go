// Command paygen generates, validates, profiles and uploads synthetic card-payment data.
package main

import (
	"fmt"
	"io"
	"os"
)

// version is the paygen release, recorded in every file's metadata.
const version = "0.1.0"

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
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
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	case "-v", "-version", "--version":
		return runVersion(args[1:], stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
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
	fmt.Fprintln(w, "\nExit codes: 0 success, 1 a check failed, 2 usage, input or I/O error.")
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintf(stdout, "paygen %s\n", version)
	return 0
}
