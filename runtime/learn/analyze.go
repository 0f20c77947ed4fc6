package learn

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/paygen/paygen/runtime/colscan"
	"github.com/paygen/paygen/runtime/stats"
)

// Options configures an analysis. Zero fields take the defaults.
type Options struct {
	SplitDays float64    // length of the test split, counted back from the last event; default 7
	Fit       FitOptions // the baseline model
	MinAUC    float64    // lower end of the accepted ROC-AUC band; default 0.85
	MaxAUC    float64    // upper end; default 0.97
	LeakAUC   float64    // a raw column separating better than this is a leak; default stats.LeakAUC (0.90)

	RuleMinSupport   int64   // rules matching fewer rows are not counted; default 50
	RuleMaxPrecision float64 // a counted rule this precise is a leak; default 0.9
	PositionAlpha    float64 // a row-position p-value below this is a leak; default 1e-6
	Periods          []int64 // periods of the row-position check; default DefaultPeriods

	// Extra names columns of the file beyond Row's that the leak checks cover too (a
	// schema's declared columns; AnalyzeFile reads them); Labels names the file's columns
	// that are the label or known only with it, beyond LabelColumns (reported, not scored).
	Extra  []string
	Labels []string
}

// Defaults of Options.
const (
	DefaultSplitDays = 7
	DefaultMinAUC    = 0.85
	DefaultMaxAUC    = 0.97
	DefaultLeakAUC   = stats.LeakAUC
)

func (o Options) withDefaults() Options {
	if o.SplitDays == 0 {
		o.SplitDays = DefaultSplitDays
	}
	if o.MinAUC == 0 {
		o.MinAUC = DefaultMinAUC
	}
	if o.MaxAUC == 0 {
		o.MaxAUC = DefaultMaxAUC
	}
	if o.LeakAUC == 0 {
		o.LeakAUC = DefaultLeakAUC
	}
	if o.RuleMinSupport == 0 {
		o.RuleMinSupport = DefaultRuleMinSupport
	}
	if o.RuleMaxPrecision == 0 {
		o.RuleMaxPrecision = DefaultRuleMaxPrecision
	}
	if o.PositionAlpha == 0 {
		o.PositionAlpha = DefaultPositionAlpha
	}
	if o.Periods == nil {
		o.Periods = DefaultPeriods
	}
	if o.Fit.Lambda == 0 {
		o.Fit.Lambda = DefaultLambda
	}
	return o
}

type columnState struct {
	col     rawColumn
	scorers []scorer
	scores  [][]float64 // per scorer, one score per test row
}

type weekAcc struct {
	rows, fraud int64
	scenarios   map[string]int64
}

type scenarioAcc struct {
	train, test int64
	sums        [NumFeatures]float64
}

// Analyzer streams rows (in event_time order) and produces a Report. Train rows are those
// with event_time before the split time; the rest are the test split.
type Analyzer struct {
	opt     Options
	splitAt int64
	ext     *Extractor
	feat    []float32

	trainX, testX []float32
	trainY, testY []bool
	testScenario  []int32 // index into scenarioNames, −1 for non-fraud
	scenarioIndex map[string]int32
	scenarioNames []string
	scenarios     []scenarioAcc
	cols          []*columnState
	frozen        bool
	train, test   SplitStats
	rows, fraud   int64
	minT, maxT    int64
	weeks         map[string]*weekAcc
	legitSums     [NumFeatures]float64
	week          *weekAcc // the week of weekDay
	weekDay       int64    // days since the epoch of the last row
	gaps          LabelGaps
	miner         *ruleMiner
	pos           *positions
	cur           []colscan.Cell // the extra columns of the row Add holds
}

// NewAnalyzer returns an Analyzer whose test split is the SplitDays before maxTime
// (the last event time of the data). It reads Row's columns only: Options.Extra needs
// AnalyzeFile.
func NewAnalyzer(maxTime time.Time, opt Options) (*Analyzer, error) {
	if len(opt.Extra) > 0 {
		return nil, errors.New("extra columns are read by AnalyzeFile")
	}
	return newAnalyzer(maxTime, opt, nil)
}

// newAnalyzer is NewAnalyzer with the extra columns' types; addWith gives their values.
func newAnalyzer(maxTime time.Time, opt Options, extra []ExtraColumn) (*Analyzer, error) {
	opt = opt.withDefaults()
	if !(opt.SplitDays > 0) || math.IsInf(opt.SplitDays, 0) {
		return nil, fmt.Errorf("split days must be a positive number, got %v", opt.SplitDays)
	}
	if opt.RuleMinSupport < 1 {
		return nil, fmt.Errorf("rule min support must be at least 1, got %d", opt.RuleMinSupport)
	}
	if !(opt.RuleMaxPrecision > 0 && opt.RuleMaxPrecision <= 1) {
		return nil, fmt.Errorf("rule max precision must be in (0, 1], got %v", opt.RuleMaxPrecision)
	}
	if !(opt.PositionAlpha > 0 && opt.PositionAlpha < 1) {
		return nil, fmt.Errorf("position alpha must be in (0, 1), got %v", opt.PositionAlpha)
	}
	for _, p := range opt.Periods {
		if p < positionBins {
			return nil, fmt.Errorf("position periods must be at least %d rows, got %d", positionBins, p)
		}
	}
	a := &Analyzer{
		opt:           opt,
		splitAt:       maxTime.UnixMicro() - int64(opt.SplitDays*float64(microsPerDay)),
		ext:           NewExtractor(),
		feat:          make([]float32, NumFeatures),
		scenarioIndex: map[string]int32{},
		weeks:         map[string]*weekAcc{},
		minT:          math.MaxInt64,
		pos:           newPositions(opt.Periods),
		maxT:          math.MinInt64,
	}
	cols := slices.Clone(rawColumns)
	var fams []*family
	var values []func() string
	for k, e := range extra {
		cols = append(cols, extraRaw(e.Name, e.Type, k, &a.cur))
		if f, v := extraFamily(e.Name, e.Type, k, &a.cur); f != nil {
			fams, values = append(fams, f), append(values, v)
		}
	}
	a.miner = newRuleMiner(fams, values)
	for i, c := range cols {
		a.cols = append(a.cols, &columnState{col: c, scorers: scorersFor(c, uint64(i+1))})
	}
	for _, c := range a.cols {
		c.scores = make([][]float64, len(c.scorers))
	}
	return a, nil
}

// ErrOutOfOrder is returned by Add for a row earlier than the row before it.
var ErrOutOfOrder = errors.New("rows are not in event_time order")

// Add processes the next row.
func (a *Analyzer) Add(r *Row) error { return a.addWith(r, nil) }

// addWith processes the next row, whose extra columns are x.
func (a *Analyzer) addWith(r *Row, x []colscan.Cell) error {
	a.cur = x
	if a.rows > 0 && r.EventTime < a.maxT {
		return fmt.Errorf("row %d: %w (%s after %s)", a.rows, ErrOutOfOrder,
			rowTime(r).Format(time.RFC3339Nano), time.UnixMicro(a.maxT).UTC().Format(time.RFC3339Nano))
	}
	a.rows++
	a.minT = min(a.minT, r.EventTime)
	a.maxT = r.EventTime
	if r.LabelFraud {
		a.fraud++
	}
	scen := int32(-1)
	switch {
	case r.LabelFraud && r.FraudScenario == nil:
		a.gaps.FraudWithoutScenario++
		scen = a.scenario("(none)")
	case r.LabelFraud:
		scen = a.scenario(*r.FraudScenario)
	case r.FraudScenario != nil:
		a.gaps.ScenarioWithoutFraud++
	}
	a.addWeek(r, scen)
	a.miner.add(r, scen)
	a.pos.add(r)

	a.ext.Next(r, a.feat)
	sums := &a.legitSums
	if scen >= 0 {
		sums = &a.scenarios[scen].sums
	}
	for j, v := range a.feat {
		sums[j] += float64(v)
	}
	if r.EventTime < a.splitAt {
		a.trainX = append(a.trainX, a.feat...)
		a.trainY = append(a.trainY, r.LabelFraud)
		addSplit(&a.train, r.LabelFraud)
		if scen >= 0 {
			a.scenarios[scen].train++
		}
		for _, c := range a.cols {
			for _, s := range c.scorers {
				s.train(r, r.LabelFraud)
			}
		}
		return nil
	}
	if !a.frozen {
		a.freeze()
	}
	a.testX = append(a.testX, a.feat...)
	a.testY = append(a.testY, r.LabelFraud)
	a.testScenario = append(a.testScenario, scen)
	addSplit(&a.test, r.LabelFraud)
	if scen >= 0 {
		a.scenarios[scen].test++
	}
	for _, c := range a.cols {
		for k, s := range c.scorers {
			c.scores[k] = append(c.scores[k], s.score(r))
		}
	}
	return nil
}

func (a *Analyzer) freeze() {
	a.frozen = true
	g := rate(a.train.Fraud, a.train.Rows)
	for _, c := range a.cols {
		for _, s := range c.scorers {
			s.freeze(g)
		}
	}
}

func (a *Analyzer) scenario(name string) int32 {
	i, ok := a.scenarioIndex[name]
	if !ok {
		i = int32(len(a.scenarioNames))
		a.scenarioIndex[name] = i
		a.scenarioNames = append(a.scenarioNames, name)
		a.scenarios = append(a.scenarios, scenarioAcc{})
	}
	return i
}

func (a *Analyzer) addWeek(r *Row, scen int32) {
	day := floorDiv(r.EventTime, microsPerDay)
	acc := a.week
	if acc == nil || day != a.weekDay {
		y, w := rowTime(r).ISOWeek()
		key := fmt.Sprintf("%04d-W%02d", y, w)
		acc = a.weeks[key]
		if acc == nil {
			acc = &weekAcc{scenarios: map[string]int64{}}
			a.weeks[key] = acc
		}
		a.week, a.weekDay = acc, day
	}
	acc.rows++
	if r.LabelFraud {
		acc.fraud++
	}
	if scen >= 0 {
		acc.scenarios[a.scenarioNames[scen]]++
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

func addSplit(s *SplitStats, fraud bool) {
	s.Rows++
	if fraud {
		s.Fraud++
	}
}

func rate(k, n int64) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

func ptr(v float64, ok bool) *float64 {
	if !ok || math.IsNaN(v) {
		return nil
	}
	return &v
}

// Finish fits the baseline on the train split, scores the test split and returns the report.
func (a *Analyzer) Finish() (*Report, error) {
	if a.rows == 0 {
		return nil, errors.New("no rows")
	}
	if a.train.Rows == 0 {
		return nil, fmt.Errorf("the train split is empty: every row is within %v days of the last event", a.opt.SplitDays)
	}
	if !a.frozen {
		a.freeze()
	}
	o := a.opt
	rep := &Report{
		Rows: a.rows, Fraud: a.fraud, Prevalence: rate(a.fraud, a.rows),
		MinTime: time.UnixMicro(a.minT).UTC(), MaxTime: time.UnixMicro(a.maxT).UTC(),
		SplitTime: time.UnixMicro(a.splitAt).UTC(), SplitDays: o.SplitDays,
		Train: a.train, Test: a.test, LabelGaps: a.gaps,
		Verdict: Verdict{MinAUC: o.MinAUC, MaxAUC: o.MaxAUC, LeakAUC: o.LeakAUC, Leaks: []string{}, Reasons: []string{},
			RuleMinSupport: o.RuleMinSupport, RuleMaxPrecision: o.RuleMaxPrecision, PositionAlpha: o.PositionAlpha},
	}
	rep.Train.Prevalence = rate(a.train.Fraud, a.train.Rows)
	rep.Test.Prevalence = rate(a.test.Fraud, a.test.Rows)

	// the boosted trees and the rules read what the rows left and write their own parts of
	// rep, so they run beside the logistic regression
	var wg sync.WaitGroup
	var boostErr error
	wg.Go(func() { boostErr = a.boosted(rep) })
	wg.Go(func() {
		rep.Rules = a.miner.mine(o.RuleMinSupport, o.RuleMaxPrecision, a.scenarioNames)
		rep.Positions = a.pos.report(o.PositionAlpha)
	})
	testScores, err := a.model(rep)
	if err == nil {
		a.scenarioStats(rep, testScores)
		a.footprints(rep)
		a.weekStats(rep)
		a.columnStats(rep)
	}
	wg.Wait()
	if err == nil {
		err = boostErr
	}
	if err != nil {
		return nil, err
	}
	a.verdict(rep)
	return rep, nil
}

// model fits the baseline and fills rep.Model; it returns the test logits (nil without a model).
func (a *Analyzer) model(rep *Report) ([]float64, error) {
	o := a.opt
	m := &rep.Model
	m.Kind = "L2-regularised logistic regression (Newton/IRLS) on standardised features"
	m.Lambda, m.Balanced = o.Fit.Lambda, o.Fit.Balanced
	m.RandomAP = rep.Test.Prevalence
	d := NumFeatures
	for j, name := range FeatureNames {
		col := make([]float64, len(a.testY))
		for i := range col {
			col[i] = float64(a.testX[i*d+j])
		}
		auc, ok := stats.ROCAUC(col, a.testY)
		m.Features = append(m.Features, FeatureReport{Name: name, Univariate: ptr(stats.Separation(auc), ok)})
	}
	switch {
	case a.train.Fraud == 0:
		m.NotFitted = "the train split has no fraud rows"
		return nil, nil
	case a.train.Fraud == a.train.Rows:
		m.NotFitted = "the train split has only fraud rows"
		return nil, nil
	}
	lr, err := FitLogReg(a.trainX, d, a.trainY, o.Fit)
	if err != nil {
		return nil, err
	}
	m.Iterations, m.Converged, m.Intercept = lr.Iterations, lr.Converged, lr.Intercept
	for j := range m.Features {
		m.Features[j].Weight, m.Features[j].Mean, m.Features[j].Std = lr.Weights[j], lr.Mean[j], lr.Std[j]
	}
	scores := make([]float64, len(a.testY))
	for i := range scores {
		scores[i] = lr.Logit(a.testX[i*d : (i+1)*d])
	}
	m.ROCAUC = ptr(stats.ROCAUC(scores, a.testY))
	m.AP = ptr(stats.AveragePrecision(scores, a.testY))
	return scores, nil
}

func (a *Analyzer) scenarioStats(rep *Report, scores []float64) {
	rep.Scenarios = []ScenarioStats{}
	var neg []float64
	if scores != nil {
		neg = a.negatives(scores)
	}
	order := slices.Clone(a.scenarioNames)
	slices.Sort(order)
	for _, name := range order {
		i := a.scenarioIndex[name]
		acc := a.scenarios[i]
		st := ScenarioStats{
			Scenario: name, Rows: acc.train + acc.test,
			TrainRows: acc.train, TestRows: acc.test,
		}
		st.ShareOfFraud = rate(st.Rows, a.fraud)
		st.Prevalence = rate(st.Rows, a.rows)
		if scores != nil {
			st.TestROCAUC = a.scenarioAUC(i, scores, neg)
		}
		rep.Scenarios = append(rep.Scenarios, st)
	}
}

// negatives returns the scores of the test non-fraud rows, sorted.
func (a *Analyzer) negatives(scores []float64) []float64 {
	var neg []float64
	for k, sc := range a.testScenario {
		if sc < 0 {
			neg = append(neg, scores[k])
		}
	}
	slices.SortFunc(neg, cmp.Compare[float64])
	return neg
}

// scenarioAUC is the ROC-AUC of scenario i's test rows against all test non-fraud rows
// (neg: their scores, sorted).
func (a *Analyzer) scenarioAUC(i int32, scores, neg []float64) *float64 {
	var pos []float64
	for k, sc := range a.testScenario {
		if sc == i {
			pos = append(pos, scores[k])
		}
	}
	return ptr(stats.AUCAgainst(pos, neg))
}

// boosted fits the gradient-boosted trees on the train split and scores the test split.
func (a *Analyzer) boosted(rep *Report) error {
	o := GBDTOptions{}.withDefaults()
	b := &rep.Boosted
	b.Kind = "gradient-boosted trees (logistic loss, histogram splits) on the same features"
	b.Trees, b.Depth, b.LearningRate, b.Bins, b.NegativeRate = o.Trees, o.Depth, o.LearningRate, o.Bins, o.NegativeRate
	b.ScenarioAUC = map[string]*float64{}
	if a.train.Fraud == 0 || a.train.Fraud == a.train.Rows {
		b.NotFitted = "the train split needs fraud and non-fraud rows"
		return nil
	}
	m, err := FitGBDT(a.trainX, NumFeatures, a.trainY, o)
	if err != nil {
		return err
	}
	b.TrainRows = m.TrainRows
	scores := make([]float64, len(a.testY))
	for i := range scores {
		scores[i] = m.Logit(a.testX[i*NumFeatures : (i+1)*NumFeatures])
	}
	b.ROCAUC = ptr(stats.ROCAUC(scores, a.testY))
	b.AP = ptr(stats.AveragePrecision(scores, a.testY))
	neg := a.negatives(scores)
	for i, name := range a.scenarioNames {
		b.ScenarioAUC[name] = a.scenarioAUC(int32(i), scores, neg)
	}
	return nil
}

func (a *Analyzer) footprints(rep *Report) {
	means := func(sums *[NumFeatures]float64, n int64) []float64 {
		m := make([]float64, NumFeatures)
		for j := range m {
			if n > 0 {
				m[j] = sums[j] / float64(n)
			}
		}
		return m
	}
	legit := a.rows - a.fraud
	rep.Footprints = []Footprint{{Group: "non-fraud", Rows: legit, Means: means(&a.legitSums, legit)}}
	for _, s := range rep.Scenarios {
		acc := &a.scenarios[a.scenarioIndex[s.Scenario]]
		rep.Footprints = append(rep.Footprints, Footprint{Group: s.Scenario, Rows: s.Rows, Means: means(&acc.sums, s.Rows)})
	}
}

func (a *Analyzer) weekStats(rep *Report) {
	rep.Weeks = []WeekStats{}
	keys := make([]string, 0, len(a.weeks))
	for k := range a.weeks {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		w := a.weeks[k]
		rep.Weeks = append(rep.Weeks, WeekStats{Week: k, Rows: w.rows, Fraud: w.fraud,
			Prevalence: rate(w.fraud, w.rows), Scenarios: w.scenarios})
	}
}

func (a *Analyzer) columnStats(rep *Report) {
	rep.Columns = []ColumnReport{}
	for _, c := range a.cols {
		cr := ColumnReport{Name: c.col.name, Type: c.col.typ, Methods: []MethodReport{}}
		for k, s := range c.scorers {
			if !s.applicable() {
				continue
			}
			auc, ok := stats.ROCAUC(c.scores[k], a.testY)
			mr := MethodReport{Method: s.method(), AUC: ptr(auc, ok), Separation: ptr(stats.Separation(auc), ok)}
			cr.Methods = append(cr.Methods, mr)
			if mr.Separation != nil && (cr.Best == nil || *mr.Separation > *cr.Best) {
				cr.Best, cr.BestMethod = mr.Separation, mr.Method
			}
		}
		cr.Leak = cr.Best != nil && stats.Leaky(*cr.Best, a.opt.LeakAUC)
		rep.Columns = append(rep.Columns, cr)
	}
}

func (a *Analyzer) verdict(rep *Report) {
	v := &rep.Verdict
	for _, c := range rep.Columns {
		if c.Leak {
			v.Leaks = append(v.Leaks, c.Name)
			v.Reasons = append(v.Reasons, fmt.Sprintf("LEAK: column %s alone reaches %.4f (%s) > %g",
				c.Name, *c.Best, c.BestMethod, v.LeakAUC))
		}
	}
	if r := rep.Rules; r.Failing > 0 {
		msg := fmt.Sprintf("RULE: %d rules with support ≥ %d reach precision ≥ %g", r.Failing, r.MinSupport, r.MaxPrecision)
		if len(r.Top) > 0 && r.Top[0].Fails {
			t := r.Top[0]
			msg += fmt.Sprintf(", e.g. %s: %d of %d rows fraud", strings.Join(t.Conditions, " AND "), t.Fraud, t.Support)
		}
		v.Reasons = append(v.Reasons, msg)
	}
	for _, p := range rep.Positions.Periods {
		if p.Fails {
			v.Reasons = append(v.Reasons, fmt.Sprintf("POSITION: the fraud rate depends on the row index mod %d (chi-square %.1f, %d df, p = %.2g < %g)",
				p.Period, p.Chi2, p.DF, p.P, rep.Positions.Alpha))
		}
	}
	m := rep.Model
	switch {
	case m.NotFitted != "":
		v.Reasons = append(v.Reasons, "no model: "+m.NotFitted)
	case m.ROCAUC == nil:
		v.Reasons = append(v.Reasons, "ROC-AUC undefined: the test split needs fraud and non-fraud rows")
	case *m.ROCAUC < v.MinAUC:
		v.Reasons = append(v.Reasons, fmt.Sprintf("ROC-AUC %.4f is below %g (too hard to learn)", *m.ROCAUC, v.MinAUC))
	case *m.ROCAUC > v.MaxAUC:
		v.Reasons = append(v.Reasons, fmt.Sprintf("ROC-AUC %.4f is above %g (too easy)", *m.ROCAUC, v.MaxAUC))
	}
	v.Pass = len(v.Reasons) == 0
}

// Analyze runs an analysis over rows already in memory (in event_time order).
func Analyze(rows []Row, opt Options) (*Report, error) {
	if len(rows) == 0 {
		return nil, errors.New("no rows")
	}
	a, err := NewAnalyzer(rowTime(&rows[len(rows)-1]), opt)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		if err := a.Add(&rows[i]); err != nil {
			return nil, err
		}
	}
	return a.Finish()
}
