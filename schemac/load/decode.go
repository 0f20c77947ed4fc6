package load

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder walks yaml.Nodes into the structs of ast.go, collecting every error.
type decoder struct {
	path string
	errs ErrorList
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, Error{Path: d.path, Pos: posOf(n), Msg: fmt.Sprintf(format, args...)})
}

var posType = reflect.TypeFor[Pos]()

// value decodes n into v, dispatching on v's type: a leaf (nodeDecoder), a
// pointer to a struct (an optional section), a slice of structs, or a struct.
func (d *decoder) value(n *yaml.Node, v reflect.Value) {
	if v.CanAddr() {
		if nd, ok := v.Addr().Interface().(nodeDecoder); ok {
			nd.decodeNode(d, n)
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		if d.structure(n, p.Elem()) {
			v.Set(p)
		}
	case reflect.Slice:
		if !d.kind(n, yaml.SequenceNode, "a list") {
			return
		}
		s := reflect.MakeSlice(v.Type(), 0, len(n.Content))
		for _, it := range n.Content {
			e := reflect.New(v.Type().Elem()).Elem()
			d.value(it, e)
			s = reflect.Append(s, e)
		}
		v.Set(s)
	case reflect.Struct:
		d.structure(n, v)
	default:
		panic(fmt.Sprintf("load: unsupported field type %s", v.Type()))
	}
}

// structure decodes a mapping into a struct whose fields carry yaml tags.
// Unknown and duplicate keys are errors. A field named Pos receives the
// mapping's position.
func (d *decoder) structure(n *yaml.Node, v reflect.Value) bool {
	if !d.kind(n, yaml.MappingNode, "a mapping") {
		return false
	}
	t := v.Type()
	fields := map[string]int{}
	var known []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type == posType && f.Name == "Pos" {
			v.Field(i).Set(reflect.ValueOf(posOf(n)))
			continue
		}
		if tag := f.Tag.Get("yaml"); tag != "" {
			fields[tag] = i
			known = append(known, tag)
		}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		var key Str
		key.decodeNode(d, k)
		if !key.Set {
			continue
		}
		idx, ok := fields[key.V]
		switch {
		case !ok:
			d.errorf(k, "unknown key %q (expected one of: %s)", key.V, strings.Join(known, ", "))
		case seen[key.V]:
			d.errorf(k, "duplicate key %q", key.V)
		default:
			seen[key.V] = true
			d.value(val, v.Field(idx))
		}
	}
	return true
}
