package profile

// Row-aligned analyses. Each task owns its accumulators; a window of
// segments (one per column, same rows) is handed to every task.

type crossJob struct {
	segs    []*segment
	n       int
	row0    int64   // file index of the window's first row
	fold    []uint8 // cross-fitting fold per row (with a target)
	label   []int32 // target codes (0/1/codeNull), nil without a target
	pending int32
}

type task interface {
	run(j *crossJob)
	cost() int
}

// rowHashTask hashes whole rows for the duplicate-row estimate.
type rowHashTask struct {
	cols []int
	dup  *hashSample
	buf  []uint64
}

func (t *rowHashTask) cost() int { return len(t.cols) }

func (t *rowHashTask) run(j *crossJob) {
	if cap(t.buf) < j.n {
		t.buf = make([]uint64, j.n)
	}
	rh := t.buf[:j.n]
	for i := range rh {
		rh[i] = 0
	}
	for _, c := range t.cols {
		for i, h := range j.segs[c].hash[:j.n] {
			rh[i] += h
		}
	}
	for _, h := range rh {
		t.dup.add(mix64(h))
	}
}

// Cross-fitting of category fraud rates (target encoding) for the AUC of
// categorical features: rows are dealt to cfFolds folds by a hash of their
// index, and a row is scored with its category's rate in the other folds,
// shrunk toward the overall rate by cfPrior pseudo-rows. Scoring rows with
// their own labels would flatter columns with many small categories.
const (
	cfFolds = 5
	cfPrior = 10.0
)

// foldOf is the cross-fitting fold of a row.
func foldOf(row int64) int { return int(mix64(uint64(row)+0x666f6c64) % cfFolds) }

// catTargetTask counts rows and frauds per category code and fold.
type catTargetTask struct {
	col     int
	counts  []int64 // [((fold*buckets)+bucket)*2 + label]; buckets: codes, other, null
	other   int
	buckets int
}

func newCatTargetTask(col, codes int) *catTargetTask {
	return &catTargetTask{col: col, counts: make([]int64, cfFolds*(codes+2)*2), other: codes, buckets: codes + 2}
}

// total returns the rows and frauds of bucket b over all folds.
func (t *catTargetTask) total(b int) (neg, pos int64) {
	for f := range cfFolds {
		i := (f*t.buckets + b) * 2
		neg += t.counts[i]
		pos += t.counts[i+1]
	}
	return neg, pos
}

func (t *catTargetTask) cost() int { return 1 }

func (t *catTargetTask) run(j *crossJob) {
	codes := j.segs[t.col].code[:j.n]
	for i, l := range j.label[:j.n] {
		if l < 0 {
			continue
		}
		b := int(codes[i])
		switch {
		case b == int(codeNull):
			b = t.other + 1
		case b < 0:
			b = t.other
		}
		t.counts[(int(j.fold[i])*t.buckets+b)*2+int(l)]++
	}
}

// numTargetTask splits a numeric column's sketch by label. Values are
// shifted by the first value seen, so that large offsets (timestamps in µs,
// epoch seconds) do not eat the sketch's relative resolution.
type numTargetTask struct {
	col     int
	lh      [2]logHist
	nulls   [2]int64
	shift   float64
	shifted bool
}

func (t *numTargetTask) cost() int { return 2 }

func (t *numTargetTask) run(j *crossJob) {
	s := j.segs[t.col]
	if !t.shifted {
		for i, ok := range s.ok[:j.n] {
			if ok {
				t.shift, t.shifted = s.num[i], true
				break
			}
		}
	}
	for i, l := range j.label[:j.n] {
		if l < 0 {
			continue
		}
		if s.ok[i] {
			t.lh[l].add(s.num[i] - t.shift)
		} else {
			t.nulls[l]++
		}
	}
}

// hourTask counts rows and frauds per hour of day, UTC and local, and the
// label totals.
type hourTask struct {
	timeCol  int
	localCol int // -1 without
	utc      [cfFolds][24][2]int64
	local    [cfFolds][24][2]int64
	localNA  int64 // rows whose country has no known offset
	labelled [2]int64
	// per-hour totals over all rows (no label needed)
	hourLocalAll [24]int64
}

func (t *hourTask) cost() int { return 2 }

func (t *hourTask) run(j *crossJob) {
	var ts *segment
	if t.timeCol >= 0 {
		ts = j.segs[t.timeCol]
	}
	var aux []int32
	if t.localCol >= 0 {
		aux = j.segs[t.localCol].aux
	}
	for i := 0; i < j.n; i++ {
		l := int32(-1)
		if j.label != nil {
			l = j.label[i]
			if l >= 0 {
				t.labelled[l]++
			}
		}
		if ts == nil || !ts.ok[i] {
			continue
		}
		us := int64(ts.num[i])
		fold := 0
		if l >= 0 {
			fold = int(j.fold[i])
			t.utc[fold][hourOfDay(us)][l]++
		}
		if aux == nil {
			continue
		}
		off := aux[i]
		if off == noOffset {
			t.localNA++
			continue
		}
		h := hourOfDay(us + int64(off)*60e6)
		t.hourLocalAll[h]++
		if l >= 0 {
			t.local[fold][h][l]++
		}
	}
}

// scenarioTask counts fraud rows per scenario and their mean amount.
type scenarioTask struct {
	col       int
	amountCol int // -1 without
	codes     int
	fraud     []int64   // per bucket: codes, other, null
	amtSum    []float64 // per bucket
	amtN      []int64
	offLabel  int64 // scenario set on a non-fraud row
}

func newScenarioTask(col, amountCol, codes int) *scenarioTask {
	return &scenarioTask{col: col, amountCol: amountCol, codes: codes,
		fraud: make([]int64, codes+2), amtSum: make([]float64, codes+2), amtN: make([]int64, codes+2)}
}

func (t *scenarioTask) cost() int { return 1 }

func (t *scenarioTask) run(j *crossJob) {
	codes := j.segs[t.col].code
	var amt *segment
	if t.amountCol >= 0 {
		amt = j.segs[t.amountCol]
	}
	for i, l := range j.label[:j.n] {
		c := codes[i]
		if l != 1 {
			if l == 0 && c != codeNull {
				t.offLabel++
			}
			continue
		}
		b := int(c)
		switch {
		case c == codeNull:
			b = t.codes + 1
		case c < 0:
			b = t.codes
		}
		t.fraud[b]++
		if amt != nil && amt.ok[i] {
			t.amtSum[b] += amt.num[i]
			t.amtN[b]++
		}
	}
}

// pearsonTask accumulates Pearson's r of two numeric columns.
type pearsonTask struct {
	a, b int
	acc  pearsonAcc
}

func (t *pearsonTask) cost() int { return 1 }

func (t *pearsonTask) run(j *crossJob) {
	sa, sb := j.segs[t.a], j.segs[t.b]
	for i := 0; i < j.n; i++ {
		if sa.ok[i] && sb.ok[i] {
			t.acc.add(sa.num[i], sb.num[i])
		}
	}
}

// cramerTask accumulates the contingency table of two categorical columns
// (nulls in their own row/column, left out of the coefficient).
type cramerTask struct {
	a, b  int
	table []int64 // corrStride × corrStride
}

func (t *cramerTask) cost() int { return 1 }

func (t *cramerTask) run(j *crossJob) {
	ba, bb := j.segs[t.a].bucket[:j.n], j.segs[t.b].bucket[:j.n]
	tb := t.table
	for i, x := range ba {
		tb[int(x)*corrStride+int(bb[i])]++
	}
}

// etaTask accumulates the correlation ratio of a numeric over a category.
type etaTask struct {
	num, cat int
	acc      *etaAcc
}

func (t *etaTask) cost() int { return 1 }

func (t *etaTask) run(j *crossJob) {
	sn, sc := j.segs[t.num], j.segs[t.cat]
	e := t.acc
	bk := sc.bucket[:j.n]
	ok := sn.ok[:j.n]
	num := sn.num[:j.n]
	if !e.shifted {
		for i := range num {
			if ok[i] {
				e.k, e.shifted = num[i], true
				break
			}
		}
	}
	for i, b := range bk {
		if !ok[i] {
			continue
		}
		y := num[i] - e.k
		e.n[b]++
		e.sum[b] += y
		e.ss[b] += y * y
	}
}
