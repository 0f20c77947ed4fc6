package tests

import (
	"bufio"
	"debug/buildinfo"
	"debug/elf"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// No Docker engine and no Airflow here: these tests check what can be checked
// without them. The Dockerfile's build runs on its own build context (the
// repository filtered by .dockerignore); the DAG's helpers run against the
// paygen binary.

// shellWords splits a shell command line into words (quotes, no expansion).
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'' || c == '"':
			j := strings.IndexByte(s[i+1:], c)
			require.GreaterOrEqual(t, j, 0, "unterminated quote in %q", s)
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// goBuild is a `VAR=x go build flags -o out pkg` command line, split up.
type goBuild struct {
	env  []string // VAR=value assignments before go
	args []string // everything after "build" except -o and its value
	out  string   // the -o value
}

func parseGoBuild(t *testing.T, line string) goBuild {
	t.Helper()
	w := shellWords(t, line)
	var g goBuild
	for len(w) > 0 && strings.Contains(w[0], "=") {
		g.env, w = append(g.env, w[0]), w[1:]
	}
	require.GreaterOrEqual(t, len(w), 2, "%q", line)
	require.Equal(t, "go", path.Base(w[0]), "%q", line)
	require.Equal(t, "build", w[1], "%q", line)
	for i := 2; i < len(w); i++ {
		if w[i] == "-o" && i+1 < len(w) {
			g.out = w[i+1]
			i++
			continue
		}
		g.args = append(g.args, w[i])
	}
	slices.Sort(g.env)
	return g
}

// dockerfile is the parsed Dockerfile: its instructions per stage, with
// continuation lines joined.
type dockerfile struct {
	stages [][]string // each instruction as "KEYWORD rest"
}

func readDockerfile(t *testing.T) dockerfile {
	t.Helper()
	f, err := os.Open("../Dockerfile")
	require.NoError(t, err)
	defer f.Close()
	var d dockerfile
	var pending string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if pending == "" && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if strings.HasSuffix(line, "\\") {
			pending += strings.TrimSuffix(line, "\\") + " "
			continue
		}
		line, pending = pending+line, ""
		if strings.HasPrefix(strings.ToUpper(line), "FROM ") {
			d.stages = append(d.stages, nil)
		}
		require.NotEmpty(t, d.stages, "instruction before FROM: %q", line)
		d.stages[len(d.stages)-1] = append(d.stages[len(d.stages)-1], line)
	}
	require.NoError(t, sc.Err())
	require.Len(t, d.stages, 2, "a builder stage and a runtime stage")
	return d
}

// find returns the instructions of stage that start with keyword.
func (d dockerfile) find(stage int, keyword string) []string {
	var out []string
	for _, ins := range d.stages[stage] {
		if k, rest, _ := strings.Cut(ins, " "); strings.EqualFold(k, keyword) {
			out = append(out, strings.TrimSpace(rest))
		}
	}
	return out
}

// dockerBuild returns the go build command of the builder stage.
func (d dockerfile) dockerBuild(t *testing.T) goBuild {
	t.Helper()
	var builds []string
	for _, run := range d.find(0, "RUN") {
		if strings.Contains(run, "go build") {
			builds = append(builds, run)
		}
	}
	require.Len(t, builds, 1, "one go build in the builder stage")
	return parseGoBuild(t, builds[0])
}

// makeDryRun prints the commands of a make target without running them.
func makeDryRun(t *testing.T, target string) string {
	t.Helper()
	cmd := exec.Command("make", "-n", "--no-print-directory", target)
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "make -n %s: %s", target, out)
	return string(out)
}

func TestDockerfileBuildsLikeMake(t *testing.T) {
	d := readDockerfile(t)
	docker := d.dockerBuild(t)
	var makeLine string
	for _, line := range strings.Split(makeDryRun(t, "build"), "\n") {
		if strings.Contains(line, " build ") {
			makeLine = line
		}
	}
	require.NotEmpty(t, makeLine, "make -n build prints no go build")
	mk := parseGoBuild(t, makeLine)
	assert.Equal(t, mk.env, docker.env, "environment of go build")
	assert.Equal(t, mk.args, docker.args, "flags and package of go build")
	assert.Contains(t, docker.env, "CGO_ENABLED=0")
	assert.Contains(t, docker.args, "-trimpath")
	assert.Contains(t, docker.args, "-ldflags=-s -w")
	assert.Equal(t, "./cmd/paygen", docker.args[len(docker.args)-1])

	// The runtime stage: a minimal base, the binary from the builder on PATH, paygen as entry point.
	from := d.find(1, "FROM")
	require.Len(t, from, 1)
	assert.Regexp(t, `^(gcr\.io/distroless/static-debian\d+(:nonroot)?|scratch)$`, from[0])
	assert.Equal(t, []string{`["paygen"]`}, d.find(1, "ENTRYPOINT"))
	var copied string
	for _, c := range d.find(1, "COPY") {
		if w := shellWords(t, c); len(w) == 3 && strings.HasPrefix(w[0], "--from=") && w[1] == docker.out {
			copied = w[2]
		}
	}
	require.NotEmpty(t, copied, "the runtime stage copies %s from the builder", docker.out)
	var pathDirs []string
	for _, env := range d.find(1, "ENV") {
		if v, ok := strings.CutPrefix(env, "PATH="); ok {
			pathDirs = strings.Split(v, ":")
		}
	}
	assert.Contains(t, pathDirs, path.Dir(copied), "ENTRYPOINT [\"paygen\"] needs %s on PATH", path.Dir(copied))
	assert.Contains(t, d.find(1, "USER"), "nonroot:nonroot")

	// make docker tags the image with the version the binary reports.
	r := paygen(t, "version")
	require.Equal(t, 0, r.code)
	version := strings.TrimPrefix(strings.TrimSpace(r.stdout), "paygen ")
	assert.Contains(t, makeDryRun(t, "docker"), "docker build --build-arg VERSION="+version+" -t paygen:"+version+" .")
}

// ignorePattern is one .dockerignore line.
type ignorePattern struct {
	segs   []string // slash-separated glob segments; a leading "**" matches any depth
	negate bool
}

func readDockerignore(t *testing.T) []ignorePattern {
	t.Helper()
	b, err := os.ReadFile("../.dockerignore")
	require.NoError(t, err)
	var out []ignorePattern
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := ignorePattern{}
		if p.negate = strings.HasPrefix(line, "!"); p.negate {
			line = line[1:]
		}
		p.segs = strings.Split(path.Clean(line), "/")
		for i, s := range p.segs {
			require.False(t, strings.Contains(s, "**") && (i > 0 || s != "**"), "pattern %q: only a leading **/ is supported by this test", line)
		}
		out = append(out, p)
	}
	return out
}

// matches reports whether the pattern matches rel or one of its parent
// directories, as Docker's matcher does.
func (p ignorePattern) matches(rel string) bool {
	segs := strings.Split(rel, "/")
	prefix := func(pat, s []string) bool {
		if len(pat) > len(s) {
			return false
		}
		for i := range pat {
			if ok, _ := path.Match(pat[i], s[i]); !ok {
				return false
			}
		}
		return true
	}
	if p.segs[0] != "**" {
		return prefix(p.segs, segs)
	}
	for i := range segs {
		if prefix(p.segs[1:], segs[i:]) {
			return true
		}
	}
	return false
}

func ignored(patterns []ignorePattern, rel string) bool {
	out := false
	for _, p := range patterns {
		if p.matches(rel) {
			out = !p.negate
		}
	}
	return out
}

// buildContext copies the files of the repository that .dockerignore lets
// into the Docker build context to dir and returns their relative paths.
func buildContext(t *testing.T, dir string) []string {
	t.Helper()
	patterns := readDockerignore(t)
	var files []string
	err := filepath.WalkDir("..", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("..", p)
		rel = filepath.ToSlash(rel)
		if e.IsDir() {
			if rel == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if !e.Type().IsRegular() || ignored(patterns, rel) {
			return nil
		}
		files = append(files, rel)
		return copyFile(p, filepath.Join(dir, rel))
	})
	require.NoError(t, err)
	return files
}

func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func TestDockerignoreMatcher(t *testing.T) {
	ps := []ignorePattern{{segs: []string{"*"}}, {segs: []string{"cmd"}, negate: true}, {segs: []string{"**", "*_test.go"}}}
	assert.True(t, ignored(ps, "paygen"))
	assert.True(t, ignored(ps, "docs/adr/x.md"))
	assert.False(t, ignored(ps, "cmd/paygen/main.go"))
	assert.True(t, ignored(ps, "cmd/paygen/main_test.go"))
	assert.True(t, ignored(ps, "x_test.go"))
}

// TestDockerBuildContextMakesStaticBinary runs the Dockerfile's go build on
// the Docker build context and checks the binary is static, stripped and
// built with the flags the image promises.
func TestDockerBuildContextMakesStaticBinary(t *testing.T) {
	d := readDockerfile(t)
	assert.Contains(t, d.find(0, "COPY"), ". .", "the builder copies the whole build context")
	g := d.dockerBuild(t)
	ctx := t.TempDir()
	files := buildContext(t, ctx)
	assert.Contains(t, files, "go.mod")
	assert.Contains(t, files, "runtime/refdata/data/countries.csv", "embedded reference data")
	assert.NotContains(t, files, "paygen", "no stray binary in the context")
	for _, f := range files {
		assert.False(t, strings.HasSuffix(f, "_test.go") || strings.HasPrefix(f, "tests/") || strings.HasPrefix(f, "outputs/"), "%s is in the build context", f)
	}

	bin := filepath.Join(t.TempDir(), "paygen")
	args := append([]string{"build"}, g.args[:len(g.args)-1]...)
	args = append(args, "-o", bin, g.args[len(g.args)-1])
	cmd := exec.Command("go", args...)
	cmd.Dir = ctx
	// Offline: the module cache already holds every module (the tests built paygen).
	cmd.Env = append(os.Environ(), append(g.env, "GOFLAGS=-mod=readonly", "GOWORK=off", "GOPROXY=off")...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go %v in the build context:\n%s", args, out)

	f, err := elf.Open(bin)
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		assert.NotEqual(t, elf.PT_INTERP, p.Type, "the binary asks for a dynamic loader")
		assert.NotEqual(t, elf.PT_DYNAMIC, p.Type, "the binary has a dynamic section")
	}
	libs, err := f.ImportedLibraries()
	require.NoError(t, err)
	assert.Empty(t, libs)
	assert.Nil(t, f.Section(".symtab"), "-s strips the symbol table")
	for _, s := range f.Sections {
		assert.False(t, strings.HasPrefix(s.Name, ".debug_") || strings.HasPrefix(s.Name, ".zdebug_"), "-w drops DWARF, found %s", s.Name)
	}

	info, err := buildinfo.ReadFile(bin)
	require.NoError(t, err)
	assert.Equal(t, "github.com/paygen/paygen/cmd/paygen", info.Path)
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	assert.Equal(t, "0", settings["CGO_ENABLED"])
	assert.Equal(t, "true", settings["-trimpath"]) // (with -trimpath, go does not record -ldflags)

	if _, err := exec.LookPath("file"); err == nil {
		desc, err := exec.Command("file", bin).Output()
		require.NoError(t, err)
		assert.Contains(t, string(desc), "statically linked")
	}
	v, err := exec.Command(bin, "version").Output()
	require.NoError(t, err)
	assert.Regexp(t, `^paygen \S+\n$`, string(v))
}

const dagFile = "../docs/deploy/airflow/paygen_daily.py"

func python(t *testing.T, args ...string) []byte {
	t.Helper()
	py, err := exec.LookPath("python3")
	require.NoError(t, err, "python3 is required (the DAG tests need no Python package)")
	cmd := exec.Command(py, args...)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Fatalf("python3 %v: %v\n%s", args, err, ee.Stderr)
	}
	require.NoError(t, err)
	return out
}

func TestAirflowDAGCompiles(t *testing.T) {
	cfile := filepath.Join(t.TempDir(), "dag.pyc")
	python(t, "-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)", dagFile, cfile)
	assert.FileExists(t, cfile)
	src, err := os.ReadFile(dagFile)
	require.NoError(t, err)
	for _, want := range []string{`schedule="@daily"`, "catchup=False", `"retries": 2`, `"retry_exponential_backoff": True`, "AthenaOperator(", "KubernetesPodOperator.partial("} {
		assert.Contains(t, string(src), want)
	}
	assert.NotRegexp(t, `(?i)(aws_secret_access_key|aws_access_key_id)\s*[=:]`, string(src), "no credentials in the DAG")
}

// TestAirflowDAGShardsRunAndAddUp runs the DAG's shard commands (with --to
// swapped for --out: no S3 here) with the paygen binary, then checks that the
// files are disjoint, distinctly named, add up to the dataset, are picked out
// by the Athena query's "$path" filter, and that the DAG's check accepts their
// counts and rejects others.
func TestAirflowDAGShardsRunAndAddUp(t *testing.T) {
	const ds, rows, shards = "2025-05-29", 140_000, 3
	var argLists [][]string
	require.NoError(t, json.Unmarshal(python(t, "airflow/dag_helpers.py", dagFile, "args", ds, strconv.Itoa(rows), strconv.Itoa(shards), "lake", "/payments/"), &argLists))
	require.Len(t, argLists, shards)
	dir := t.TempDir()
	for i, args := range argLists {
		assert.Equal(t, "generate", args[0])
		assert.Contains(t, args, "--validate")
		assert.Contains(t, args, "--overwrite")
		k := slices.Index(args, "--to")
		require.GreaterOrEqual(t, k, 0, "shard %d: %v", i+1, args)
		assert.Equal(t, "s3://lake/payments", args[k+1])
		assert.Equal(t, strconv.Itoa(i+1)+"/"+strconv.Itoa(shards), args[slices.Index(args, "--shard")+1])
		local := slices.Concat(args[:k], []string{"--out", dir}, args[k+2:])
		r := paygen(t, local...)
		require.Equal(t, 0, r.code, "paygen %v: %s", local, r.stderr)
		assert.Empty(t, r.stdout, "--quiet")
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.parquet"))
	require.NoError(t, err)
	require.Len(t, names, shards, "one distinct file per shard")
	var total int64
	for _, n := range names {
		f, err := os.Open(n)
		require.NoError(t, err)
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		require.NoError(t, err)
		total += pf.NumRows()
		f.Close()
	}
	assert.EqualValues(t, rows, total, "the shards add up to --rows")

	// The query of the check task, rendered for ds and N as Airflow would.
	query := strings.NewReplacer(
		"{{ params.table }}", "payments", "{{ ds[:4] }}", "2025", "{{ ds[5:7] }}", "05",
		"{{ ds_nodash }}", "20250529", `{{ var.value.get("paygen_shards", "4") }}`, strconv.Itoa(shards),
	).Replace(string(python(t, "airflow/dag_helpers.py", dagFile, "query")))
	require.NotContains(t, query, "{{", "unrendered template:\n%s", query)
	assert.Contains(t, query, "WHERE year = '2025' AND month = '05'")
	m := regexp.MustCompile(`regexp_like\("\$path", '([^']*)'\)`).FindStringSubmatch(query)
	require.Len(t, m, 2, "no \"$path\" filter in:\n%s", query)
	re := regexp.MustCompile(m[1])
	for _, n := range names {
		assert.True(t, re.MatchString("s3://lake/payments/year=2025/month=05/"+filepath.Base(n)), "%s is not counted", n)
	}
	for _, other := range []string{
		"_payments_140k_20250529.shard-1-of-3.manifest.json",
		"payments_140k_20250529.shard-1-of-4.parquet",
		"payments_140k_20250528.shard-1-of-3.parquet",
		"payments_140k_20250529.parquet",
	} {
		assert.False(t, re.MatchString("s3://lake/payments/year=2025/month=05/"+other), "%s is counted", other)
	}

	check := func(gotRows, gotFiles int) map[string]any {
		var res map[string]any
		require.NoError(t, json.Unmarshal(python(t, "airflow/dag_helpers.py", dagFile, "check",
			strconv.Itoa(rows), strconv.Itoa(shards), strconv.Itoa(gotRows), strconv.Itoa(gotFiles)), &res))
		return res
	}
	assert.Equal(t, map[string]any{"ok": true}, check(int(total), len(names)))
	assert.Equal(t, false, check(int(total)-1, len(names))["ok"])
	assert.Equal(t, false, check(int(total), len(names)-1)["ok"])
}
