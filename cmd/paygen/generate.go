package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/dataset"
	"github.com/paygen/paygen/runtime/pqwrite"
	"github.com/paygen/paygen/runtime/profile"
	"github.com/paygen/paygen/runtime/world"
)

type genFlags struct {
	rows, out, date, rowGroup, shard string
	schema                           string
	seed                             uint64
	workers                          int
	overwrite, quiet                 bool
	validate, profile                bool
	s3                               s3Flags
}

func runGenerate(e *env, args []string) int {
	var g genFlags
	fs := newFlags("generate", "generate --rows N --out DIR [flags]")
	fs.StringVar(&g.schema, "schema", defaultSchema, schemaHelp())
	fs.StringVar(&g.rows, "rows", "1_000_000", "number of rows (1000000, 1_000_000, 10k, 2.5M); "+rowLimitHelp())
	fs.StringVar(&g.out, "out", "outputs", "output directory (not with --to)")
	fs.Uint64Var(&g.seed, "seed", 42, "random seed: same seed, rows and date give the same data")
	fs.StringVar(&g.date, "date", "", "dataset date YYYY-MM-DD; events fall in the 30 days before it (default today, UTC)")
	fs.IntVar(&g.workers, "workers", runtime.GOMAXPROCS(0), "generator goroutines (does not change the output)")
	fs.StringVar(&g.rowGroup, "row-group-size", "8MB", "target row group size (bytes such as 128MB, or a row count); from 32MB the pages spool to a temporary file beside the output")
	fs.StringVar(&g.shard, "shard", "", "write only shard i of N (i/N, 1-based): disjoint slices whose union is the full dataset")
	fs.BoolVar(&g.overwrite, "overwrite", false, "replace an existing output file")
	fs.BoolVar(&g.quiet, "quiet", false, "print nothing on success")
	fs.BoolVar(&g.validate, "validate", false, "validate the file against the contract before publishing it (exit 1, nothing published, when it fails)")
	fs.BoolVar(&g.profile, "profile", false, "write the HTML profile beside the file (and upload it with --to)")
	fs.StringVar(&g.s3.to, "to", "", "stream the file to s3://BUCKET/PREFIX/year=YYYY/month=MM/ instead of writing it locally; not with --out (uploads a manifest beside it)")
	g.s3.register(fs, "with --to: ")
	operands, code, done := e.parseArgs(fs, args)
	if done {
		return code
	}
	if len(operands) > 0 {
		return e.fail("generate", 2, "unexpected argument %q (see 'paygen generate --help')", operands[0])
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["out"] && set["to"] {
		return e.fail("generate", 2, "give --out or --to, not both: --to streams the file to S3 and writes no local copy")
	}
	ctr, spec, err := e.schemaDeps(g.schema)
	if err != nil {
		return e.fail("generate", 2, "%v", err)
	}
	if g.validate && ctr == nil {
		return e.fail("generate", 2, "--validate: no data contract is compiled into this binary")
	}
	plan, err := g.plan()
	if err != nil {
		return e.fail("generate", 2, "%v", err)
	}
	plan.contract, plan.profileSpec = ctr, spec
	if e.isTTY(e.stderr) && !g.quiet {
		plan.progressTo = e.stderr
	}
	if err := plan.preflight(e.freeSpace); err != nil {
		return e.fail("generate", exitCode(err), "%v", err)
	}
	defer plan.restoreMemory()
	res, err := plan.run(e)
	if err != nil && e.ctx.Err() != nil {
		return e.fail("generate", 130, "interrupted; nothing was published")
	}
	if err != nil {
		return e.fail("generate", exitCode(err), "%s", generateError(err))
	}
	if !g.quiet {
		fmt.Fprintln(e.stdout, res.summary())
		if res.url != "" {
			fmt.Fprintf(e.stdout, "Upload complete: %s (%s in %.1f s)\n", res.url, megabytes(res.size), res.upload.Seconds())
		}
		if res.profile != "" {
			fmt.Fprintf(e.stdout, "Profile: %s\n", res.profile)
		}
	}
	return 0
}

// genPlan is a validated generate request.
type genPlan struct {
	def         tableDef
	contract    *contract.Contract
	profileSpec *profile.Spec
	w           *world.World
	rows        int64
	seed        uint64
	date        time.Time
	path        string
	workers     int
	groupBlks   int    // blocks per row group; 0: from groupSize and a sample, in the write
	groupSize   string // --row-group-size
	spool       bool   // row groups large enough to spool their pages to disk
	restore     func() // undoes the memory limit set for the write
	worldBytes  int64  // the world's live heap, measured once it is built
	shard       int    // 1-based; 0 = whole dataset
	shards      int
	overwrite   bool
	validate    bool
	profile     bool
	s3          *s3Flags  // nil: write to --out
	progressTo  io.Writer // nil: no progress line
}

func (g *genFlags) plan() (*genPlan, error) {
	def, err := tableByName(g.schema)
	if err != nil {
		return nil, err
	}
	rows, err := parseCount(g.rows)
	if err != nil {
		return nil, fmt.Errorf("--rows: %v", err)
	}
	if err := checkRowLimit(rows); err != nil {
		return nil, err
	}
	date := time.Now().UTC()
	if g.date != "" {
		if date, err = time.Parse("2006-01-02", g.date); err != nil {
			return nil, fmt.Errorf("--date: %q is not a date of the form YYYY-MM-DD", g.date)
		}
	}
	if g.workers < 1 || g.workers > 256 {
		return nil, fmt.Errorf("--workers: %d is outside 1..256", g.workers)
	}
	w, err := world.New(def.config, g.seed, rows, date)
	if err != nil {
		return nil, err
	}
	p := &genPlan{def: def, w: w, rows: rows, seed: g.seed, date: date, workers: g.workers, overwrite: g.overwrite,
		validate: g.validate, profile: g.profile, worldBytes: liveHeap()}
	if g.s3.to != "" {
		p.s3 = &g.s3
	}
	// a size in bytes is turned into blocks by the write, from a sample it
	// measures while its other workers start (pqwrite.Options.SizeGroups)
	p.groupSize = g.rowGroup
	blks, err := groupBlocks(g.rowGroup, w.BlockRows(), func() (float64, error) { return 1, nil })
	if err != nil {
		return nil, fmt.Errorf("--row-group-size: %v", err)
	}
	if _, isRows := rowCount(g.rowGroup); isRows {
		p.groupBlks = blks // a row count needs no sample
	}
	if g.shard != "" {
		if p.shard, p.shards, err = parseShard(g.shard, w.Blocks()); err != nil {
			return nil, fmt.Errorf("--shard: %v", err)
		}
	}
	p.path = filepath.Join(g.out, dataset.FileName(def.prefix, rows, date, p.shard, p.shards))
	return p, nil
}

// groupBlocks turns a row group size (bytes or rows) into whole blocks; a
// size in bytes is divided by rowBytes, the measured bytes of a row.
func groupBlocks(s string, blockRows int, rowBytes func() (float64, error)) (int, error) {
	rows, isRows := rowCount(s)
	if !isRows {
		b, err := parseBytes(s)
		if err != nil {
			return 0, err
		}
		per, err := rowBytes()
		if err != nil {
			return 0, err
		}
		rows = int64(float64(b) / max(per, 1))
	}
	if rows <= 0 {
		return 0, fmt.Errorf("%q must be positive", s)
	}
	return int(max(1, (rows+int64(blockRows)/2)/int64(blockRows))), nil
}

// spoolAbove is the row group size past which a write spools its groups'
// encoded pages to disk (pqwrite.Options.SpoolDir) rather than holding a
// whole group's chunks in memory until it is written; spoolRowBytes
// converts a row count to bytes for that test (the most a row has cost,
// at 100 M rows: ~75 B).
const (
	spoolAbove    = 32 << 20
	spoolRowBytes = 75
)

// largeGroups reports whether row groups of --row-group-size s are large
// enough to spool.
func largeGroups(s string) bool {
	if rows, ok := rowCount(s); ok {
		return rows >= spoolAbove/spoolRowBytes
	}
	b, err := parseBytes(s)
	return err == nil && b >= spoolAbove
}

// rowCount reads a row group size given as a row count (digits, with
// optional _ separators).
func rowCount(s string) (int64, bool) {
	rows, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 10, 64)
	return rows, err == nil
}

// parseShard reads i/N (1-based) and checks it against the block count.
func parseShard(s string, blocks int) (int, int, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("%q is not of the form i/N with 1 <= i <= N", s)
	}
	if n > blocks {
		return 0, 0, fmt.Errorf("%s for %s of rows: use at most %s", plural(int64(n), "shard"), plural(int64(blocks), "block"), plural(int64(blocks), "shard"))
	}
	return i, n, nil
}

// shardBlocks is the contiguous block range of the plan's shard.
func (p *genPlan) shardBlocks() (int, int) {
	B := p.w.Blocks()
	if p.shard == 0 {
		return 0, B
	}
	return (p.shard - 1) * B / p.shards, p.shard * B / p.shards
}

type genResult struct {
	rows    int64
	elapsed time.Duration
	size    int64
	path    string // local file or s3:// URL
	url     string // set when uploaded
	upload  time.Duration
	profile string // HTML profile written, if any
}

func (r genResult) summary() string {
	rss := ""
	if b := peakRSS(); b > 0 {
		rss = fmt.Sprintf(", peak RSS %d MB", b>>20)
	}
	return fmt.Sprintf("Generated %s in %.2f s (%s)%s, %s → %s",
		plural(r.rows, "row"), r.elapsed.Seconds(), rowRate(r.rows, r.elapsed), rss, megabytes(r.size), r.path)
}

// meta describes the plan's file; Rows is the whole dataset's (a manifest
// counts the rows of its file instead).
func (p *genPlan) meta() dataset.Meta {
	m := dataset.Meta{
		Name:              filepath.Base(p.path),
		Date:              p.date.Format(time.DateOnly),
		Rows:              p.rows,
		Seed:              strconv.FormatUint(p.seed, 10),
		Schema:            p.def.table,
		SchemaFingerprint: p.def.fingerprint,
		Version:           version,
	}
	if p.shard > 0 {
		m.Shard = fmt.Sprintf("%d/%d", p.shard, p.shards)
	}
	return m
}

// metadata is the file's Parquet key-value metadata.
func (p *genPlan) metadata() [][2]string { return p.meta().KeyValues() }

// run writes the dataset; cancelling e.ctx stops it and publishes nothing.
func (p *genPlan) run(e *env) (genResult, error) {
	start := time.Now()
	out, err := p.openOutputs(e.ctx)
	if err != nil {
		return genResult{}, err
	}
	first, end := p.shardBlocks()
	total := min(int64(end)*int64(p.w.BlockRows()), p.rows) - int64(first)*int64(p.w.BlockRows())
	opt := pqwrite.Options{Workers: p.workers, RowGroupBlocks: p.groupBlks, FirstBlock: first, EndBlock: end, Metadata: p.metadata()}
	if p.spool = largeGroups(p.groupSize); p.spool {
		opt.SpoolDir = os.TempDir()
		if out.local != nil {
			opt.SpoolDir = filepath.Dir(out.local.tmp) // beside the file, on its disk
		}
	}
	if p.groupBlks > 0 {
		p.limitMemory()
	} else {
		opt.SizeGroups = func(rowBytes float64) (int, error) {
			var err error
			p.groupBlks, err = groupBlocks(p.groupSize, p.w.BlockRows(), func() (float64, error) { return rowBytes, nil })
			if err != nil {
				return 0, fmt.Errorf("--row-group-size: %v", err)
			}
			p.limitMemory()
			return p.groupBlks, nil
		}
	}
	if p.progressTo != nil {
		opt.Progress = func(done int64) {
			fmt.Fprintf(p.progressTo, "\r%s / %s rows (%.0f%%)", commas(done), commas(total), 100*float64(done)/float64(total))
		}
	}
	st, err := pqwrite.WriteColumns(out.writer(p.path), p.w, p.def.columns, p.def.writers, opt, "paygen version "+version)
	if p.progressTo != nil {
		fmt.Fprint(p.progressTo, "\r\033[K")
	}
	if err != nil {
		out.abort()
		return genResult{}, err
	}
	if p.validate {
		if err := out.local.w.Flush(); err != nil {
			out.abort()
			return genResult{}, err
		}
		var report bytes.Buffer
		ok, err := validateAs(out.localPath(), p.path, p.contract, &report)
		if err == nil && !ok {
			e.stderr.Write(report.Bytes()) // the report says what failed
			err = errContract
		}
		if err != nil {
			out.abort()
			return genResult{}, fmt.Errorf("%w; nothing was published", err)
		}
	}
	res := genResult{rows: st.Rows, path: p.path}
	if err := e.ctx.Err(); err != nil {
		out.abort()
		return genResult{}, err
	}
	if err := p.publish(out, &res, start, p.profileSpec); err != nil {
		return genResult{}, err
	}
	if out.remote != nil {
		return res, nil
	}
	info, err := os.Stat(p.path)
	if err != nil {
		return res, err
	}
	res.size = info.Size()
	return res, nil
}
