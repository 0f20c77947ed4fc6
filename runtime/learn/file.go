package learn

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/paygen/paygen/runtime/colscan"
)

// BatchRows is how many rows AnalyzeFile reads at a time.
const BatchRows = 4096

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
	// parquet-go decodes the pages: colscan checks the footer and the page headers
	// against the row counts and its memory budget first.
	cf, err := colscan.Open(path)
	if err == nil {
		err = cf.CheckPages()
		cf.Close()
	}
	if err != nil {
		msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "colscan: "), path+": ")
		return nil, fmt.Errorf("%s: not a readable Parquet file: %s", path, msg)
	}
	pf, err := openParquet(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	unchecked, err := checkSchema(pf.Schema())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if pf.NumRows() == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	maxTime, err := lastEventTime(pf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	a, err := NewAnalyzer(time.UnixMicro(maxTime), opt)
	if err != nil {
		return nil, err
	}
	if err := readRows(pf, a); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rep, err = a.Finish()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rep.File = path
	rep.Unchecked = unchecked
	return rep, nil
}

func openParquet(r io.ReaderAt, size int64) (pf *parquet.File, err error) {
	defer recoverTo(&err)
	return parquet.OpenFile(r, size)
}

// recoverTo turns a panic inside parquet-go (e.g. on a corrupt file) into an error.
func recoverTo(err *error) {
	if v := recover(); v != nil {
		*err = fmt.Errorf("corrupt or unsupported Parquet data: %v", v)
	}
}

// lastEventTime returns event_time of the last row (the latest, as rows are in time order;
// readRows checks that), reading only the last row group's event_time column.
func lastEventTime(pf *parquet.File) (last int64, err error) {
	defer recoverTo(&err)
	type eventTime struct {
		EventTime int64 `parquet:"event_time,timestamp(microsecond)"`
	}
	groups := pf.RowGroups()
	for g := len(groups) - 1; g >= 0; g-- {
		n := groups[g].NumRows()
		if n == 0 {
			continue
		}
		r := parquet.NewGenericRowGroupReader[eventTime](groups[g])
		defer r.Close()
		if err := r.SeekToRow(n - 1); err != nil {
			return 0, err
		}
		buf := make([]eventTime, 1)
		if k, err := r.Read(buf); k != 1 {
			return 0, fmt.Errorf("read the last event_time: %w", err)
		}
		return buf[0].EventTime, nil
	}
	return 0, errors.New("no rows")
}

func readRows(pf *parquet.File, a *Analyzer) (err error) {
	defer recoverTo(&err)
	r := parquet.NewGenericReader[Row](pf)
	defer r.Close()
	buf := make([]Row, BatchRows)
	for {
		clear(buf)
		n, rerr := r.Read(buf)
		for i := 0; i < n; i++ {
			if err := a.Add(&buf[i]); err != nil {
				return err
			}
		}
		if errors.Is(rerr, io.EOF) {
			return nil
		}
		if rerr != nil {
			return rerr
		}
	}
}

// checkSchema verifies that every column of Row is present with its physical type and
// returns the file's top-level columns that Row does not read.
func checkSchema(file *parquet.Schema) (unchecked []string, err error) {
	want := parquet.SchemaOf(Row{})
	have := map[string]parquet.Field{}
	for _, f := range file.Fields() {
		have[f.Name()] = f
	}
	var problems []string
	known := map[string]bool{}
	for _, w := range want.Fields() {
		known[w.Name()] = true
		h, ok := have[w.Name()]
		switch {
		case !ok:
			problems = append(problems, "missing column "+w.Name())
		case !h.Leaf():
			problems = append(problems, fmt.Sprintf("column %s is a group, want %s", w.Name(), w.Type()))
		case h.Type().Kind() != w.Type().Kind():
			problems = append(problems, fmt.Sprintf("column %s has type %s, want %s", w.Name(), h.Type(), w.Type()))
		case h.Repeated():
			problems = append(problems, fmt.Sprintf("column %s is repeated", w.Name()))
		case w.Required() && h.Optional():
			problems = append(problems, fmt.Sprintf("column %s is optional, want required", w.Name()))
		}
	}
	if len(problems) == 0 {
		if !isTimestampMicros(have["event_time"].Type()) {
			problems = append(problems, fmt.Sprintf("column event_time has type %s, want TIMESTAMP(MICROS)", have["event_time"].Type()))
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	for _, f := range file.Fields() {
		if !known[f.Name()] {
			unchecked = append(unchecked, f.Name())
		}
	}
	return unchecked, nil
}

func isTimestampMicros(t parquet.Type) bool {
	lt := t.LogicalType()
	if lt == nil {
		return false
	}
	ts, ok := lt.Value.(*format.TimestampType)
	return ok && ts.Unit.Value != nil && ts.Unit.Value.Duration() == time.Microsecond
}
