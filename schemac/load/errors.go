package load

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a schema file, at a position.
type Error struct {
	Path string
	Pos  Pos
	Msg  string
	// Syntax is set when the file is not valid YAML (nothing else was read).
	Syntax bool
}

func (e Error) Error() string {
	if e.Pos.IsZero() {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Pos.Line, e.Pos.Col, e.Msg)
}

// ErrorList is every problem found in a schema file. Its Error method prints
// one problem per line, sorted by position.
type ErrorList []Error

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the list by position, keeping the order of equal positions.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Less(l[j].Pos) })
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
