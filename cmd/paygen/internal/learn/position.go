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
	hourRows   [positionBins][24]int64
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
	}
	for _, a := range p.periods {
		pos := i % a.period
		bin := pos * positionBins / a.period
		a.hourRows[bin][hour]++
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
	day := floorDiv(r.EventTime, microsPerDay)
	if len(p.days) == 0 {
		p.firstDay = day
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
	var hourRate [24]float64
	for h := range hourRate {
		hourRate[h] = rate(p.hourFr[h], p.hourRows[h])
	}
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
			for h, n := range a.hourRows[b] {
				bs.Rows += n
				bs.Expected += float64(n) * hourRate[h]
				variance += float64(n) * hourRate[h] * (1 - hourRate[h])
			}
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

	var rows, fraud int64
	for _, d := range p.days {
		rows += d.Rows
		fraud += d.Fraud
	}
	g := rate(fraud, rows)
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
