package load_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/schemac/gen"
	"github.com/paygen/paygen/schemac/ir"
	"github.com/paygen/paygen/schemac/load"
)

func TestLoadKeepsPositions(t *testing.T) {
	f, err := load.Load("s.yaml", []byte("version: 1\ntable:\n  name: t\ncolumns:\n  - name: a\n    null_rate: 0.5\n    expect:\n      - range: [1, null]\n"))
	require.NoError(t, err)
	assert.Equal(t, load.Pos{Line: 1, Col: 10}, f.Version.Pos)
	assert.Equal(t, load.Pos{Line: 3, Col: 9}, f.Table.Name.Pos)
	require.Len(t, f.Columns, 1)
	c := f.Columns[0]
	assert.Equal(t, load.Pos{Line: 5, Col: 5}, c.Pos)
	assert.Equal(t, 0.5, c.NullRate.V)
	assert.Equal(t, load.Pos{Line: 6, Col: 16}, c.NullRate.Pos)
	r := c.Expect[0].Range
	assert.True(t, r.Set)
	assert.Equal(t, 1.0, r.Min.V)
	assert.True(t, r.Max.Null)
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "", "s.yaml: empty schema"},
		{"not a mapping", "- a\n", `s.yaml:1:1: a schema is a mapping (version, table, columns, …), found a list`},
		{"duplicate key", "version: 1\nversion: 2\n", `s.yaml:2:1: duplicate key "version"`},
		{"typo", "verison: 1\n", `s.yaml:1:1: unknown key "verison" (did you mean "version"?)`},
		{"wrong scalar", "version: one\n", `s.yaml:1:10: expected an integer, found "one"`},
		{"alias", "version: &v 1\ntable: {name: *v}\n", "s.yaml:2:15: aliases are not supported"},
		{"two documents", "version: 1\n---\nversion: 1\n", "s.yaml:2:1: a schema file holds one YAML document"},
		{"pair", "entities: {customer: {cards: [1, 2, 3]}}\n", "s.yaml:1:30: expected [min, max], found a list of 3"},
		{"weights", "fraud: {scenarios: {a: x}}\n", `s.yaml:1:24: expected a number, found "x"`},
		{"duplicate weight", "fraud: {scenarios: {a: 1, a: 2}}\n", `s.yaml:1:27: duplicate key "a"`},
		{"syntax", "a: [\n", "s.yaml:1:1: did not find expected node content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load.Load("s.yaml", []byte(tc.src))
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

// FuzzLoad checks that no input makes the loader, the checker or (for inputs
// that check) the emitters panic, and that whatever checks also renders.
// go test runs the seed corpus: the real schema and every golden case.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/*/schema.yaml")
	seeds = append(seeds, "../../schema/transaction_schema.yaml")
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte("version: 1\ntable: {name: t, go_type: T}\ncolumns: [{name: a, type: string, source: txn.id}]\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("columns: [{expect: [{range: [.nan, .inf]}]}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lf, err := load.Load("s.yaml", data)
		if err != nil {
			if _, ok := err.(load.ErrorList); !ok {
				t.Fatalf("Load returned %T, want load.ErrorList", err)
			}
			return
		}
		s, err := ir.Build(lf, "s.yaml", data)
		if err != nil {
			return
		}
		if _, err := gen.Generate(s); err != nil {
			t.Fatalf("a checked schema failed to render: %v", err)
		}
	})
}
