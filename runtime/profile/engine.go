package profile

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/realism"
	"github.com/paygen/paygen/runtime/refdata"
)

// errStopped ends a scan early because another part of the run failed.
var errStopped = errors.New("profile: stopped")

const (
	winSize    = 8192 // rows per row-aligned window
	segDepth   = 5    // segments in flight per column (bounds memory)
	crossCount = 2    // goroutines running the row-aligned tasks
)

func refdataOffset(code string) (int, bool) {
	c, ok := refdata.CountryByCode(code)
	if !ok {
		return 0, false
	}
	return c.UTCOffsetMin, true
}

// pickRows returns k distinct row indices in [0, n), sorted, from a
// generator with a fixed seed (Floyd's algorithm): the same file always gives
// the same sample.
func pickRows(n int64, k int, stream uint64) []int64 {
	if k <= 0 || n <= 0 {
		return nil
	}
	if int64(k) >= n {
		out := make([]int64, n)
		for i := range out {
			out[i] = int64(i)
		}
		return out
	}
	rng := rand.New(rand.NewPCG(0x70726f66696c65, stream))
	set := make(map[int64]struct{}, k)
	for j := n - int64(k); j < n; j++ {
		t := rng.Int64N(j + 1)
		if _, dup := set[t]; dup {
			t = j
		}
		set[t] = struct{}{}
	}
	out := make([]int64, 0, k)
	for r := range set {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// state is everything accumulated during a run.
type state struct {
	plans     []*colPlan
	workers   []*colWorker
	rows      int64
	sampleIdx []int64
	corrIdx   []int64

	targetCol, timeCol, localCol, scenarioCol, amountCol int

	rowHash   *rowHashTask
	hours     *hourTask
	scenario  *scenarioTask
	catTarget map[int]*catTargetTask
	numTarget map[int]*numTargetTask
	pearson   []*pearsonTask
	cramer    []*cramerTask
	eta       []*etaTask
}

// Run profiles the Parquet file at path. spec may be nil: roles are then
// inferred from the Parquet types and column names.
func Run(path string, spec *Spec, opt Options) (*Profile, error) {
	f, err := colscan.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info := fileInfo{Path: path, Size: f.Size(), RowGroups: f.RowGroups(), Compression: f.Compression(),
		CreatedBy: f.CreatedBy(), Metadata: f.Metadata()}
	st, err := run(f, spec, opt)
	if err != nil {
		return nil, err
	}
	p := build(st, info, spec)
	if sc, err := realism.Measure(path, RealismRows); err == nil {
		p.Realism = sc // a file without the payments columns has no scorecard
	}
	return p, nil
}

// RealismRows bounds the rows the realism scorecard reads: evenly spaced
// row groups of a larger file (its calendar figures need the whole file).
const RealismRows = 2_000_000

func run(src *colscan.File, spec *Spec, opt Options) (*state, error) {
	var cols []colDesc
	for _, c := range src.Columns() {
		cols = append(cols, descOf(c))
	}
	rows := src.NumRows()
	st := &state{plans: makePlans(cols, spec, opt), rows: rows,
		targetCol: -1, timeCol: -1, localCol: -1, scenarioCol: -1, amountCol: -1,
		catTarget: map[int]*catTargetTask{}, numTarget: map[int]*numTargetTask{}}
	nSample := opt.SampleRows
	if nSample == 0 {
		nSample = 20
	}
	st.sampleIdx = pickRows(rows, nSample, 1)
	st.corrIdx = pickRows(rows, corrSampleN, 2)
	utcOff := opt.UTCOffset
	if utcOff == nil {
		utcOff = refdataOffset
	}
	st.findSpecial(spec)
	tasks := st.makeTasks()

	// Column workers, the task runners and the assembler run in one errgroup:
	// the first error cancels gctx, which stops every other goroutine.
	g, gctx := errgroup.WithContext(context.Background())
	done := gctx.Done()
	n := len(st.plans)
	st.workers = make([]*colWorker, n)
	chans := make([]chan *segment, n)
	free := make([]chan *segment, n)
	for i, p := range st.plans {
		if p.kind == kSkip {
			continue
		}
		w := newColWorker(p, winSize, st.sampleIdx, st.corrIdx, utcOff)
		st.workers[i] = w
		chans[i] = make(chan *segment, 2)
		free[i] = make(chan *segment, segDepth)
		for range segDepth {
			free[i] <- newSegment(p, winSize)
		}
		fr, ch := free[i], chans[i]
		w.getSeg = func() *segment {
			select {
			case s := <-fr:
				return s
			case <-done:
				return nil
			}
		}
		w.putSeg = func(s *segment) bool {
			select {
			case ch <- s:
				return true
			case <-done:
				return false
			}
		}
		g.Go(func() error {
			err := scanColumn(src, w)
			w.finishDict()
			if err == nil && w.row != rows {
				err = fmt.Errorf("column %q: read %d rows, the file has %d", p.desc.Name, w.row, rows)
			}
			if err == nil && !w.flush() {
				err = errStopped
			}
			if err == errStopped {
				return nil // stopped by another goroutine's error
			}
			if err != nil {
				return err
			}
			close(ch)
			return nil
		})
	}

	// Row-aligned stage: the assembler gathers one segment per column for
	// each window and hands the window to crossCount task runners.
	groups := splitTasks(tasks, crossCount)
	ins := make([]chan *crossJob, len(groups))
	for k, ts := range groups {
		in := make(chan *crossJob, 1)
		ins[k] = in
		g.Go(func() error {
			for j := range in {
				for _, t := range ts {
					t.run(j)
				}
				if atomic.AddInt32(&j.pending, -1) == 0 {
					for c, s := range j.segs {
						if s != nil {
							free[c] <- s
						}
					}
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		defer func() {
			for _, in := range ins {
				close(in)
			}
		}()
		nwin := int((rows + winSize - 1) / winSize)
		for win := 0; win < nwin; win++ {
			j := &crossJob{segs: make([]*segment, n), n: -1, pending: int32(len(ins)), row0: int64(win) * winSize}
			for c, ch := range chans {
				if ch == nil {
					continue
				}
				select {
				case s, ok := <-ch:
					if !ok {
						return fmt.Errorf("column %q ended before row %d", st.plans[c].desc.Name, int64(win)*winSize)
					}
					if j.n >= 0 && s.n != j.n {
						return fmt.Errorf("column %q is not row-aligned at row %d", st.plans[c].desc.Name, int64(win)*winSize)
					}
					j.segs[c], j.n = s, s.n
				case <-done:
					return nil
				}
			}
			if j.n < 0 {
				continue // no scannable column at all
			}
			if st.targetCol >= 0 {
				j.label = j.segs[st.targetCol].code
				j.fold = make([]uint8, j.n)
				for i := range j.fold {
					j.fold[i] = uint8(foldOf(j.row0 + int64(i)))
				}
			}
			for _, in := range ins {
				select {
				case in <- j:
				case <-done:
					return nil
				}
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return st, nil
}

// findSpecial locates the target, time, local-time, scenario and amount columns.
func (st *state) findSpecial(spec *Spec) {
	for i, p := range st.plans {
		switch {
		case p.target && st.targetCol < 0:
			st.targetCol = i
		case p.kind == kTime && st.timeCol < 0:
			st.timeCol = i
		case p.local:
			st.localCol = i
		case p.scenario:
			st.scenarioCol = i
		}
	}
	for _, p := range st.plans {
		if p.kind == kNumeric && p.desc.Name == "amount" {
			st.amountCol = p.idx
		}
	}
	if st.amountCol < 0 {
		for _, p := range st.plans {
			if p.kind == kNumeric && p.scale > 0 && p.corrNum {
				st.amountCol = p.idx
				break
			}
		}
	}
	if st.timeCol < 0 {
		st.localCol = -1
	}
}

func (st *state) makeTasks() []task {
	var ts []task
	var all []int
	for i, p := range st.plans {
		if p.kind != kSkip {
			all = append(all, i)
		}
	}
	st.rowHash = &rowHashTask{cols: all, dup: newHashSample(dupCap)}
	ts = append(ts, st.rowHash)
	if st.targetCol >= 0 || st.localCol >= 0 {
		st.hours = &hourTask{timeCol: st.timeCol, localCol: st.localCol}
		ts = append(ts, st.hours)
	}
	if st.targetCol >= 0 {
		for i, p := range st.plans {
			if !p.feature {
				continue
			}
			switch p.kind {
			case kCategory:
				t := newCatTargetTask(i, p.dictCap)
				st.catTarget[i] = t
				ts = append(ts, t)
			case kBool:
				t := newCatTargetTask(i, 2)
				st.catTarget[i] = t
				ts = append(ts, t)
			case kNumeric, kTime:
				t := &numTargetTask{col: i}
				st.numTarget[i] = t
				ts = append(ts, t)
			}
		}
		if st.scenarioCol >= 0 {
			st.scenario = newScenarioTask(st.scenarioCol, st.amountCol, dictCap)
			ts = append(ts, st.scenario)
		}
	}
	var nums, cats []int
	for i, p := range st.plans {
		if p.corrNum {
			nums = append(nums, i)
		}
		if p.corrCat {
			cats = append(cats, i)
		}
	}
	for x := range nums {
		for y := x + 1; y < len(nums); y++ {
			t := &pearsonTask{a: nums[x], b: nums[y]}
			st.pearson = append(st.pearson, t)
			ts = append(ts, t)
		}
	}
	for x := range cats {
		for y := x + 1; y < len(cats); y++ {
			t := &cramerTask{a: cats[x], b: cats[y], table: make([]int64, corrStride*corrStride)}
			st.cramer = append(st.cramer, t)
			ts = append(ts, t)
		}
	}
	for _, a := range nums {
		for _, b := range cats {
			t := &etaTask{num: a, cat: b, acc: newEtaAcc(corrCats)}
			st.eta = append(st.eta, t)
			ts = append(ts, t)
		}
	}
	return ts
}

// splitTasks deals tasks to k runners, heaviest first to the least loaded.
func splitTasks(ts []task, k int) [][]task {
	sorted := slices.Clone(ts)
	slices.SortStableFunc(sorted, func(a, b task) int { return b.cost() - a.cost() })
	out := make([][]task, k)
	load := make([]int, k)
	for _, t := range sorted {
		g := 0
		for i := range load {
			if load[i] < load[g] {
				g = i
			}
		}
		out[g] = append(out[g], t)
		load[g] += t.cost()
	}
	return out
}
