package learn

import (
	"math"
	"time"
)

// Defaults of the position check.
const (
	// DefaultPositionAlpha: a period fails when its chi-square p-value is below this. At
	// 1e-6 a file without positional structure fails one period in a million; a real
	// artefact (the block starts at 5x the average) gives p far below.
	DefaultPositionAlpha = 1e-6
	positionBins         = 10 // deciles of the position within the period
)

// DefaultPeriods are the periods whose row positions are checked: 65,536 is paygen's block
// size (generated.Config.BlockRows), the others catch structure at other scales.
var DefaultPeriods = []int64{4096, 10_000, 65_536, 100_000}

type periodAcc struct {
	period     int64
	cells      [positionBins][]int64 // rows by (day since the first, UTC hour): day*24+hour
	fraud      [positionBins]int64
	head, tail BinStats
}

// positions accumulates the fraud rate by row position and by UTC day.
type positions struct {
	periods          []*periodAcc
	hourRows, hourFr [24]int64
	firstDay         int64
	days             []BinStats // by day since firstDay
	rows             int64
	cells            []int64 // rows by (day since the first, UTC hour): day*24+hour
	clusters         clusters
}

// clusters groups fraud rows into episodes (rows of one card, or of one
// device, within clusterGap of each other), because episodes land together:
// a position bin gains a whole episode at once, so the counts vary more than
// independent rows would (by the size-biased mean episode size, Σn²/Σn),
// and the chi-square is divided by that factor.
type clusters struct {
	lastCard, lastDev map[string]clusterRef
	sizes             []int64
}

type clusterRef struct {
	t  int64
	id int
}

const clusterGap = 6 * microsPerHour

func (c *clusters) add(r *Row) {
	if c.lastCard == nil {
		c.lastCard, c.lastDev = map[string]clusterRef{}, map[string]clusterRef{}
	}
	id := -1
	if ref, ok := c.lastCard[r.CardID]; ok && r.EventTime-ref.t <= clusterGap {
		id = ref.id
	} else if r.DeviceID != nil {
		if ref, ok := c.lastDev[*r.DeviceID]; ok && r.EventTime-ref.t <= clusterGap {
			id = ref.id
		}
	}
	if id < 0 {
		id = len(c.sizes)
		c.sizes = append(c.sizes, 0)
	}
	c.sizes[id]++
	c.lastCard[r.CardID] = clusterRef{r.EventTime, id}
	if r.DeviceID != nil {
		c.lastDev[*r.DeviceID] = clusterRef{r.EventTime, id}
	}
}

// dispersion is Σn²/Σn over the clusters (1 when every fraud row stands alone).
func (c *clusters) dispersion() float64 {
	var s, s2 float64
	for _, n := range c.sizes {
		s += float64(n)
		s2 += float64(n * n)
	}
	if s == 0 {
		return 1
	}
	return s2 / s
}

func newPositions(periods []int64) *positions {
	p := &positions{}
	for _, n := range periods {
		p.periods = append(p.periods, &periodAcc{period: n})
	}
	return p
}

// add records the next row of the file.
func (p *positions) add(r *Row) {
	i := p.rows
	p.rows++
	hour := floorMod(r.EventTime, microsPerDay) / microsPerHour
	p.hourRows[hour]++
	if r.LabelFraud {
		p.hourFr[hour]++
		p.clusters.add(r)
	}
	day := floorDiv(r.EventTime, microsPerDay)
	if len(p.days) == 0 {
		p.firstDay = day
	}
	cell := int((day-p.firstDay)*24 + hour)
	for len(p.cells) <= cell {
		p.cells = append(p.cells, 0)
	}
	p.cells[cell]++
	for _, a := range p.periods {
		pos := i % a.period
		bin := pos * positionBins / a.period
		for len(a.cells[bin]) <= cell {
			a.cells[bin] = append(a.cells[bin], 0)
		}
		a.cells[bin][cell]++
		edge := max(1, a.period/32)
		var e *BinStats
		switch {
		case pos < edge:
			e = &a.head
		case pos >= a.period-edge:
			e = &a.tail
		}
		if e != nil {
			e.Rows++
		}
		if r.LabelFraud {
			a.fraud[bin]++
			if e != nil {
				e.Fraud++
			}
		}
	}
	for int64(len(p.days)) <= day-p.firstDay {
		p.days = append(p.days, BinStats{})
	}
	d := &p.days[day-p.firstDay]
	d.Rows++
	if r.LabelFraud {
		d.Fraud++
	}
}

// report computes the statistics; periods longer than half the rows are skipped.
func (p *positions) report(alpha float64) PositionReport {
	rep := PositionReport{Alpha: alpha, Periods: []PeriodStats{}, Days: []DayStats{}}
	// A row's expected fraud rate is its UTC day's rate times its hour of
	// day's factor (hour rate over the file's rate): the calendar (a Black
	// Friday in the window) and the daily cycle are not positional structure.
	var total, totalFr int64
	for h := range p.hourRows {
		total += p.hourRows[h]
		totalFr += p.hourFr[h]
	}
	g := rate(totalFr, total)
	var hourFactor [24]float64
	for h := range hourFactor {
		if g > 0 {
			hourFactor[h] = rate(p.hourFr[h], p.hourRows[h]) / g
		}
	}
	// normalise the day rates so that the expected counts sum to the fraud
	var dayNorm []float64
	for _, d := range p.days {
		dayNorm = append(dayNorm, rate(d.Fraud, d.Rows))
	}
	cellRate := func(cell int) float64 { return dayNorm[cell/24] * hourFactor[cell%24] }
	var sumExp float64
	for cell, n := range p.cells {
		sumExp += float64(n) * cellRate(cell)
	}
	scale := 1.0
	if sumExp > 0 {
		scale = float64(totalFr) / sumExp
	}
	phi := p.clusters.dispersion()
	rep.Dispersion = phi
	for _, a := range p.periods {
		if p.rows < 2*a.period {
			rep.Skipped = append(rep.Skipped, a.period)
			continue
		}
		st := PeriodStats{Period: a.period, Head: a.head, Tail: a.tail}
		st.Head.Rate = rate(a.head.Fraud, a.head.Rows)
		st.Tail.Rate = rate(a.tail.Fraud, a.tail.Rows)
		lo, hi := math.Inf(1), math.Inf(-1)
		for b := range positionBins {
			bs := BinStats{Fraud: a.fraud[b]}
			variance := 0.0
			for cell, n := range a.cells[b] {
				q := scale * cellRate(cell)
				bs.Rows += n
				bs.Expected += float64(n) * q
				variance += float64(n) * q * (1 - q)
			}
			variance *= phi
			bs.Rate = rate(bs.Fraud, bs.Rows)
			st.Bins = append(st.Bins, bs)
			lo, hi = min(lo, bs.Rate), max(hi, bs.Rate)
			if variance > 0 {
				d := float64(bs.Fraud) - bs.Expected
				st.Chi2 += d * d / variance
				st.DF++
			}
		}
		if lo > 0 {
			r := hi / lo
			st.MaxMinRatio = &r
		}
		st.DF--
		st.P = 1
		if st.DF > 0 {
			st.P = ChiSquareSF(st.Chi2, st.DF)
		}
		st.Fails = st.P < alpha
		rep.Periods = append(rep.Periods, st)
	}

	for i, d := range p.days {
		if d.Rows == 0 {
			continue
		}
		day := time.UnixMicro((p.firstDay + int64(i)) * microsPerDay).UTC().Format(time.DateOnly)
		rep.Days = append(rep.Days, DayStats{Day: day, Rows: d.Rows, Fraud: d.Fraud, Rate: rate(d.Fraud, d.Rows)})
		if v := float64(d.Rows) * g * (1 - g); v > 0 {
			e := float64(d.Fraud) - float64(d.Rows)*g
			rep.DaysChi2 += e * e / v
			rep.DaysDF++
		}
	}
	rep.DaysDF--
	rep.DaysP = 1
	if rep.DaysDF > 0 {
		rep.DaysP = ChiSquareSF(rep.DaysChi2, rep.DaysDF)
	}
	return rep
}
