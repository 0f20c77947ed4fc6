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
			if near := nearest(key.V, known); near != "" {
				d.errorf(k, "unknown key %q (did you mean %q?)", key.V, near)
			} else {
				d.errorf(k, "unknown key %q (expected one of: %s)", key.V, strings.Join(known, ", "))
			}
		case seen[key.V]:
			d.errorf(k, "duplicate key %q", key.V)
		default:
			seen[key.V] = true
			d.value(val, v.Field(idx))
		}
	}
	return true
}

// nearest returns the known key within edit distance 2 of key (the first,
// in declaration order), or "".
func nearest(key string, known []string) string {
	for _, k := range known {
		if editDistance(key, k) <= 2 {
			return k
		}
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
