package schemac_test

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/schemac"
	"github.com/paygen/paygen/schemac/load"
)

var update = flag.Bool("update", false, "rewrite the golden files (testdata/*/expected, stderr.txt) and generated/")

// moduleRoot is the repository root, seen from this package's directory.
func moduleRoot(t *testing.T) string {
	root, err := schemac.ModuleRoot(".")
	require.NoError(t, err)
	return root
}

// TestGolden compiles every testdata/<case>/schema.yaml and compares the
// result with testdata/<case>/expected/*.go, or, for schemas with errors, the
// error text with testdata/<case>/stderr.txt.
func TestGolden(t *testing.T) {
	root := moduleRoot(t)
	cases, err := filepath.Glob("testdata/*/schema.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	var okDirs []string
	for _, schemaFile := range cases {
		dir := filepath.Dir(schemaFile)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(schemaFile)
			require.NoError(t, err)
			rel, err := filepath.Rel(root, mustAbs(t, schemaFile))
			require.NoError(t, err)
			expectedPkg := "github.com/paygen/paygen/" + filepath.ToSlash(filepath.Join("schemac", dir, "expected"))
			files, err := schemac.CompileAt(filepath.ToSlash(rel), data, expectedPkg)
			stderrFile := filepath.Join(dir, "stderr.txt")
			expectedDir := filepath.Join(dir, "expected")
			if err != nil {
				var list load.ErrorList
				require.True(t, errors.As(err, &list), "want a load.ErrorList, got %T: %v", err, err)
				got := err.Error() + "\n"
				if *update {
					require.NoError(t, os.RemoveAll(expectedDir))
					require.NoError(t, os.WriteFile(stderrFile, []byte(got), 0o644))
				}
				want, rerr := os.ReadFile(stderrFile)
				require.NoError(t, rerr, "schema has errors but the case has no stderr.txt:\n%s", got)
				assert.Equal(t, string(want), got)
				return
			}
			if *update {
				if err := os.Remove(stderrFile); !errors.Is(err, os.ErrNotExist) {
					require.NoError(t, err, "remove stale stderr.txt")
				}
				_, werr := schemac.Write(expectedDir, files)
				require.NoError(t, werr)
			}
			require.NoFileExists(t, stderrFile, "schema compiles but the case expects errors")
			changes, err := schemac.Compare(expectedDir, files)
			require.NoError(t, err)
			assert.Empty(t, changes, "golden files differ (go test ./schemac/... -update):\n%s", schemac.Diff(expectedDir, changes))
			okDirs = append(okDirs, "./"+filepath.ToSlash(filepath.Join("schemac", expectedDir)))
		})
	}
	// Goldens must compile: build every expected/ package in one go.
	if len(okDirs) > 0 {
		sort.Strings(okDirs)
		cmd := exec.Command("go", append([]string{"vet"}, okDirs...)...)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		assert.NoError(t, err, "go vet %v:\n%s", okDirs, out)
	}
}

// TestGeneratedUpToDate regenerates from schema/transaction_schema.yaml in
// memory and compares with generated/ (with -update, it rewrites generated/).
func TestGeneratedUpToDate(t *testing.T) {
	root := moduleRoot(t)
	const schemaPath = "schema/transaction_schema.yaml"
	data, err := os.ReadFile(filepath.Join(root, schemaPath))
	require.NoError(t, err)
	files, err := schemac.Compile(schemaPath, data)
	require.NoError(t, err)
	outDir := filepath.Join(root, "generated")
	if *update {
		_, err := schemac.Write(outDir, files)
		require.NoError(t, err)
	}
	changes, err := schemac.Compare(outDir, files)
	require.NoError(t, err)
	assert.Empty(t, changes, "generated/ is stale; run go generate ./...:\n%s", schemac.Diff("generated", changes))
}

// TestDeterministic compiles the real schema twice: the bytes must not differ.
func TestDeterministic(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), "schema/transaction_schema.yaml"))
	require.NoError(t, err)
	a, err := schemac.Compile("schema/transaction_schema.yaml", data)
	require.NoError(t, err)
	for range 3 {
		b, err := schemac.Compile("schema/transaction_schema.yaml", data)
		require.NoError(t, err)
		assert.Equal(t, a, b)
	}
}

func mustAbs(t *testing.T, p string) string {
	abs, err := filepath.Abs(p)
	require.NoError(t, err)
	return abs
}

// TestExamplesUpToDate regenerates every schema/examples/NAME.yaml in memory
// and compares with generated/examples/NAME (with -update, rewrites it).
func TestExamplesUpToDate(t *testing.T) {
	root := moduleRoot(t)
	schemas, err := filepath.Glob(filepath.Join(root, "schema/examples/*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, schemas)
	for _, abs := range schemas {
		name := strings.TrimSuffix(filepath.Base(abs), ".yaml")
		data, err := os.ReadFile(abs)
		require.NoError(t, err)
		files, err := schemac.CompileAt("schema/examples/"+name+".yaml", data, "github.com/paygen/paygen/generated/examples/"+name)
		require.NoError(t, err)
		outDir := filepath.Join(root, "generated/examples", name)
		if *update {
			_, err := schemac.Write(outDir, files)
			require.NoError(t, err)
		}
		changes, err := schemac.Compare(outDir, files)
		require.NoError(t, err)
		assert.Empty(t, changes, "generated/examples/%s is stale; run go generate ./...:\n%s", name, schemac.Diff("generated/examples/"+name, changes))
	}
}
