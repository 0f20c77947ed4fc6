package contract

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paygen/paygen/runtime/colscan"

	"github.com/paygen/paygen/runtime/dataset"
)

// Options tune Validate. The zero value is ready to use.
type Options struct {
	// Workers is the number of goroutines reading columns; 0 means min(2, GOMAXPROCS).
	Workers int
	// Samples is the number of distinct unexpected values kept per expectation; 0 means 5.
	Samples int
	// Date is the dataset date for TimeWindow; zero means the file's paygen.date metadata.
	Date time.Time
}

// Validate checks the Parquet file at path against c. The error is non-nil only when the
// file cannot be read (missing, not Parquet, truncated, corrupt); every contract failure,
// including a schema mismatch, is reported in the Report.
//
// Columns are streamed row group by row group, each column read once by one of
// Options.Workers goroutines, all expectations on that column fed from the same batches.
// Memory is bounded by the page size plus, per cross-column check, a few bytes per row of
// one row group; Unique keeps nothing while a column ascends, else one 8-byte hash per
// distinct value (reading the column a second time), and Quantile a
// 65,536-value sample.
func Validate(path string, c *Contract, opt Options) (*Report, error) {
	start := time.Now()
	if c == nil {
		return nil, errors.New("contract: nil contract")
	}
	if opt.Samples <= 0 {
		opt.Samples = 5
	}
	if opt.Workers <= 0 {
		opt.Workers = min(2, runtime.GOMAXPROCS(0))
	}
	f, err := colscan.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	rep := &Report{
		File:     path,
		Table:    c.Table,
		Metadata: f.Metadata(),
		FileInfo: FileInfo{SizeBytes: f.Size(), RowGroups: f.RowGroups(), Compression: f.Compression(), CreatedBy: f.CreatedBy()},
	}
	var unusable map[string]string
	rep.Schema, unusable = checkSchema(c, f.Columns())

	p := &plan{f: f, opt: opt, jobs: map[int]*job{}}
	exps := withNullChecks(c.Expectations, rep.Schema.Warnings)
	rep.Results = make([]Result, len(exps))
	checks := make([]check, len(exps))
	for i, e := range exps {
		rep.Results[i] = Result{
			Name: e.Name(), Expectation: e.Describe(), Kind: e.Kind.String(), Column: e.Column,
			Other: e.Other, Severity: e.Severity.String(), Source: e.Source, UnexpectedSamples: []string{},
		}
		chk, reason := p.build(e, unusable)
		if chk == nil {
			rep.Results[i].Reason = reason
			continue
		}
		checks[i] = chk
		if rc, ok := chk.(*rangeCheck); ok && rc.windowLabel != "" {
			rep.Results[i].Expectation = e.Column + " in " + rc.windowLabel
		}
	}
	if err := p.run(); err != nil {
		return nil, err
	}
	// unique checks whose column was not in ascending order read it again, with a hash set
	for i, chk := range checks {
		if u, ok := chk.(*uniqueCheck); ok {
			col := f.ColumnIndex(exps[i].Column)
			if err := u.rescan(f, col, class(f.Columns()[col].Physical)); err != nil {
				return nil, err
			}
		}
	}
	for i, chk := range checks {
		if chk != nil {
			rep.Results[i].Evaluated = true
			chk.finish(&rep.Results[i])
		}
	}
	rep.summarize(f)
	rep.ElapsedMS = float64(time.Since(start).Microseconds()) / 1000
	return rep, nil
}

func (rep *Report) summarize(f *colscan.File) {
	s := &rep.Statistics
	s.Rows, s.Columns, s.Expectations = f.NumRows(), len(f.Columns()), len(rep.Results)
	for _, r := range rep.Results {
		switch {
		case r.Success:
			s.Passed++
		case r.Severity == Warning.String():
			s.Warnings++
		default:
			s.Failed++
		}
		if r.Evaluated {
			s.Evaluated++
		} else {
			s.NotEvaluated++
		}
	}
	if s.Expectations > 0 {
		s.SuccessPct = math.Round(1e4*float64(s.Passed)/float64(s.Expectations)) / 100
	} else {
		s.SuccessPct = 100
	}
	rep.Success = rep.Schema.Success && s.Failed == 0
}

// job reads one column and feeds every consumer registered on it.
type job struct {
	col    int
	info   colscan.Column
	cost   int64
	valids []validConsumer
	bytes  []bytesConsumer
	ints   []intConsumer
	floats []floatConsumer
	bools  []boolConsumer
}

type plan struct {
	f      *colscan.File
	opt    Options
	jobs   map[int]*job
	groups []rowGrouper
	doners []rowGroupDoner
}

// class is the scan family of a physical type, "" when colscan cannot read it.
func class(physical string) string {
	switch physical {
	case "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY":
		return "bytes"
	case "INT64", "INT32":
		return "int"
	case "DOUBLE", "FLOAT":
		return "float"
	case "BOOLEAN":
		return "bool"
	}
	return ""
}

// column resolves a column name for an expectation, or explains why it cannot be used.
func (p *plan) column(name string, unusable map[string]string) (int, colscan.Column, string) {
	if name == "" {
		return -1, colscan.Column{}, "expectation names no column"
	}
	if why, bad := unusable[name]; bad {
		return -1, colscan.Column{}, name + ": " + why
	}
	i := p.f.ColumnIndex(name)
	if i < 0 {
		return -1, colscan.Column{}, name + ": column missing from the file"
	}
	c := p.f.Columns()[i]
	if !c.Scannable() {
		return -1, c, name + ": nested or repeated columns are not supported"
	}
	if class(c.Physical) == "" {
		return -1, c, name + ": physical type " + c.Physical + " is not supported"
	}
	return i, c, ""
}

// add registers consumer x on column i.
func (p *plan) add(i int, c colscan.Column, x any) {
	j := p.jobs[i]
	if j == nil {
		j = &job{col: i, info: c}
		p.jobs[i] = j
	}
	cls := class(c.Physical)
	if v, ok := x.(validConsumer); ok {
		j.valids = append(j.valids, v)
	}
	switch cls {
	case "bytes":
		if v, ok := x.(bytesConsumer); ok {
			j.bytes = append(j.bytes, v)
		}
	case "int":
		if v, ok := x.(intConsumer); ok {
			j.ints = append(j.ints, v)
		}
	case "float":
		if v, ok := x.(floatConsumer); ok {
			j.floats = append(j.floats, v)
		}
	case "bool":
		if v, ok := x.(boolConsumer); ok {
			j.bools = append(j.bools, v)
		}
	}
}

func (p *plan) grouped(x any) {
	if g, ok := x.(rowGrouper); ok {
		p.groups = append(p.groups, g)
	}
	if d, ok := x.(rowGroupDoner); ok {
		p.doners = append(p.doners, d)
	}
}

// build makes the check of e and registers its consumers, or returns why it cannot run.
func (p *plan) build(e Expectation, unusable map[string]string) (check, string) {
	if e.Kind == RowCount {
		return &rowCountCheck{e: e, rows: p.f.NumRows()}, ""
	}
	if e.Kind >= numKinds {
		return nil, "unknown expectation kind " + strconv.Itoa(int(e.Kind))
	}
	i, col, why := p.column(e.Column, unusable)
	if why != "" {
		return nil, why
	}
	cls := class(col.Physical)
	kind := numKindOf(col)
	wrongType := func(need string) (check, string) {
		return nil, fmt.Sprintf("%s needs %s, %s is %s", e.Kind, need, e.Column, col.Type())
	}
	switch e.Kind {
	case NotNull:
		c := &notNullCheck{s: sampler{max: p.opt.Samples}}
		if !col.Optional {
			// A required Parquet column has no definition levels: it cannot hold a null,
			// and the check needs no scan.
			c.rows = p.f.NumRows()
			return c, ""
		}
		p.add(i, col, c)
		return c, ""
	case NullRate:
		c := &nullRateCheck{e: e}
		p.add(i, col, c)
		return c, ""
	case InSet:
		set, err := p.setOf(e)
		if err != nil {
			return nil, "invalid expectation: " + err.Error()
		}
		switch {
		case cls == "bytes":
			c := newInSet(set)
			c.s.max = p.opt.Samples
			p.add(i, col, c)
			return c, ""
		case cls == "int" && !kind.isTime && !kind.isScaled:
			ints := make(map[int64]struct{}, len(set))
			for v := range set {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return nil, fmt.Sprintf("invalid expectation: value %q is not an integer", v)
				}
				ints[n] = struct{}{}
			}
			c := &intInSet{set: ints, kind: kind, s: sampler{max: p.opt.Samples}}
			p.add(i, col, c)
			return c, ""
		}
		return wrongType("a string or integer column")
	case Pattern:
		if cls != "bytes" {
			return wrongType("a string column")
		}
		m, err := newMatcher(e.Pattern)
		if err != nil {
			return nil, "invalid expectation: " + err.Error()
		}
		c := newPattern(m)
		c.s.max = p.opt.Samples
		p.add(i, col, c)
		return c, ""
	case Range:
		if cls != "int" && cls != "float" {
			return wrongType("a numeric or timestamp column")
		}
		c := newRange(kind, e.lo(), e.hi())
		c.s.max = p.opt.Samples
		p.add(i, col, c)
		return c, ""
	case Unique:
		c := newUnique(p.f.NumRows())
		c.kind, c.s.max = kind, p.opt.Samples
		p.add(i, col, c)
		return c, ""
	case Mean:
		if cls != "int" && cls != "float" {
			return wrongType("a numeric column")
		}
		c := &sumCheck{e: e, kind: kind}
		p.add(i, col, c)
		return c, ""
	case Quantile:
		if cls != "int" && cls != "float" {
			return wrongType("a numeric column")
		}
		if !(e.Q >= 0 && e.Q <= 1) {
			return nil, fmt.Sprintf("invalid expectation: quantile %v outside [0, 1]", e.Q)
		}
		c := newQuantile(e, kind)
		p.add(i, col, c)
		return c, ""
	case TimeWindow:
		if cls != "int" || !kind.isTime {
			return wrongType("a TIMESTAMP column")
		}
		lo, hi, label, err := p.window(e)
		if err != nil {
			return nil, err.Error()
		}
		c := newRange(kind, math.NaN(), math.NaN())
		c.lo, c.hi = toInt(lo, kind.perSec, math.Ceil, math.MinInt64), toInt(hi, kind.perSec, math.Ceil, math.MaxInt64)
		if c.hi != math.MaxInt64 {
			c.hi-- // the end of the window is exclusive
		}
		c.windowLabel, c.s.max = label, p.opt.Samples
		p.add(i, col, c)
		return c, ""
	case TrueRate:
		if cls != "bool" {
			return wrongType("a BOOLEAN column")
		}
		c := &trueRateCheck{e: e}
		p.add(i, col, c)
		return c, ""
	}

	// Cross-column checks.
	j, other, why := p.column(e.Other, unusable)
	if why != "" {
		return nil, why
	}
	switch e.Kind {
	case NullIff:
		if class(other.Physical) != "bool" {
			return nil, fmt.Sprintf("null_iff needs a BOOLEAN other column, %s is %s", e.Other, other.Type())
		}
		c, a, b := newNullIff(e)
		c.s.max = p.opt.Samples
		p.add(i, col, a)
		p.add(j, other, b)
		p.grouped(c)
		return c, ""
	case SameNulls:
		c, a, b := newSameNulls(e)
		c.s.max = p.opt.Samples
		p.add(i, col, a)
		p.add(j, other, b)
		p.grouped(c)
		return c, ""
	case CurrencyOfCountry:
		if cls != "bytes" || class(other.Physical) != "bytes" {
			return nil, fmt.Sprintf("currency_of_country needs two string columns, %s is %s and %s is %s", e.Column, col.Type(), e.Other, other.Type())
		}
		c := newCurrencyCheck()
		c.s.max = p.opt.Samples
		p.add(i, col, c.cur)
		p.add(j, other, c.cty)
		p.grouped(c)
		return c, ""
	}
	return nil, "unknown expectation kind " + e.Kind.String()
}

func (p *plan) setOf(e Expectation) (map[string]struct{}, error) {
	if e.Set != "" {
		return vocabulary(e.Set)
	}
	if len(e.Values) == 0 {
		return nil, errors.New("in_set without a vocabulary or values")
	}
	return toSet(e.Values), nil
}

// window returns the TimeWindow bounds [lo, hi) in unix seconds.
func (p *plan) window(e Expectation) (lo, hi float64, label string, err error) {
	if !math.IsNaN(e.lo()) || !math.IsNaN(e.hi()) {
		return e.lo(), e.hi(), "[" + unixText(e.lo()) + ", " + unixText(e.hi()) + ")", nil
	}
	if e.Days <= 0 {
		return 0, 0, "", fmt.Errorf("invalid expectation: time_window needs days > 0 or explicit bounds")
	}
	date := p.opt.Date
	if date.IsZero() {
		s, ok := p.f.Lookup(dataset.MetaDate)
		if !ok {
			return 0, 0, "", errors.New("no dataset date: the file has no " + dataset.MetaDate + " metadata (pass --date)")
		}
		if date, err = time.Parse(time.DateOnly, s); err != nil {
			return 0, 0, "", fmt.Errorf("%s metadata %q is not a YYYY-MM-DD date", dataset.MetaDate, s)
		}
	}
	end := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	begin := end.AddDate(0, 0, -e.Days)
	return float64(begin.Unix()), float64(end.Unix()),
		"[" + begin.Format(time.RFC3339) + ", " + end.Format(time.RFC3339) + ")", nil
}

// run reads every needed column of every row group.
func (p *plan) run() error {
	jobs := make([]*job, 0, len(p.jobs))
	for _, j := range p.jobs {
		n := len(j.valids) + len(j.bytes) + len(j.ints) + len(j.floats) + len(j.bools)
		j.cost = p.f.ColumnBytes(j.col) * int64(1+n)
		jobs = append(jobs, j)
	}
	// Longest first balances the goroutines; ties by column order for determinism.
	slices.SortFunc(jobs, func(a, b *job) int {
		if a.cost != b.cost {
			return int(b.cost - a.cost)
		}
		return a.col - b.col
	})
	workers := min(p.opt.Workers, len(jobs))
	for rg := range p.f.RowGroups() {
		start := p.f.RowGroupStart(rg)
		n := int(p.f.RowGroupStart(rg+1) - start)
		for _, g := range p.groups {
			g.rowGroupBegin(start, n)
		}
		view := p.f.InRowGroup(rg)
		errs := make([]error, len(jobs))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for {
					k := int(next.Add(1) - 1)
					if k >= len(jobs) {
						return
					}
					errs[k] = jobs[k].run(view)
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		for _, d := range p.doners {
			d.rowGroupDone(start, n)
		}
	}
	return nil
}

func (j *job) run(f *colscan.File) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("contract: internal error checking column %q: %v", j.info.Name, r)
		}
	}()
	valid := func(v []bool, row int64) {
		for _, c := range j.valids {
			c.valid(v, row)
		}
	}
	switch class(j.info.Physical) {
	case "bytes":
		return f.BytesBatches(j.col, func(b *colscan.Batch[[]byte]) error {
			valid(b.Valid, b.Row)
			for _, c := range j.bytes {
				c.bytes(b)
			}
			return nil
		})
	case "int":
		return f.Int64Batches(j.col, func(b *colscan.Batch[int64]) error {
			valid(b.Valid, b.Row)
			for _, c := range j.ints {
				c.ints(b)
			}
			return nil
		})
	case "float":
		return f.Float64Batches(j.col, func(b *colscan.Batch[float64]) error {
			valid(b.Valid, b.Row)
			for _, c := range j.floats {
				c.floats(b)
			}
			return nil
		})
	case "bool":
		return f.BoolBatches(j.col, func(b *colscan.Batch[bool]) error {
			valid(b.Valid, b.Row)
			for _, c := range j.bools {
				c.bools(b)
			}
			return nil
		})
	}
	return nil
}

// withNullChecks adds a not-null expectation for every column that is OPTIONAL in the
// file where the contract says REQUIRED (a schema warning) and that no expectation
// already checks for nulls: such a column is validated, and its nulls are errors.
func withNullChecks(exps []Expectation, warnings []SchemaIssue) []Expectation {
	out := exps
	for _, w := range warnings {
		if w.Problem != "nullability" || slices.ContainsFunc(exps, func(e Expectation) bool {
			return e.Kind == NotNull && e.Column == w.Column
		}) {
			continue
		}
		if len(out) == len(exps) {
			out = slices.Clone(exps)
		}
		out = append(out, Expectation{Kind: NotNull, Column: w.Column, Min: math.NaN(), Max: math.NaN(),
			Severity: Error, Source: "schema: required column"})
	}
	return out
}
