package features

import (
	"strconv"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// Statistic names of ColumnStat.Ops.
const (
	StatSum      = "sum"
	StatMean     = "mean"
	StatMin      = "min"
	StatMax      = "max"
	StatFirst    = "first"
	StatLast     = "last"
	StatDistinct = "distinct"
)

// ColumnStat summarises one column of the events per account, over the
// events before the cutoff. Output columns are named "<column>_<op>"; sum
// also gets "<column>_sum_<w>d" per window. Missing values are skipped; an
// account without a value gets sum 0 and distinct 0, and missing mean,
// min, max, first and last.
type ColumnStat struct {
	// Column names the column: numeric for sum, mean, min, max; numeric
	// or categorical for first, last and distinct (first and last of a
	// categorical column are categorical).
	Column string
	// Ops are among sum, mean, min, max, first (the value of the earliest
	// event, the earlier row on ties), last (the latest event, the later
	// row on ties) and distinct (number of distinct values).
	Ops []string
}

// Pivot counts the events per level of a categorical (or numeric code)
// column: "<column>_<level>" holds the count and "<column>_<level>_share"
// the share of the account's events, for each kept level and "other" (the
// levels not kept, missing values included). The shares of an account
// without events are 0.
type Pivot struct {
	Column string
	// Levels are the kept levels. Nil keeps the Top most frequent levels
	// among the events before the cutoff (ties to the level that sorts
	// first); AggregationReport.PivotLevels tells which, so that later
	// cutoffs can be given the same ones.
	Levels []string
	// Top is the number of levels kept when Levels is nil; zero means 5.
	Top int
}

// colAcc accumulates one ColumnStat for one account.
type colAcc struct {
	n                 int
	sum, lo, hi       float64
	firstAge, lastAge time.Duration
	firstNum, lastNum float64
	firstStr, lastStr string
	distinct          map[string]struct{}
	winSum            []float64
}

// extAcc is the part of an account's accumulator for Stats and Pivots.
type extAcc struct {
	cols []colAcc
	// levels[k][j] counts the events of level j (in pivotDict k's
	// numbering) of pivot k.
	levels [][]int
}

// pivotDict numbers the levels of one Pivot met so far, for every
// account: an account then keeps a slice of counts, not a map.
type pivotDict struct {
	index map[string]int
	names []string
	// recent caches index for a few levels, by a cheap hash of the
	// text: a pivot column has few levels, and a hit costs one string
	// compare instead of the map's hash and probe, for every event.
	recent [64]recentLevel
}

type recentLevel struct {
	level string
	j     int
	set   bool
}

func (d *pivotDict) id(lv string) int {
	r := &d.recent[levelSlot(lv)]
	if r.set && r.level == lv {
		return r.j
	}
	j, ok := d.index[lv]
	if !ok {
		j = len(d.names)
		d.index[lv] = j
		d.names = append(d.names, lv)
	}
	*r = recentLevel{level: lv, j: j, set: true}
	return j
}

// levelSlot hashes the length and the first and last bytes of s (enough
// to tell the levels of a pivot column apart) to a slot of recent.
func levelSlot(s string) int {
	h := uint(len(s)) * 0x9E3779B9
	if len(s) > 0 {
		h ^= uint(s[0])<<8 | uint(s[len(s)-1])
		h ^= uint(s[len(s)/2]) << 16
	}
	h *= 0x85EBCA6B
	return int(h>>13) & 63
}

func newPivotDicts(n int) []*pivotDict {
	ds := make([]*pivotDict, n)
	for k := range ds {
		ds[k] = &pivotDict{index: map[string]int{}}
	}
	return ds
}

// extCols are the resolved Stats and Pivots columns of an Aggregation.
type extCols struct {
	stats []*dataset.Column
	ops   [][]string
	// distinct[k]: stats[k] counts distinct values (looked up once per
	// batch, not per event).
	distinct []bool
	pivots   []*dataset.Column
	nWin     int
	dicts    []*pivotDict // the Aggregator's, kept across batches
}

func (a Aggregation) resolveExt(events *dataset.Table, nWin int) (*extCols, error) {
	if len(a.Stats) == 0 && len(a.Pivots) == 0 {
		return nil, nil
	}
	ex := &extCols{nWin: nWin}
	for _, s := range a.Stats {
		c, err := events.Column(s.Column)
		if err != nil {
			return nil, err
		}
		if len(s.Ops) == 0 {
			return nil, aggErr("column %q: no statistic", s.Column)
		}
		for _, op := range s.Ops {
			switch op {
			case StatSum, StatMean, StatMin, StatMax:
				if c.Kind != dataset.Numeric {
					return nil, kindErr(s.Column, c.Kind, dataset.Numeric)
				}
			case StatFirst, StatLast, StatDistinct:
				if c.Kind == dataset.Date {
					return nil, kindErr(s.Column, c.Kind, dataset.Categorical)
				}
			default:
				return nil, aggErr("column %q: unknown statistic %q", s.Column, op)
			}
		}
		ex.stats = append(ex.stats, c)
		ex.ops = append(ex.ops, s.Ops)
		ex.distinct = append(ex.distinct, hasOp(s.Ops, StatDistinct))
	}
	for _, p := range a.Pivots {
		c, err := events.Column(p.Column)
		if err != nil {
			return nil, err
		}
		if c.Kind == dataset.Date {
			return nil, kindErr(p.Column, c.Kind, dataset.Categorical)
		}
		if p.Top < 0 {
			return nil, aggErr("pivot %q: Top %d < 0", p.Column, p.Top)
		}
		ex.pivots = append(ex.pivots, c)
	}
	return ex, nil
}

// cellText is the text of a categorical or numeric cell (numbers as codes).
func cellText(c *dataset.Column, i int) string {
	if c.Kind == dataset.Numeric {
		return formatCode(c.Num[i])
	}
	return c.Str[i]
}

// initAcc sets up the Stats and Pivots accumulators of an account, in sm
// when they fit.
func (ex *extCols) initAcc(sm *smallAcc) *extAcc {
	e := &sm.ext
	if len(ex.stats) <= smallStats {
		e.cols = sm.cols[:len(ex.stats)]
	} else {
		e.cols = make([]colAcc, len(ex.stats))
	}
	for k := range e.cols {
		if k < smallStats && ex.nWin <= smallWin {
			e.cols[k].winSum = sm.winSum[k*smallWin : k*smallWin+ex.nWin]
		} else {
			e.cols[k].winSum = make([]float64, ex.nWin)
		}
	}
	if len(ex.pivots) <= smallPivots {
		e.levels = sm.levels[:len(ex.pivots)]
	} else {
		e.levels = make([][]int, len(ex.pivots))
	}
	for k := range e.levels {
		if k < smallPivots {
			// Empty, with room for smallLevels counts: add appends.
			e.levels[k] = sm.counts[k*smallLevels : k*smallLevels : (k+1)*smallLevels]
		}
	}
	return e
}

// add records row i of age age; inWin[k] says whether it falls in window k.
func (ex *extCols) add(e *extAcc, i int, age time.Duration, inWin []bool) {
	for k, c := range ex.stats {
		ca := &e.cols[k]
		if c.IsMissing(i) {
			continue
		}
		ca.n++
		// first: the oldest event, the earlier row on ties; last: the
		// newest, the later row on ties.
		first, last := ca.n == 1 || age > ca.firstAge, ca.n == 1 || age <= ca.lastAge
		if first {
			ca.firstAge = age
		}
		if last {
			ca.lastAge = age
		}
		if c.Kind == dataset.Categorical {
			if first {
				ca.firstStr = c.Str[i]
			}
			if last {
				ca.lastStr = c.Str[i]
			}
		}
		if c.Kind == dataset.Numeric {
			v := c.Num[i]
			if ca.n == 1 {
				ca.lo, ca.hi = v, v
			}
			ca.sum += v
			ca.lo, ca.hi = min(ca.lo, v), max(ca.hi, v)
			if first {
				ca.firstNum = v
			}
			if last {
				ca.lastNum = v
			}
			for w, in := range inWin {
				if in {
					ca.winSum[w] += v
				}
			}
		}
		if ex.distinct[k] {
			if ca.distinct == nil {
				ca.distinct = map[string]struct{}{}
			}
			ca.distinct[cellText(c, i)] = struct{}{}
		}
	}
	for k, c := range ex.pivots {
		lv := ""
		if !c.IsMissing(i) {
			lv = cellText(c, i)
		}
		j := ex.dicts[k].id(lv)
		for len(e.levels[k]) <= j {
			e.levels[k] = append(e.levels[k], 0)
		}
		e.levels[k][j]++
	}
}

func hasOp(ops []string, op string) bool {
	for _, o := range ops {
		if o == op {
			return true
		}
	}
	return false
}

// topLevels chooses the kept levels of pivot k from the accounts' counts.
func topLevels(a Aggregation, k int, accs map[string]*account, dict *pivotDict) []string {
	if a.Pivots[k].Levels != nil {
		return a.Pivots[k].Levels
	}
	return TopLevels(pivotTotals(k, accs, dict), a.Pivots[k].Top)
}

// extOutput appends the Stats and Pivots columns for the accounts ids to
// out; kinds are those of the Stats columns (nil when no batch was added),
// rows[r] the accumulator of ids[r] (nil for none).
func extOutput(a Aggregation, kinds []dataset.Kind, dicts []*pivotDict, out *dataset.Table, ids []string, rows []*account,
	accs map[string]*account, windows []int, rep *AggregationReport) error {
	n := len(ids)
	nan := func() ([]float64, []bool) { return make([]float64, n), make([]bool, n) }
	for k, st := range a.Stats {
		for _, op := range st.Ops {
			name := a.Prefix + st.Column + "_" + op
			if (op == StatFirst || op == StatLast) && kinds != nil && kinds[k] == dataset.Categorical {
				vals, miss := make([]string, n), make([]bool, n)
				for r := range ids {
					ca := statOf(rows[r], k)
					if ca == nil || ca.n == 0 {
						miss[r] = true
						continue
					}
					vals[r] = ca.firstStr
					if op == StatLast {
						vals[r] = ca.lastStr
					}
				}
				if err := out.AddCategorical(name, vals, miss); err != nil {
					return err
				}
				continue
			}
			vals, miss := nan()
			for r := range ids {
				ca := statOf(rows[r], k)
				if ca == nil || ca.n == 0 {
					miss[r] = op != StatSum && op != StatDistinct
					continue
				}
				switch op {
				case StatSum:
					vals[r] = ca.sum
				case StatMean:
					vals[r] = ca.sum / float64(ca.n)
				case StatMin:
					vals[r] = ca.lo
				case StatMax:
					vals[r] = ca.hi
				case StatFirst:
					vals[r] = ca.firstNum
				case StatLast:
					vals[r] = ca.lastNum
				case StatDistinct:
					vals[r] = float64(len(ca.distinct))
				}
			}
			if err := out.AddNumeric(name, vals, miss); err != nil {
				return err
			}
			if op != StatSum {
				continue
			}
			for w, days := range windows {
				ws := make([]float64, n)
				for r := range ids {
					if ca := statOf(rows[r], k); ca != nil {
						ws[r] = ca.winSum[w]
					}
				}
				if err := out.AddNumeric(name+"_"+strconv.Itoa(days)+"d", ws, nil); err != nil {
					return err
				}
			}
		}
	}
	for k, p := range a.Pivots {
		dict := dicts[k]
		levels := topLevels(a, k, accs, dict)
		if rep.PivotLevels == nil {
			rep.PivotLevels = map[string][]string{}
		}
		rep.PivotLevels[p.Column] = levels
		// Each kept level's number in the dictionary (-1: never met).
		num := make([]int, len(levels))
		for j, lv := range levels {
			num[j] = -1
			if x, ok := dict.index[lv]; ok {
				num[j] = x
			}
		}
		for j := 0; j <= len(levels); j++ {
			counts, shares := make([]float64, n), make([]float64, n)
			for r := range ids {
				ac := rows[r]
				if ac == nil || ac.ext == nil || ac.events == 0 {
					continue
				}
				m := ac.ext.levels[k]
				if j < len(levels) {
					if x := num[j]; x >= 0 && x < len(m) {
						counts[r] = float64(m[x])
					}
				} else {
					kept := 0
					for _, x := range num {
						if x >= 0 && x < len(m) {
							kept += m[x]
						}
					}
					total := 0
					for _, cnt := range m {
						total += cnt
					}
					counts[r] = float64(total - kept)
				}
				shares[r] = counts[r] / float64(ac.events)
			}
			lv := "other"
			if j < len(levels) {
				lv = levels[j]
			}
			name := a.Prefix + p.Column + "_" + lv
			if err := out.AddNumeric(name, counts, nil); err != nil {
				return err
			}
			if err := out.AddNumeric(name+"_share", shares, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func statOf(ac *account, k int) *colAcc {
	if ac == nil || ac.ext == nil {
		return nil
	}
	return &ac.ext.cols[k]
}
