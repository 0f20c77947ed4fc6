// Package load reads a schema YAML file strictly into position-carrying syntax
// trees: unknown keys, duplicate keys and wrongly shaped values are errors.
package load

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Load parses data, the contents of the schema file at path (used in error
// messages, relative to the module root). It returns every error it finds as
// an ErrorList sorted by position; the File may then be partial.
func Load(path string, data []byte) (*File, error) {
	d := &decoder{path: path}
	f := &File{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.errs = append(d.errs, Error{Path: path, Msg: "empty schema", Syntax: true})
		} else {
			d.errs = append(d.errs, syntaxError(path, err))
		}
		return f, d.errs.Err()
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.errorf(&extra, "a schema file holds one YAML document")
	} else if !errors.Is(err, io.EOF) {
		d.errs = append(d.errs, syntaxError(path, err))
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.errs = append(d.errs, Error{Path: path, Pos: posOf(root), Syntax: true,
			Msg: "a schema is a mapping (version, table, columns, …), found " + describe(root)})
		return f, d.errs.Err()
	}
	d.value(root, reflect.ValueOf(f).Elem())
	return f, d.errs.Err()
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a yaml.v3 parse error into an Error with a position.
func syntaxError(path string, err error) Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Error{Path: path, Pos: Pos{Line: line, Col: 1}, Msg: m[2], Syntax: true}
	}
	return Error{Path: path, Msg: strings.TrimPrefix(msg, "yaml: "), Syntax: true}
}
