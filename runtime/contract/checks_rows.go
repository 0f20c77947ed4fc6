package contract

import (
	"fmt"
	"strconv"

	"github.com/paygen/paygen/runtime/colscan"
)

// Consumers receive the batches of the column they are registered on. A check may
// implement several; the engine calls the one matching the column's physical type, and
// validConsumer for every type.
type (
	validConsumer interface{ valid(v []bool, row int64) }
	bytesConsumer interface {
		bytes(b *colscan.Batch[[]byte])
	}
	intConsumer interface {
		ints(b *colscan.Batch[int64])
	}
	floatConsumer interface {
		floats(b *colscan.Batch[float64])
	}
	boolConsumer interface {
		bools(b *colscan.Batch[bool])
	}
	// rowGroupDoner is called, single-threaded, after every column of a row group was read.
	rowGroupDoner interface{ rowGroupDone(start int64, n int) }
	// check fills the outcome fields of r once the whole file was read.
	check interface{ finish(r *Result) }
)

// notNullCheck counts null rows.
type notNullCheck struct {
	rows, nulls int64
	s           sampler
}

func (c *notNullCheck) valid(v []bool, row int64) {
	c.rows += int64(len(v))
	for i, ok := range v {
		if !ok {
			c.nulls++
			c.s.add("row " + strconv.FormatInt(row+int64(i), 10))
		}
	}
}

func (c *notNullCheck) finish(r *Result) {
	r.ElementCount, r.UnexpectedCount = c.rows, c.nulls
	r.UnexpectedPercent = pct(c.nulls, c.rows)
	r.UnexpectedSamples = c.s.list()
	r.Observed = fmt.Sprintf("%d nulls", c.nulls)
	r.Success = c.nulls == 0
}

// nullRateCheck compares the share of nulls with a band.
type nullRateCheck struct {
	e           Expectation
	rows, nulls int64
}

func (c *nullRateCheck) valid(v []bool, _ int64) {
	c.rows += int64(len(v))
	for _, ok := range v {
		if !ok {
			c.nulls++
		}
	}
}

func (c *nullRateCheck) finish(r *Result) {
	rate := 0.0
	if c.rows > 0 {
		rate = float64(c.nulls) / float64(c.rows)
	}
	r.ElementCount = c.rows
	r.ObservedValue = ptr(rate)
	r.Observed = fmt.Sprintf("%s%% null (%d of %d rows)", num(rate*100), c.nulls, c.rows)
	lo, hi := rateBand(c.e.lo(), c.e.hi(), c.rows)
	r.Observed += marginNote(c.e, lo, hi, c.rows)
	r.Success = c.rows > 0 && inBand(rate, lo, hi)
}

// trueRateCheck compares the share of true values among non-null values with a band.
type trueRateCheck struct {
	e        Expectation
	n, trues int64
}

func (c *trueRateCheck) bools(b *colscan.Batch[bool]) {
	for i, v := range b.Values {
		if b.Valid[i] {
			c.n++
			if v {
				c.trues++
			}
		}
	}
}

func (c *trueRateCheck) finish(r *Result) {
	rate := 0.0
	if c.n > 0 {
		rate = float64(c.trues) / float64(c.n)
	}
	r.ElementCount = c.n
	r.ObservedValue = ptr(rate)
	r.Observed = fmt.Sprintf("%s%% true (%d of %d)", num(rate*100), c.trues, c.n)
	lo, hi := rateBand(c.e.lo(), c.e.hi(), c.n)
	r.Observed += marginNote(c.e, lo, hi, c.n)
	r.Success = c.n > 0 && inBand(rate, lo, hi)
}

// rowCountCheck needs no scan: the row count comes from the footer.
type rowCountCheck struct {
	e    Expectation
	rows int64
}

func (c *rowCountCheck) finish(r *Result) {
	r.ElementCount = c.rows
	r.ObservedValue = ptr(float64(c.rows))
	r.Observed = fmt.Sprintf("%d rows", c.rows)
	r.Success = inBand(float64(c.rows), c.e.lo(), c.e.hi())
}
