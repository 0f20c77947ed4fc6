package profile

// dictEntry caches what a Parquet dictionary value costs to compute once.
type dictEntry struct {
	hash uint64
	code int32
	off  int32
	ln   int32
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
		w.cache = append(w.cache, e)
	}
}

func (w *colWorker) bytesDictChunk(seg *segment, vals [][]byte, idx []int32, valid []bool) {
	off := seg.n
	seed := w.p.seed
	var counts []uint64
	if w.dict != nil {
		counts = w.dict.counts
	}
	for i, k := range idx {
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
		e := &w.cache[k]
		seg.hash[off+i] = e.hash
		l := int64(e.ln)
		w.lenSum += l
		if l < w.lenMin {
			w.lenMin = l
		}
		if l > w.lenMax {
			w.lenMax = l
		}
		w.lenCount[min(l, 64)]++
		if e.code >= 0 {
			counts[e.code]++
		} else {
			w.mg.add(e.hash, vals[i])
			w.uniq.add(e.hash)
		}
		if seg.code != nil {
			seg.code[off+i] = e.code
			if seg.aux != nil {
				seg.aux[off+i] = e.off
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
