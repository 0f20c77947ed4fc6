package learn

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/paygen/paygen/runtime/colscan"
)

// BatchRows is how many rows AnalyzeFile reads at a time.
const BatchRows = 4096

// Live memory of an analysis: what the Analyzer keeps per row (the train split's features
// and labels, every row's rule conditions, amounts and labels, the test split's scores for
// every column and scorer; measured 322 MB after reading 1 M paygen rows) and during Finish
// (the models, the sorted scores), with a margin.
const (
	liveBase   = 64 << 20
	livePerRow = 420
)

// LiveBytes is the memory an analysis of rows rows keeps live at its peak, as a soft memory
// limit (runtime/debug.SetMemoryLimit) for the process: the collector then runs before the
// heap doubles the live memory (which it does with the default GOGC).
func LiveBytes(rows int64) int64 { return liveBase + livePerRow*rows }

// AnalyzeFile reads a paygen Parquet file and analyses it. Errors describe unreadable
// files, missing or mistyped columns and rows out of event_time order; they never panic.
func AnalyzeFile(path string, opt Options) (rep *Report, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	cf, err := colscan.Open(path)
	if err != nil {
		return nil, unreadable(path, err)
	}
	defer cf.Close()
	cols, unchecked, err := checkSchema(cf.Columns())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if cf.NumRows() == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	maxTime, err := lastEventTime(cf, cols)
	if err != nil {
		return nil, unreadable(path, err)
	}
	extra, extraCols, err := resolveExtra(cf.Columns(), opt.Extra)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	a, err := newAnalyzer(time.UnixMicro(maxTime), opt, extra)
	if err != nil {
		return nil, err
	}
	if err := readRows(cf, a, extraCols); err != nil {
		if strings.HasPrefix(err.Error(), "colscan: ") {
			return nil, unreadable(path, err)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rep, err = a.Finish()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rep.File = path
	read := slices.Concat(opt.Extra, opt.Labels)
	for _, c := range unchecked {
		if !slices.Contains(read, c) {
			rep.Unchecked = append(rep.Unchecked, c)
		}
	}
	rep.Labels = opt.Labels
	return rep, nil
}

// unreadable words a colscan error as "PATH: not a readable Parquet file: REASON".
func unreadable(path string, err error) error {
	msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "colscan: "), path+": ")
	return fmt.Errorf("%s: not a readable Parquet file: %s", path, msg)
}

// lastEventTime returns event_time of the last row (the latest, as rows are in time order;
// readRows checks that), reading only the last row group's event_time column.
func lastEventTime(cf *colscan.File, cols []int) (last int64, err error) {
	col := cols[slices.IndexFunc(rowFields, func(f colscan.Field) bool { return f.Name == "event_time" })]
	for g := cf.RowGroups() - 1; g >= 0; g-- {
		if cf.RowGroupRows()[g] == 0 {
			continue
		}
		err := cf.InRowGroup(g).ScanInt64(col, func(vals []int64, _ []bool) error {
			last = vals[len(vals)-1]
			return nil
		})
		return last, err
	}
	return 0, errors.New("no rows")
}

// checkSchema verifies that every column of Row is present with its physical type and
// nullability, and returns the file's column index of each of rowFields and the file's
// top-level columns that Row does not read.
func checkSchema(file []colscan.Column) (cols []int, unchecked []string, err error) {
	have := map[string]int{}
	for i, c := range file {
		have[c.Name] = i
	}
	var problems []string
	known := map[string]bool{}
	for _, w := range rowFields {
		known[w.Name] = true
		i, ok := have[w.Name]
		if !ok {
			problems = append(problems, "missing column "+w.Name)
			continue
		}
		cols = append(cols, i)
		switch h := file[i]; {
		case h.Nested:
			problems = append(problems, fmt.Sprintf("column %s is a group, want %s", w.Name, w.Physical))
		case h.Physical != w.Physical:
			problems = append(problems, fmt.Sprintf("column %s has type %s, want %s", w.Name, h.Type(), w.Physical))
		case h.Repeated:
			problems = append(problems, fmt.Sprintf("column %s is repeated", w.Name))
		case !w.Optional && h.Optional:
			problems = append(problems, fmt.Sprintf("column %s is optional, want required", w.Name))
		case w.Name == "event_time" && !(strings.HasPrefix(h.Logical, "TIMESTAMP") && h.TimeUnit == "MICROS"):
			problems = append(problems, fmt.Sprintf("column event_time has type %s, want TIMESTAMP(MICROS)", h.Type()))
		}
	}
	if len(problems) > 0 {
		return nil, nil, errors.New(strings.Join(problems, "; "))
	}
	for _, c := range file {
		if !known[c.Name] {
			unchecked = append(unchecked, c.Name)
		}
	}
	return cols, unchecked, nil
}
