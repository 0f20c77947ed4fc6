package world

import (
	"sync"

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

	time    []int64
	cust    []uint32
	card    []uint32
	mer     []uint32
	dev     []uint64
	entry   []uint8 // index into w.modes, or modeEcommerce
	three   []bool
	auth    []uint8
	resp    []uint8 // response code (authmodel.go)
	amount  []int64
	fraud   []bool
	scen    []uint8  // index into w.scen / w.scenarios, on fraud rows
	mark    []uint8  // markFree, markFraud or markVisit
	epi     []uint32 // episode index (fraud rows) or compromise visit (visit rows)
	role    []uint8  // position of a fraud row within its episode
	eps     []episode
	pos     []int    // scratch: positions of one episode
	custCty []uint16 // customer's home country
	brand   []uint8  // card brand
	ctype   []uint8  // card type
	mask    []uint64 // masked card number (card.mask)
	merCty  []uint16 // merchant's country
	mcc     []uint16 // merchant's MCC
	devKind []uint8  // device type, or posKind for a POS terminal
	ip      []uint32 // device's IPv4 address
	devHex  []uint64 // device's hex id

	// mu guards the buffers below, which the methods returning formatted
	// strings, floats or null masks share: the writer calls the source
	// methods of different columns concurrently (see keys.go).
	mu     sync.Mutex
	arena  []byte
	strs   [][]string
	bools  [][]bool
	floats [][]float64
	used   int // string buffers handed out since Fill
	usedB  int
	usedF  int
	masks  map[string][]bool

	// Column-private state of keyed sources (keys.go).
	catKeys []uint16 // MerchantCategoryKeys' buffer
	repAt   []int64  // FraudReportedAt's buffers
	repOK   []bool
	curKeys []uint16        // MerchantCurrencyKeys' buffer
	cardCur int             // where FormatCardMaskedPAN looks first
	payers  [payAhead]payer // drawPayers' look-ahead
	touched uint8           // drawPayers' sink
	devCur  int             // where FormatDeviceID looks first

	customers cache[customer]
	cards     cache[card]
	merchants cache[merchant]
	custFn    func(uint64) customer
	cardFn    func(uint64) card
	merFn     func(uint64) merchant
}

const modeEcommerce = 255

// posKind is the device type of a POS terminal (device.kind -1 as a byte).
const posKind = 255

// NewBlock returns an empty block with buffers sized for w's blocks.
func (w *World) NewBlock() *Block {
	n := w.cfg.BlockRows
	b := &Block{
		w:       w,
		time:    make([]int64, n),
		cust:    make([]uint32, n),
		card:    make([]uint32, n),
		mer:     make([]uint32, n),
		dev:     make([]uint64, n),
		entry:   make([]uint8, n),
		three:   make([]bool, n),
		auth:    make([]uint8, n),
		resp:    make([]uint8, n),
		amount:  make([]int64, n),
		fraud:   make([]bool, n),
		scen:    make([]uint8, n),
		mark:    make([]uint8, n),
		epi:     make([]uint32, n),
		role:    make([]uint8, n),
		eps:     make([]episode, 0, 256),
		pos:     make([]int, MaxEpisodeRows),
		custCty: make([]uint16, n),
		brand:   make([]uint8, n),
		ctype:   make([]uint8, n),
		mask:    make([]uint64, n),
		merCty:  make([]uint16, n),
		mcc:     make([]uint16, n),
		devKind: make([]uint8, n),
		catKeys: make([]uint16, n),
		repAt:   make([]int64, n),
		repOK:   make([]bool, n),
		curKeys: make([]uint16, n),
		ip:      make([]uint32, n),
		devHex:  make([]uint64, n),
		arena:   make([]byte, 0, n*64),
		masks:   make(map[string][]bool),
	}
	b.initCaches(13)
	return b
}

// initCaches gives the block entity caches of 2^bits slots (merchants half
// as many) and the functions that fill them.
func (b *Block) initCaches(bits uint) {
	w := b.w
	b.customers, b.cards = newCache[customer](bits), newCache[card](bits)
	b.merchants = newCache[merchant](bits - 1)
	b.custFn = func(id uint64) customer { return w.customer(uint32(id)) }
	b.cardFn = func(id uint64) card { return w.card(uint32(id)) }
	b.merFn = func(id uint64) merchant { return w.merchant(uint32(id)) }
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
	b.used, b.usedB, b.usedF = 0, 0, 0
	clear(b.masks)
	n := b.n
	R := float64(w.rows)
	w.tl.fill(b.time[:n], float64(b.first)/R, float64(end)/R, rng.Key(b.key, 1))
	b.placeFraud(end)
	b.placeVisits(end)
	b.placeLegit()
	rowKey := rng.Key(b.key, 2)
	for lo := 0; lo < n; lo += payAhead {
		hi := min(n, lo+payAhead)
		b.drawPayers(lo, hi, rowKey)
		for i := lo; i < hi; i++ {
			if b.mark[i] == markFree {
				p := &b.payers[i-lo]
				b.legitRow(i, p.cust, &p.r)
				continue
			}
			r := rng.New(rowKey + uint64(i))
			switch b.mark[i] {
			case markFraud:
				b.fraudRow(i, &r)
			case markVisit:
				b.visitRow(i, &r)
			default:
				b.legitEpisodeRow(i, &r)
			}
		}
	}
}

// payAhead is how many rows' payers drawPayers draws ahead of their rows.
const payAhead = 16

// payer is an ordinary row's paying customer and its stream after the draw.
type payer struct {
	cust uint32
	r    rng.Stream
}

// drawPayers draws the paying customers of the ordinary rows in [lo, hi)
// ahead of their rows, then touches their records in the customer table.
// The draws are the rows' first (legitRow continues each row's stream
// where this left it), so the output is the same as drawing them row by
// row. But the records are a random read each of a table larger than the
// cache, and a short loop of independent loads has all of their cache
// misses in flight at once; legitRow then finds the records in the cache,
// instead of waiting for each miss in turn.
func (b *Block) drawPayers(lo, hi int, rowKey uint64) {
	w := b.w
	ps, free := b.payers[:hi-lo], b.mark[lo:hi]
	for j := range ps {
		if free[j] == markFree {
			ps[j].r = rng.New(rowKey + uint64(lo+j))
			ps[j].cust = w.payerAt(b.time[lo+j], &ps[j].r)
		}
	}
	if t := w.custTab; t != nil {
		var touch uint8
		for j := range ps {
			if free[j] == markFree {
				touch += t[ps[j].cust].cust.cards
			}
		}
		b.touched += touch // keeps the loads
	}
}
