package profile

// dictEntry caches what a Parquet dictionary value costs to compute once.
type dictEntry struct {
	hash       uint64
	code       int32
	off        int32
	ln         int32
	n          uint32 // rows seen with this entry in the current chunk
	start, end int32  // value bytes in the worker's arena (codeOther only)
}

// maxDictCache is the largest page dictionary cached per entry; bigger ones
// (high-cardinality columns) are processed row by row, which costs the same
// and keeps memory bounded.
const maxDictCache = 1 << 16

// prepareDict computes hash, category code, length and UTC offset once per
// entry of a page dictionary (they change at most once per column chunk).
// HyperLogLog is idempotent, so each entry is added to it once here.
func (w *colWorker) prepareDict(d [][]byte, id int) {
	if id == w.dictID && len(w.cache) == len(d) {
		return
	}
	w.finishDict()
	w.dictID = id
	if cap(w.cache) < len(d) {
		w.cache = make([]dictEntry, 0, len(d))
	}
	w.cache = w.cache[:0]
	for _, v := range d {
		e := dictEntry{hash: hashBytes(v, w.p.seed), code: codeOther, off: noOffset, ln: int32(len(v))}
		w.hll.add(e.hash)
		if w.dict != nil {
			e.code = w.dict.assign(v)
		}
		if w.p.local {
			e.off = w.offsetOf(e.code, v)
		}
		if e.code == codeOther {
			// Counted per entry, folded into the Misra-Gries summary when
			// the dictionary changes; keep a copy of the value until then.
			start := len(w.arena)
			w.arena = append(w.arena, v...)
			e.start, e.end = int32(start), int32(len(w.arena))
		}
		w.cache = append(w.cache, e)
	}
}

// finishDict folds the per-entry row counts of the current page dictionary
// into the category counts, the length statistics, the Misra-Gries summary
// and the uniqueness sample.
func (w *colWorker) finishDict() {
	if len(w.cache) == 0 {
		return
	}
	es := w.esBuf[:0]
	for i := range w.cache {
		e := &w.cache[i]
		if e.n == 0 {
			continue
		}
		n, l := int64(e.n), int64(e.ln)
		w.lenSum += l * n
		w.lenMin, w.lenMax = min(w.lenMin, l), max(w.lenMax, l)
		w.lenCount[min(l, 64)] += n
		if e.code >= 0 {
			w.dict.counts[e.code] += uint64(e.n)
			continue
		}
		es = append(es, mgEntry{hash: e.hash, count: uint64(e.n), value: w.arena[e.start:e.end]})
		w.uniq.addN(e.hash, e.n)
	}
	if len(es) > 0 {
		w.mg.addCounts(es)
	}
	w.esBuf = es[:0]
	w.cache = w.cache[:0]
	w.arena = w.arena[:0]
	w.dictID = 0
}

func (w *colWorker) bytesDictChunk(seg *segment, vals [][]byte, idx []int32, valid []bool) {
	off := seg.n
	nh := nullHash(w.p.seed)
	cache := w.cache
	hash := seg.hash[off : off+len(idx)]
	var code, aux []int32
	if seg.code != nil {
		code = seg.code[off : off+len(idx)]
	}
	if seg.aux != nil {
		aux = seg.aux[off : off+len(idx)]
	}
	for i, k := range idx {
		if !valid[i] {
			w.missing++
			hash[i] = nh
			if code != nil {
				code[i] = codeNull
			}
			if aux != nil {
				aux[i] = noOffset
			}
			continue
		}
		e := &cache[k]
		e.n++
		hash[i] = e.hash
		if code != nil {
			code[i] = e.code
		}
		if aux != nil {
			aux[i] = e.off
		}
	}
	w.samples(w.row, len(vals), func(i int) *string {
		if !valid[i] {
			return nil
		}
		return strp(string(vals[i]))
	}, nilValue)
}
