package profile

import (
	"math"
	"strconv"
	"time"
)

// colWorker accumulates the per-column statistics of one column and cuts its
// values into row-aligned segments. It runs in its own goroutine.
type colWorker struct {
	p   *colPlan
	row int64 // global index of the next row

	missing int64
	hll     hll
	uniq    *hashSample // repeats among sampled values (uniqueness test)

	// numeric
	mom                  moments
	min, max             float64
	sum                  float64
	zeros, neg, inf, nan int64
	lh                   logHist
	scratch              []float64
	fin                  []float64

	// time (µs)
	tmin, tmax int64
	tcount     int64
	days       map[int64]int64
	curDay     int64
	curDayN    int64
	daysTrunc  bool
	hourUTC    [24]int64

	// categorical / id
	dict     *dict
	mg       *misraGries
	lenMin   int64
	lenMax   int64
	lenSum   int64
	lenCount [65]int64 // index = byte length, 64 = longer
	offsets  []int32   // UTC offset per dictionary code (local column)
	cache    []dictEntry
	dictID   int
	arena    []byte
	esBuf    []mgEntry
	utcOff   func(string) (int, bool)
	text     []byte

	// boolean
	nTrue, nFalse int64

	// segments
	win     int
	seg     *segment
	getSeg  func() *segment
	putSeg  func(*segment) bool
	winSize int

	// deterministic samples of rows
	sampleIdx []int64
	sampleCur int
	sampleVal []*string
	corrIdx   []int64
	corrCur   int
	corrVal   []float64
}

func newColWorker(p *colPlan, winSize int, sampleIdx, corrIdx []int64, utcOff func(string) (int, bool)) *colWorker {
	w := &colWorker{p: p, winSize: winSize, sampleIdx: sampleIdx, utcOff: utcOff}
	w.min, w.max = math.Inf(1), math.Inf(-1)
	w.tmin, w.tmax = math.MaxInt64, math.MinInt64
	w.lenMin = math.MaxInt64
	w.sampleVal = make([]*string, len(sampleIdx))
	if p.corrNum {
		w.corrIdx = corrIdx
		w.corrVal = make([]float64, len(corrIdx))
		for i := range w.corrVal {
			w.corrVal[i] = math.NaN()
		}
	}
	if p.kind != kBool {
		w.uniq = newHashSample(uniqCap)
	}
	switch p.kind {
	case kCategory:
		w.dict = newDict(p.dictCap)
		w.mg = newMisraGries(mgK)
	case kID:
		w.mg = newMisraGries(mgK)
	case kTime:
		w.days = make(map[int64]int64)
	}
	return w
}

// begin returns the segment for the current row, fetching a new one at a
// window start, and how many rows still fit in it.
func (w *colWorker) begin() (*segment, int) {
	if w.seg == nil {
		w.seg = w.getSeg()
		if w.seg == nil {
			return nil, 0
		}
		w.seg.win, w.seg.n = w.win, 0
	}
	return w.seg, w.winSize - w.seg.n
}

// commit records that n rows were added to the current segment.
func (w *colWorker) commit(n int) bool {
	w.seg.n += n
	w.row += int64(n)
	if w.seg.n == w.winSize {
		return w.flush()
	}
	return true
}

// flush hands the current (possibly partial, last) segment on.
func (w *colWorker) flush() bool {
	if w.seg == nil {
		return true
	}
	s := w.seg
	w.seg = nil
	w.win++
	if s.bucket != nil {
		s.fillBuckets()
	}
	return w.putSeg(s)
}

// samples records the sampled rows among [r0, r0+n).
func (w *colWorker) samples(r0 int64, n int, format func(i int) *string, value func(i int) float64) {
	end := r0 + int64(n)
	for w.sampleCur < len(w.sampleIdx) && w.sampleIdx[w.sampleCur] < end {
		w.sampleVal[w.sampleCur] = format(int(w.sampleIdx[w.sampleCur] - r0))
		w.sampleCur++
	}
	for w.corrCur < len(w.corrIdx) && w.corrIdx[w.corrCur] < end {
		w.corrVal[w.corrCur] = value(int(w.corrIdx[w.corrCur] - r0))
		w.corrCur++
	}
}

func strp(s string) *string { return &s }

// ---- numeric ----

func (w *colWorker) numericInt(vals []int64, valid []bool) error {
	buf := w.floatBuf(len(vals))
	for i, v := range vals {
		buf[i] = float64(v)
	}
	if w.p.div != 1 {
		for i := range buf {
			buf[i] /= w.p.div
		}
	}
	return w.numeric(buf, valid)
}

func (w *colWorker) floatBuf(n int) []float64 {
	if cap(w.scratch) < n {
		w.scratch = make([]float64, n)
	}
	return w.scratch[:n]
}

func (w *colWorker) numeric(vals []float64, valid []bool) error {
	for len(vals) > 0 {
		seg, room := w.begin()
		if seg == nil {
			return errStopped
		}
		n := min(room, len(vals))
		w.numericChunk(seg, vals[:n], valid[:n])
		if !w.commit(n) {
			return errStopped
		}
		vals, valid = vals[n:], valid[n:]
	}
	return nil
}

func (w *colWorker) numericChunk(seg *segment, vals []float64, valid []bool) {
	off := seg.n
	seed := w.p.seed
	fin := w.fin[:0]
	for i, v := range vals {
		if !valid[i] {
			w.missing++
			seg.hash[off+i] = nullHash(seed)
			seg.ok[off+i] = false
			continue
		}
		h := hashF64(v, seed)
		seg.hash[off+i] = h
		seg.num[off+i] = v
		w.hll.add(h)
		w.uniq.add(h)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			seg.ok[off+i] = false
			if math.IsNaN(v) {
				w.nan++
			} else {
				w.inf++
			}
			continue
		}
		seg.ok[off+i] = true
		fin = append(fin, v)
		if v < w.min {
			w.min = v
		}
		if v > w.max {
			w.max = v
		}
		if v == 0 {
			w.zeros++
		} else if v < 0 {
			w.neg++
		}
		w.lh.add(v)
	}
	for _, v := range fin {
		w.sum += v
	}
	w.fin = fin
	w.mom.addBatch(fin)
	w.samples(w.row, len(vals), func(i int) *string {
		if !valid[i] {
			return nil
		}
		return strp(formatNum(vals[i], w.p.scale, w.p.desc.Physical == "DOUBLE" || w.p.desc.Physical == "FLOAT"))
	}, func(i int) float64 {
		if !seg.ok[off+i] {
			return math.NaN()
		}
		return vals[i]
	})
}

// formatNum prints decimals with their scale, floats shortest, ints plain.
func formatNum(v float64, scale int, isFloat bool) string {
	if isFloat {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', scale, 64)
}

// ---- time ----

func (w *colWorker) times(vals []int64, valid []bool) error {
	for len(vals) > 0 {
		seg, room := w.begin()
		if seg == nil {
			return errStopped
		}
		n := min(room, len(vals))
		w.timeChunk(seg, vals[:n], valid[:n])
		if !w.commit(n) {
			return errStopped
		}
		vals, valid = vals[n:], valid[n:]
	}
	return nil
}

func (w *colWorker) toMicros(v int64) int64 {
	switch w.p.timeMul {
	case 1:
		return v
	case 1e-3:
		return floorDiv(v, 1000)
	default:
		return v * int64(w.p.timeMul)
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

const usPerDay = 86400e6
const usPerHour = 3600e6

// hourOfDay is the hour (0-23) of a time in microseconds since the epoch, also before 1970:
// a floor modulo, so -1 µs is hour 23 of 1969-12-31, not index -1.
func hourOfDay(us int64) int {
	h := floorDiv(us, usPerHour) % 24
	if h < 0 {
		h += 24
	}
	return int(h)
}

func (w *colWorker) timeChunk(seg *segment, vals []int64, valid []bool) {
	off := seg.n
	seed := w.p.seed
	for i, raw := range vals {
		if !valid[i] {
			w.missing++
			seg.hash[off+i] = nullHash(seed)
			seg.ok[off+i] = false
			continue
		}
		h := hashU64(uint64(raw), seed)
		seg.hash[off+i] = h
		w.hll.add(h)
		w.uniq.add(h)
		us := w.toMicros(raw)
		seg.num[off+i] = float64(us)
		seg.ok[off+i] = true
		w.tcount++
		if us < w.tmin {
			w.tmin = us
		}
		if us > w.tmax {
			w.tmax = us
		}
		if day := floorDiv(us, usPerDay); day != w.curDay {
			w.flushDay()
			w.curDay, w.curDayN = day, 0
		}
		w.curDayN++
		w.hourUTC[hourOfDay(us)]++
	}
	w.flushDay()
	w.samples(w.row, len(vals), func(i int) *string {
		if !valid[i] {
			return nil
		}
		return strp(time.UnixMicro(w.toMicros(vals[i])).UTC().Format("2006-01-02T15:04:05.000000Z"))
	}, nilValue)
}

// flushDay adds the running count of the current day into the map.
func (w *colWorker) flushDay() {
	if w.curDayN == 0 {
		return
	}
	if _, ok := w.days[w.curDay]; ok || len(w.days) < maxDays {
		w.days[w.curDay] += w.curDayN
	} else {
		w.daysTrunc = true
	}
	w.curDayN = 0
}

// ---- bytes (categorical, id) ----

func (w *colWorker) intText(vals []int64, valid []bool) error {
	bs := make([][]byte, len(vals))
	w.text = w.text[:0]
	for i, v := range vals {
		start := len(w.text)
		if valid[i] {
			w.text = strconv.AppendInt(w.text, v, 10)
		}
		bs[i] = w.text[start:len(w.text):len(w.text)]
	}
	// w.text may have been reallocated while appending: re-slice.
	pos := 0
	for i := range bs {
		l := len(bs[i])
		bs[i] = w.text[pos : pos+l]
		pos += l
	}
	return w.bytes(bs, valid)
}

func (w *colWorker) bytes(vals [][]byte, valid []bool) error {
	for len(vals) > 0 {
		seg, room := w.begin()
		if seg == nil {
			return errStopped
		}
		n := min(room, len(vals))
		w.bytesChunk(seg, vals[:n], valid[:n])
		if !w.commit(n) {
			return errStopped
		}
		vals, valid = vals[n:], valid[n:]
	}
	return nil
}

func (w *colWorker) bytesChunk(seg *segment, vals [][]byte, valid []bool) {
	off := seg.n
	seed := w.p.seed
	for i, v := range vals {
		if !valid[i] {
			w.missing++
			seg.hash[off+i] = nullHash(seed)
			if seg.code != nil {
				seg.code[off+i] = codeNull
				if seg.aux != nil {
					seg.aux[off+i] = noOffset
				}
			}
			continue
		}
		h := hashBytes(v, seed)
		seg.hash[off+i] = h
		w.hll.add(h)
		l := int64(len(v))
		w.lenSum += l
		if l < w.lenMin {
			w.lenMin = l
		}
		if l > w.lenMax {
			w.lenMax = l
		}
		w.lenCount[min(l, 64)]++
		code := codeOther
		if w.dict != nil {
			code = w.dict.code(v)
		}
		if code == codeOther {
			w.mg.add(h, v)
			w.uniq.add(h)
		}
		if seg.code != nil {
			seg.code[off+i] = code
			if seg.aux != nil {
				seg.aux[off+i] = w.offsetOf(code, v)
			}
		}
	}
	w.samples(w.row, len(vals), func(i int) *string {
		if !valid[i] {
			return nil
		}
		return strp(string(vals[i]))
	}, nilValue)
}

func (w *colWorker) offsetOf(code int32, v []byte) int32 {
	if w.utcOff == nil {
		return noOffset
	}
	if code < 0 {
		if m, ok := w.utcOff(string(v)); ok {
			return int32(m)
		}
		return noOffset
	}
	for int(code) >= len(w.offsets) {
		o := noOffset
		if m, ok := w.utcOff(w.dict.values[len(w.offsets)]); ok {
			o = int32(m)
		}
		w.offsets = append(w.offsets, o)
	}
	return w.offsets[code]
}

// ---- boolean ----

func (w *colWorker) boolInt(vals []int64, valid []bool) error {
	bs := make([]bool, len(vals))
	for i, v := range vals {
		bs[i] = v != 0
	}
	return w.bools(bs, valid)
}

func (w *colWorker) bools(vals []bool, valid []bool) error {
	for len(vals) > 0 {
		seg, room := w.begin()
		if seg == nil {
			return errStopped
		}
		n := min(room, len(vals))
		w.boolChunk(seg, vals[:n], valid[:n])
		if !w.commit(n) {
			return errStopped
		}
		vals, valid = vals[n:], valid[n:]
	}
	return nil
}

func (w *colWorker) boolChunk(seg *segment, vals []bool, valid []bool) {
	off := seg.n
	seed := w.p.seed
	hf, ht := hashU64(0, seed), hashU64(1, seed)
	for i, v := range vals {
		switch {
		case !valid[i]:
			w.missing++
			seg.hash[off+i] = nullHash(seed)
			seg.code[off+i] = codeNull
		case v:
			w.nTrue++
			seg.hash[off+i] = ht
			seg.code[off+i] = 1
		default:
			w.nFalse++
			seg.hash[off+i] = hf
			seg.code[off+i] = 0
		}
	}
	w.samples(w.row, len(vals), func(i int) *string {
		if !valid[i] {
			return nil
		}
		return strp(strconv.FormatBool(vals[i]))
	}, nilValue)
}

func nilValue(int) float64 { return math.NaN() }
