package snapshots

import (
	"fmt"
	"time"

	"github.com/segmenta/segmenta/snapshot"
)

// Counts travel as one []int64 vector per part, join and group, summed
// element by element by a combiner: a few global counts, then per table
// and per cutoff blocks (layout below).
const (
	cParts     = iota // parts read
	cSplitRecs        // records of split parts, as dataset.SplitCSV found them
	cSplitRows        // rows read from split parts
	cGroups           // groups aggregated
	cOutRows          // snapshot rows written
	nGlobal
)

// Per table.
const (
	tRows      = iota // rows read
	tKept             // rows kept (by the groups)
	tDups             // duplicates (groups)
	tUnordered        // rows out of order (groups)
	tAfterEnd         // rows after the data end (read stage)
	tMissing          // rows without an account (read stage)
	tOrphans          // rows whose account or bridge key is unknown (joins)
	tGroupRows        // rows handed to the groups
	nTable
)

// Per cutoff.
const (
	kAccounts = iota
	kNotYet
	kExcluded
	kRows
	kChurned
	kUpsold
	kOverlapping
	kCensored // groups whose labels were censored
	kGroups   // groups that built this cutoff
	nCutoff
)

type layout struct{ tables, cutoffs int }

func (l layout) size() int           { return nGlobal + l.tables*nTable + l.cutoffs*nCutoff }
func (l layout) table(t, f int) int  { return nGlobal + t*nTable + f }
func (l layout) cutoff(c, f int) int { return nGlobal + l.tables*nTable + c*nCutoff + f }
func (l layout) zero() []int64       { return make([]int64, l.size()) }
func addCounts(a, b []int64) []int64 {
	if len(b) > len(a) {
		a = append(a, make([]int64, len(b)-len(a))...)
	}
	for i, v := range b {
		a[i] += v
	}
	return a
}

// countsFn sums count vectors (a combiner).
type countsFn struct{}

func (countsFn) CreateAccumulator() []int64             { return nil }
func (countsFn) AddInput(a, c []int64) []int64          { return addCounts(a, c) }
func (countsFn) MergeAccumulators(a, b []int64) []int64 { return addCounts(a, b) }
func (countsFn) ExtractOutput(a []int64) []int64        { return a }

// maxFn is the latest of dates (Unix nanoseconds; a combiner).
type maxFn struct{}

func (maxFn) CreateAccumulator() int64           { return noTime }
func (maxFn) AddInput(a, v int64) int64          { return max(a, v) }
func (maxFn) MergeAccumulators(a, b int64) int64 { return max(a, b) }
func (maxFn) ExtractOutput(a int64) int64        { return a }

// Summary is what summary.json holds: the report the job's combiners
// summed, in the core's types, so that it compares with segmenta
// snapshot's.
type Summary struct {
	DataEnd time.Time `json:"data_end"`
	// Reports are the snapshot.Report of each cutoff, in cutoff order
	// (Tables: the load counts; PivotLevels: the levels used).
	Reports []*snapshot.Report `json:"reports"`
	// Tables are the load counts of each table, in spec order.
	Tables []snapshot.TableReport `json:"tables"`
	// Parts, Groups and Rows count the parts read, the groups of accounts
	// aggregated and the snapshot rows written (over every cutoff).
	Parts, Groups, Rows int64
}

// summarise checks the summed counts and turns them into a Summary.
func summarise(spec *snapshot.Spec, cutoffs []time.Time, dataEnd time.Time, levels map[string][]string, c []int64) (*Summary, error) {
	l := layout{tables: len(spec.Tables), cutoffs: len(cutoffs)}
	if len(c) < l.size() {
		c = append(c, make([]int64, l.size()-len(c))...)
	}
	s := &Summary{DataEnd: dataEnd, Parts: c[cParts], Groups: c[cGroups], Rows: c[cOutRows]}
	if c[cSplitRecs] != c[cSplitRows] {
		return nil, fmt.Errorf("%w: the split parts hold %d records, their readers read %d rows", ErrCounts, c[cSplitRecs], c[cSplitRows])
	}
	for t := range spec.Tables {
		g := func(f int) int64 { return c[l.table(t, f)] }
		tr := snapshot.TableReport{Table: spec.Tables[t].Name, Rows: int(g(tRows)), Kept: int(g(tKept)), Duplicates: int(g(tDups)),
			Unordered: int(g(tUnordered)), AfterEnd: int(g(tAfterEnd)), MissingAccount: int(g(tMissing)), Orphans: int(g(tOrphans))}
		if in, out := g(tRows), g(tGroupRows)+g(tAfterEnd)+g(tMissing)+g(tOrphans); in != out {
			return nil, fmt.Errorf("%w: table %q: %d rows read != %d to the groups + %d after the data end + %d without account + %d orphans",
				ErrCounts, tr.Table, in, g(tGroupRows), g(tAfterEnd), g(tMissing), g(tOrphans))
		}
		s.Tables = append(s.Tables, tr)
	}
	all := map[string][]string{}
	for i := range spec.Tables {
		if ev := spec.Tables[i].Events; ev != nil {
			for _, p := range ev.Pivots {
				lv := p.Levels
				if lv == nil {
					lv = levels[spec.Tables[i].Name+"."+p.Column]
				}
				all[spec.Tables[i].Name+"."+p.Column] = lv
			}
		}
	}
	var rows int64
	for k, cut := range cutoffs {
		g := func(f int) int64 { return c[l.cutoff(k, f)] }
		r := &snapshot.Report{Cutoff: cut, Accounts: int(g(kAccounts)), NotYet: int(g(kNotYet)), Excluded: int(g(kExcluded)),
			Rows: int(g(kRows)), Censored: g(kCensored) > 0, Churned: int(g(kChurned)), Upsold: int(g(kUpsold)),
			Overlapping: int(g(kOverlapping)), Tables: append([]snapshot.TableReport(nil), s.Tables...), PivotLevels: all}
		if g(kCensored) != 0 && g(kCensored) != g(kGroups) {
			return nil, fmt.Errorf("%w: cutoff %s: %d of %d groups censored", ErrCounts, cut.Format(time.DateOnly), g(kCensored), g(kGroups))
		}
		if r.Rows+r.Excluded+r.NotYet != r.Accounts {
			return nil, fmt.Errorf("%w: cutoff %s: accounts do not add up: %d rows + %d excluded + %d not yet created != %d",
				ErrCounts, cut.Format(time.DateOnly), r.Rows, r.Excluded, r.NotYet, r.Accounts)
		}
		rows += int64(r.Rows)
		s.Reports = append(s.Reports, r)
	}
	if rows != s.Rows {
		return nil, fmt.Errorf("%w: %d snapshot rows written, the reports count %d", ErrCounts, s.Rows, rows)
	}
	return s, nil
}
