package learn

import (
	"cmp"
	"fmt"
	"slices"
)

// Defaults of the rule check.
const (
	DefaultRuleMinSupport   = 50  // a rule counts when it matches at least this many rows
	DefaultRuleMaxPrecision = 0.9 // a counted rule this precise fails the run
	TopRules                = 20  // rules listed in the report
)

// ruleMiner keeps, for every row, the value of each condition family, and at the end
// counts every condition and every pair of conditions (conjunctions) over all rows.
type ruleMiner struct {
	fams       []*family       // categoricalColumns, extra, rowFamilyDefs, amount, historyFamilyDefs
	extra      []func() string // the current row's value of each extra column's family
	rowSlot    int             // first slot of rowFamilyDefs
	amountSlot int
	histSlot   int
	slots      []uint16 // len(fams) value ids per row
	amounts    []int64
	fraud      []bool
	scenario   []int32 // index into the Analyzer's scenario names, −1 for non-fraud
	hist       *history
}

func newRuleMiner(extra []*family, values []func() string) *ruleMiner {
	m := &ruleMiner{hist: newHistory(), extra: values}
	for _, c := range categoricalColumns {
		m.fams = append(m.fams, openFamily(c.name))
	}
	m.fams = append(m.fams, extra...)
	m.rowSlot = len(m.fams)
	for _, d := range rowFamilyDefs {
		m.fams = append(m.fams, fixedFamily(d.name, d.values))
	}
	m.amountSlot = len(m.fams)
	m.fams = append(m.fams, fixedFamily("amount", nil)) // bins are named at the end
	m.histSlot = len(m.fams)
	for _, d := range historyFamilyDefs {
		m.fams = append(m.fams, fixedFamily(d.name, d.values))
	}
	return m
}

// add records the conditions of the next row (in event_time order).
func (m *ruleMiner) add(r *Row, scenario int32) {
	n := len(m.fams)
	base := len(m.slots)
	m.slots = slices.Grow(m.slots, n)[:base+n]
	s := m.slots[base:]
	for i, c := range categoricalColumns {
		s[i] = m.fams[i].intern(c.value(r))
	}
	for i, v := range m.extra {
		k := len(categoricalColumns) + i
		s[k] = m.fams[k].intern(v())
	}
	for i, d := range rowFamilyDefs {
		s[m.rowSlot+i] = d.value(r)
	}
	s[m.amountSlot] = 0
	m.hist.next(r, s[m.histSlot:])
	m.amounts = append(m.amounts, r.Amount)
	m.fraud = append(m.fraud, r.LabelFraud)
	m.scenario = append(m.scenario, scenario)
}

// binAmounts replaces the amount family by AmountBins quantile bins over all rows.
func (m *ruleMiner) binAmounts() {
	if len(m.amounts) == 0 {
		return
	}
	sorted := slices.Clone(m.amounts)
	slices.Sort(sorted)
	var edges []int64
	for k := range AmountBins {
		e := sorted[len(sorted)*k/AmountBins]
		if len(edges) == 0 || e > edges[len(edges)-1] {
			edges = append(edges, e)
		}
	}
	m.fams[m.amountSlot] = amountFamily(edges)
	n := len(m.fams)
	for i, a := range m.amounts {
		bin, found := slices.BinarySearch(edges, a)
		if !found {
			bin--
		}
		m.slots[i*n+m.amountSlot] = uint16(bin)
	}
}

// ruleCond is a condition: family fam has value val.
type ruleCond struct{ fam, val uint16 }

type ruleCount struct {
	conds         [2]int32 // indexes into kept conditions; conds[1] = −1 for a single condition
	support, frau int64
}

func (c ruleCount) precision() float64 { return float64(c.frau) / float64(c.support) }

// mine counts every condition and pair of conditions and returns the report. Only
// conditions with support ≥ minSupport can make a rule with that support, so pairs are
// counted among those.
func (m *ruleMiner) mine(minSupport int64, maxPrecision float64, scenarioNames []string) RulesReport {
	m.binAmounts()
	rep := RulesReport{MinSupport: minSupport, MaxPrecision: maxPrecision, Top: []Rule{}}
	n := len(m.fams)
	offset := make([]int, n+1)
	for f, fam := range m.fams {
		if fam.overflow {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s (more than %d values)", fam.name, fam.limit))
		} else {
			rep.Families = append(rep.Families, fam.name)
		}
		offset[f+1] = offset[f] + len(fam.values)
	}
	rows := len(m.fraud)
	support := make([]int64, offset[n])
	fraud := make([]int64, offset[n])
	for i := range rows {
		for f, v := range m.slots[i*n : (i+1)*n] {
			c := offset[f] + int(v)
			support[c]++
			if m.fraud[i] {
				fraud[c]++
			}
		}
	}
	// conditions: each family's values with enough support, then one "rare" condition for
	// the rest (counted so that every row has one condition per family, never reported)
	condOf := make([]int32, offset[n])
	var conds []ruleCond
	var family []int
	var condSupport, condFraud []int64
	for f := range n {
		rare := int32(-1)
		for v := range offset[f+1] - offset[f] {
			c := offset[f] + v
			if support[c] >= minSupport && !m.fams[f].overflow {
				condOf[c] = int32(len(conds))
				conds = append(conds, ruleCond{uint16(f), uint16(v)})
				family = append(family, f)
				condSupport = append(condSupport, support[c])
				condFraud = append(condFraud, fraud[c])
				continue
			}
			if rare < 0 {
				rare = -2 // assigned after the family's kept values
			}
		}
		if rare == -2 {
			rare = int32(len(conds))
			conds = append(conds, ruleCond{uint16(f), rareValue})
			family = append(family, f)
			condSupport = append(condSupport, 0)
			condFraud = append(condFraud, 0)
			for v := range offset[f+1] - offset[f] {
				c := offset[f] + v
				if support[c] < minSupport || m.fams[f].overflow {
					condOf[c] = rare
					condSupport[rare] += support[c]
					condFraud[rare] += fraud[c]
				}
			}
		}
	}
	rep.History = []Rule{}
	for f := m.histSlot; f < n; f++ {
		for v, name := range m.fams[f].values {
			c := offset[f] + v
			rep.History = append(rep.History, Rule{Conditions: []string{m.fams[f].name + " = " + name},
				Support: support[c], Fraud: fraud[c], Precision: rate(fraud[c], support[c])})
		}
	}
	k := len(conds)
	single := make([]ruleCount, k)
	for i := range conds {
		single[i] = ruleCount{conds: [2]int32{int32(i), -1}, support: condSupport[i], frau: condFraud[i]}
		if conds[i].val != rareValue {
			rep.Conditions++
		}
	}
	pairs := countPairs(m.slots, n, offset, condOf, family, condSupport, condFraud, m.fraud)

	// every rule with enough support counts; a pair is listed only when it is more precise
	// than each of its conditions alone (otherwise the condition alone is the rule)
	var listed []ruleCount
	count := func(c ruleCount, list bool) {
		rep.RulesChecked++
		fails := c.precision() >= maxPrecision
		if fails {
			rep.Failing++
		}
		if list && c.frau > 0 {
			listed = append(listed, c)
			if fails {
				rep.FailingListed++
			}
		}
	}
	for _, c := range single {
		if conds[c.conds[0]].val != rareValue {
			count(c, true)
		}
	}
	for a := range k {
		if conds[a].val == rareValue {
			continue
		}
		for b := a + 1; b < k; b++ {
			tot := int64(pairs.total[a*k+b])
			if tot < minSupport || family[a] == family[b] || conds[b].val == rareValue {
				continue
			}
			c := ruleCount{conds: [2]int32{int32(a), int32(b)}, support: tot, frau: int64(pairs.fraud[a*k+b])}
			p := c.precision()
			count(c, p > single[a].precision() && p > single[b].precision())
		}
	}
	slices.SortFunc(listed, func(x, y ruleCount) int {
		if c := cmp.Compare(y.precision(), x.precision()); c != 0 {
			return c
		}
		if c := cmp.Compare(y.support, x.support); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(x.conds[0], y.conds[0]), cmp.Compare(x.conds[1], y.conds[1]))
	})
	listed = listed[:min(len(listed), TopRules)]
	for _, c := range listed {
		rule := Rule{Support: c.support, Fraud: c.frau, Precision: c.precision(),
			Fails: c.precision() >= maxPrecision, Scenarios: map[string]int64{}}
		for _, id := range c.conds {
			if id >= 0 {
				rule.Conditions = append(rule.Conditions, m.condName(conds[id]))
			}
		}
		rep.Top = append(rep.Top, rule)
	}
	m.scenarios(rep.Top, listed, conds, scenarioNames)
	return rep
}

// scenarios counts the fraud rows of each listed rule by scenario.
func (m *ruleMiner) scenarios(rules []Rule, counts []ruleCount, kept []ruleCond, names []string) {
	n := len(m.fams)
	for i, fraud := range m.fraud {
		if !fraud || m.scenario[i] < 0 {
			continue
		}
		s := m.slots[i*n : (i+1)*n]
		for r, c := range counts {
			match := true
			for _, id := range c.conds {
				if id >= 0 && s[kept[id].fam] != kept[id].val {
					match = false
				}
			}
			if match {
				rules[r].Scenarios[names[m.scenario[i]]]++
			}
		}
	}
}

func (m *ruleMiner) condName(c ruleCond) string {
	f := m.fams[c.fam]
	return f.name + " = " + f.values[c.val]
}
