package features

import "sort"

// PivotCounts returns, for each Pivot (in Aggregation order), the number
// of events of each level (missing values left out) among the events
// before the cutoff of the accounts aggregated so far: what a Pivot
// without Levels chooses its Top levels from. Counts of Aggregators fed
// disjoint sets of accounts add up to the counts of one Aggregator fed
// them all, so TopLevels on the sums picks the levels that one would (the
// beam module chooses levels this way across workers).
func (g *Aggregator) PivotCounts() []map[string]int {
	out := make([]map[string]int, len(g.a.Pivots))
	for k := range out {
		out[k] = pivotTotals(k, g.accs, g.dicts[k])
	}
	return out
}

// pivotTotals counts the events of each level of pivot k over accs.
func pivotTotals(k int, accs map[string]*account, dict *pivotDict) map[string]int {
	total := map[string]int{}
	for _, ac := range accs {
		if ac.ext != nil {
			for j, n := range ac.ext.levels[k] {
				if lv := dict.names[j]; lv != "" && n > 0 {
					total[lv] += n
				}
			}
		}
	}
	return total
}

// TopLevels returns the top most frequent levels of counts, most frequent
// first, ties to the level that sorts first; top zero means 5 (as
// Pivot.Top). The result is never nil.
func TopLevels(counts map[string]int, top int) []string {
	lvs := make([]string, 0, len(counts))
	for lv := range counts {
		lvs = append(lvs, lv)
	}
	sort.Slice(lvs, func(x, y int) bool {
		if counts[lvs[x]] != counts[lvs[y]] {
			return counts[lvs[x]] > counts[lvs[y]]
		}
		return lvs[x] < lvs[y]
	})
	if top == 0 {
		top = 5
	}
	return lvs[:min(top, len(lvs))]
}
