package profile

import (
	"math"
	"strings"
)

// kind is how a column's values are analysed.
type kind uint8

const (
	kSkip kind = iota
	kNumeric
	kTime
	kCategory
	kID
	kBool
)

var kindNames = [...]string{"unsupported", "numeric", "timestamp", "categorical", "id", "boolean"}

// readKind is which Scan method reads the column.
type readKind uint8

const (
	rInt64 readKind = iota
	rFloat64
	rBool
	rBytes
)

// Limits of the bounded-memory accumulators.
const (
	dictCap     = 1000    // exact categories per column (codes for fraud rates)
	corrCats    = 64      // categories per column in Cramér's V / η (last = other)
	mgK         = 64      // Misra-Gries counters per column
	dupCap      = 1 << 17 // row hashes kept for the duplicate-row estimate
	uniqCap     = 4096    // value hashes kept per column for the uniqueness test
	maxDays     = 3660
	topShown    = 10
	corrSampleN = 20000 // rows sampled for Spearman
)

// colPlan is the decided treatment of one column.
type colPlan struct {
	idx      int
	desc     colDesc
	spec     ColumnSpec
	role     Role
	kind     kind
	read     readKind
	div      float64 // decimal divisor (1 when not a decimal)
	scale    int
	timeMul  float64 // time unit → microseconds
	intText  bool    // integer column analysed as text (category/id role)
	dictCap  int
	seed     uint64
	target   bool
	scenario bool
	local    bool // holds the country for local time
	corrNum  bool
	corrCat  bool
	feature  bool // gets a univariate AUC
}

// typeString renders the Parquet type as "DECIMAL(12,2) required".
func (d colDesc) typeString() string {
	t := d.Logical
	if t == "" {
		t = d.Physical
	}
	if d.Optional {
		return t + " optional"
	}
	return t + " required"
}

// targetNames are used as the fraud label when no spec names one.
var targetNames = []string{"label_fraud", "is_fraud", "fraud", "label", "target"}

func makePlans(cols []colDesc, spec *Spec, opt Options) []*colPlan {
	target := opt.Target
	if target == "" && spec != nil {
		target = spec.Target
	}
	if target == "" {
	search:
		for _, n := range targetNames {
			for _, c := range cols {
				if strings.EqualFold(c.Name, n) && c.Physical == "BOOLEAN" {
					target = c.Name
					break search
				}
			}
		}
	}
	plans := make([]*colPlan, len(cols))
	for i, c := range cols {
		p := &colPlan{idx: i, desc: c, div: 1, timeMul: 1, seed: mix64(uint64(i) + 1)}
		p.spec, _ = spec.column(c.Name)
		p.role = p.spec.Role
		if c.Name == target {
			p.role = Target
		} else if spec != nil && c.Name == spec.Scenario {
			p.role = Scenario
		} else if p.role == Target {
			p.role = Bool
		}
		p.decide()
		p.target = p.role == Target && p.kind == kBool
		p.scenario = p.role == Scenario && p.kind == kCategory
		p.local = spec != nil && c.Name == spec.LocalTimeColumn && p.kind == kCategory
		plans[i] = p
	}
	return plans
}

// decide resolves kind, reader and scaling from the Parquet type and role.
func (p *colPlan) decide() {
	d := p.desc
	if !d.Scannable {
		p.kind = kSkip
		return
	}
	logical := d.Logical
	switch d.Physical {
	case "BOOLEAN":
		p.kind, p.read = kBool, rBool
		if p.role == Auto {
			p.role = Bool
		}
	case "INT32", "INT64":
		p.read = rInt64
		switch {
		case p.role == ID || p.role == Category || p.role == Scenario:
			p.kind, p.intText = kCategory, true
			if p.role == ID {
				p.kind = kID
			}
		case p.role == Target:
			p.kind = kBool
		case strings.HasPrefix(logical, "TIMESTAMP"):
			p.kind = kTime
			switch d.TimeUnit {
			case "MILLIS":
				p.timeMul = 1e3
			case "NANOS":
				p.timeMul = 1e-3
			}
		case logical == "DATE":
			p.kind, p.timeMul = kTime, 86400e6
		default:
			p.kind = kNumeric
			p.scale = d.Scale
			if p.spec.Scale > 0 && d.Scale == 0 {
				p.scale = p.spec.Scale
			}
			p.div = math.Pow10(p.scale)
		}
		if p.role == Auto || p.role == Geo || p.role == Bool {
			switch p.kind {
			case kTime:
				p.role = Time
			default:
				p.role = Numeric
			}
		}
	case "FLOAT", "DOUBLE":
		p.kind, p.read = kNumeric, rFloat64
		if p.role != Geo {
			p.role = Numeric
		}
	case "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY":
		p.read = rBytes
		p.kind = kCategory
		switch p.role {
		case ID:
			p.kind = kID
		case Auto:
			p.role = Category
			n := strings.ToLower(p.desc.Name)
			if n == "id" || strings.HasSuffix(n, "_id") || strings.HasSuffix(n, "uuid") {
				p.role, p.kind = ID, kID
			}
		case Numeric, Time, Bool, Target:
			p.role = Category
		}
	default:
		p.kind = kSkip
	}
	if p.kind == kCategory {
		p.dictCap = dictCap
	}
	free := p.role != Target && p.role != Scenario && p.role != ID
	p.corrNum = p.kind == kNumeric && free
	p.corrCat = (p.kind == kCategory || p.kind == kBool) && p.role != Scenario && p.role != ID
	p.feature = free && (p.kind == kNumeric || p.kind == kCategory || p.kind == kBool || p.kind == kTime)
}
