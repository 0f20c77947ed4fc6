package world

import (
	"math"
	"math/bits"

	"github.com/paygen/paygen/runtime/rng"
)

// Block is the latent state of one block of rows: who paid whom, when, how
// and how much. Generated code turns it into columns through the source
// methods (one call per column). A Block is reused from block to block; the
// slices its methods return are valid until the next Fill.
type Block struct {
	w     *World
	index int
	first int64 // global row index of the block's first row
	n     int
	key   uint64

	time     []int64
	cust     []uint32
	card     []uint32
	mer      []uint32
	dev      []uint64
	entry    []uint8 // index into w.modes, or modeEcommerce
	three    []bool
	auth     []uint8
	amount   []int64
	fraud    []bool
	scen     []uint8
	custCty  []uint16 // customer's home country
	merInfo  []merchant
	cardInfo []card
	devInfo  []device

	scratch []float64
	arena   []byte
	strs    [][]string
	bools   [][]bool
	floats  [][]float64
	used    int // string buffers handed out since Fill
	usedB   int
	usedF   int
	usedK   int
	keys    [][]uint64
	masks   map[string][]bool

	customers cache[customer]
	cards     cache[card]
	merchants cache[merchant]
	devices   cache[device]
	custFn    func(uint64) customer
	cardFn    func(uint64) card
	merFn     func(uint64) merchant
	devFn     func(uint64) device
}

const modeEcommerce = 255

// NewBlock returns an empty block with buffers sized for w's blocks.
func (w *World) NewBlock() *Block {
	n := w.cfg.BlockRows
	return &Block{
		w:        w,
		time:     make([]int64, n),
		cust:     make([]uint32, n),
		card:     make([]uint32, n),
		mer:      make([]uint32, n),
		dev:      make([]uint64, n),
		entry:    make([]uint8, n),
		three:    make([]bool, n),
		auth:     make([]uint8, n),
		amount:   make([]int64, n),
		fraud:    make([]bool, n),
		scen:     make([]uint8, n),
		custCty:  make([]uint16, n),
		merInfo:  make([]merchant, n),
		cardInfo: make([]card, n),
		devInfo:  make([]device, n),
		scratch:  make([]float64, n),
		arena:    make([]byte, 0, n*64),
		masks:    make(map[string][]bool),

		customers: newCache[customer](13),
		cards:     newCache[card](13),
		merchants: newCache[merchant](12),
		devices:   newCache[device](13),
		custFn:    func(id uint64) customer { return w.customer(uint32(id)) },
		cardFn:    func(id uint64) card { return w.card(uint32(id)) },
		merFn:     func(id uint64) merchant { return w.merchant(uint32(id)) },
		devFn:     w.device,
	}
}

// Len is the number of rows in the block.
func (b *Block) Len() int { return b.n }

// Index is the block's position in the dataset.
func (b *Block) Index() int { return b.index }

// First is the global index of the block's first row.
func (b *Block) First() int64 { return b.first }

// Fill computes block idx. It is a pure function of (world, idx).
func (b *Block) Fill(idx int) {
	w := b.w
	b.index = idx
	b.first = int64(idx) * int64(w.cfg.BlockRows)
	end := min(b.first+int64(w.cfg.BlockRows), w.rows)
	b.n = int(end - b.first)
	b.key = w.blockKey(idx)
	b.arena = b.arena[:0]
	b.used, b.usedB, b.usedF, b.usedK = 0, 0, 0, 0
	clear(b.masks)
	n := b.n
	R := float64(w.rows)
	w.tl.fill(b.time[:n], b.scratch, float64(b.first)/R, float64(end)/R, rng.Key(b.key, 1))
	b.placeFraud(end)
	rowKey := rng.Key(b.key, 2)
	for i := 0; i < n; i++ {
		b.row(i, rng.New(rowKey+uint64(i)))
	}
}

// placeFraud marks exactly the block's share of the dataset's fraud rows:
// floor(F*end/R) - floor(F*start/R), at positions drawn from the block stream.
func (b *Block) placeFraud(end int64) {
	w := b.w
	n := b.n
	clear(b.fraud[:n])
	F, R := w.fraudTotal, w.rows
	lo := mulDiv(F, b.first, R)
	k := int(mulDiv(F, end, R) - lo)
	r := rng.New(rng.Key(b.key, 3))
	for placed := 0; placed < k; {
		i := r.IntN(n)
		if !b.fraud[i] {
			b.fraud[i] = true
			placed++
		}
	}
	// Scenarios follow the fraud rows' global order so the mix is exact in
	// aggregate: fraud row g gets the scenario whose cumulative share holds
	// the g-th point of a fixed low-discrepancy sequence.
	g := lo
	for i := 0; i < n; i++ {
		if b.fraud[i] {
			u := math.Mod(float64(g)*0.6180339887498949+rng.Unit(rng.Key(w.seed, 77)), 1)
			b.scen[i] = uint8(w.scenPick.Pick(u))
			g++
		}
	}
}

// mulDiv returns floor(a*b/c) for non-negative a <= c.
func mulDiv(a, b, c int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, _ := bits.Div64(hi, lo, uint64(c))
	return int64(q)
}
