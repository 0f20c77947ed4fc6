// Package schemac compiles a schema YAML file into the Go files of package
// generated: load (strict YAML) → ir (resolve and check) → gen (render), then
// writes, checks or diffs the output directory.
package schemac

import (
	"github.com/paygen/paygen/schemac/gen"
	"github.com/paygen/paygen/schemac/ir"
	"github.com/paygen/paygen/schemac/load"
)

// Compile turns the schema bytes into generated files keyed by file name.
// path is the schema's path relative to the module root, as errors and the
// generated header print it. Schema errors come back as a load.ErrorList,
// sorted by position.
func Compile(path string, data []byte) (map[string][]byte, error) {
	return CompileAt(path, data, gen.ImportPath)
}

// CompileAt is Compile for a generated package at importPath.
func CompileAt(path string, data []byte, importPath string) (map[string][]byte, error) {
	s, err := Check(path, data)
	if err != nil {
		return nil, err
	}
	return gen.GenerateAt(s, importPath)
}

// Check loads and checks the schema bytes into the IR. Loading errors and
// checking errors are reported together, sorted by position.
func Check(path string, data []byte) (*ir.Schema, error) {
	f, loadErr := load.Load(path, data)
	var errs load.ErrorList
	if loadErr != nil {
		errs = append(errs, loadErr.(load.ErrorList)...)
		if syntaxOnly(errs) {
			return nil, errs.Err()
		}
	}
	s, irErr := ir.Build(f, path, data)
	if irErr != nil {
		errs = append(errs, irErr.(load.ErrorList)...)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// syntaxOnly reports whether the file could not be parsed at all, in which
// case checking the (empty) tree would only add noise.
func syntaxOnly(errs load.ErrorList) bool {
	for _, e := range errs {
		if e.Syntax {
			return true
		}
	}
	return false
}
