package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
)

// risky fills rep.RiskyAccounts: the configured rows (completed from the
// table), or the TopRisky accounts by cfg.RankBy with the model's reasons
// (ProfileScores) or heuristic ones.
func (p *profiler) risky(rep *Report) {
	names := map[int]string{}
	for _, s := range rep.Segments {
		names[s.Label] = s.Name
	}
	if p.cfg.RiskyAccounts != nil {
		row := map[string]int{}
		for i, id := range p.t.IDs {
			row[id] = i
		}
		rep.RiskyAccounts = make([]AccountRow, len(p.cfg.RiskyAccounts))
		for k, a := range p.cfg.RiskyAccounts {
			a.Reasons = append([]string(nil), a.Reasons...)
			if i, ok := row[a.ID]; ok {
				if a.ARR == 0 && !math.IsNaN(p.arr[i]) {
					a.ARR = p.arr[i]
				}
				if p.band != nil {
					a.ExpectedLoss = a.ChurnProb * a.ARR
					a.Health = HealthScore(a.ChurnProb)
					a.Band = p.band[i]
				}
			}
			if a.SegmentName == "" {
				a.SegmentName = names[a.Segment]
			}
			rep.RiskyAccounts[k] = a
		}
		p.flagRisky(rep)
		return
	}
	if p.cfg.ChurnProb == nil || p.cfg.TopRisky < 0 {
		return
	}
	k := min(p.cfg.TopRisky, p.n)
	var corr []float64
	if p.cfg.reasons == nil {
		corr = p.churnCorrelations()
	}
	rep.RiskyAccounts = make([]AccountRow, k)
	for r, i := range p.rankOrder(k, p.cfg.RankBy) {
		a := AccountRow{ID: p.id(i), Segment: p.labels[i], SegmentName: names[p.labels[i]]}
		if p.cfg.reasons != nil {
			a.Reasons = append([]string{}, p.cfg.reasons[i]...)
		} else {
			a.Reasons = p.reasons(i, corr)
		}
		p.fillRisk(&a, i)
		rep.RiskyAccounts[r] = a
	}
	p.flagRisky(rep)
}

// fillRisk fills the figures of row i into a: probability, ARR, expected
// loss, health and band.
func (p *profiler) fillRisk(a *AccountRow, i int) {
	a.ChurnProb = p.cfg.ChurnProb[i]
	if !math.IsNaN(p.arr[i]) {
		a.ARR = p.arr[i]
		a.ExpectedLoss = a.ChurnProb * a.ARR
	}
	a.Health = HealthScore(a.ChurnProb)
	a.Band = p.band[i]
}

// flagRisky lists each risky account's outlier flags.
func (p *profiler) flagRisky(rep *Report) {
	byID := map[string][]string{}
	for _, o := range rep.Outliers {
		byID[o.ID] = append(byID[o.ID], fmt.Sprintf("%s %s looks mis-recorded (typical %s)", o.Column, fmtNum(o.Value), fmtNum(o.Typical)))
	}
	for i := range rep.RiskyAccounts {
		a := &rep.RiskyAccounts[i]
		a.Flags = byID[a.ID]
	}
}

func (p *profiler) id(i int) string {
	if p.ids != nil {
		return p.ids[i]
	}
	if p.t.IDs != nil {
		return p.t.IDs[i]
	}
	return "row " + strconv.Itoa(i)
}

// churnCorrelations returns, per numeric trait column, the Pearson
// correlation of the column with the predicted churn probability over the
// rows where the column is present (0 when undefined).
func (p *profiler) churnCorrelations() []float64 {
	prob := p.cfg.ChurnProb
	out := make([]float64, len(p.traitN))
	for k, s := range p.traitN {
		if !(s.sd > 0) {
			continue
		}
		var pm float64
		for i := range prob {
			if !s.col.IsMissing(i) {
				pm += prob[i]
			}
		}
		pm /= float64(s.n)
		var sxy, syy float64
		for i, v := range s.col.Num {
			if s.col.IsMissing(i) {
				continue
			}
			dy := prob[i] - pm
			sxy += (v - s.mean) * dy
			syy += dy * dy
		}
		if syy > 0 {
			out[k] = sxy / math.Sqrt(float64(s.n)*s.sd*s.sd*syy)
		}
	}
	return out
}

// reasons lists up to three columns where account i lies at least half a
// standard deviation from the mean in the direction that goes with higher
// predicted churn (|correlation| >= 0.1), strongest first.
func (p *profiler) reasons(i int, corr []float64) []string {
	type cand struct {
		score float64
		t     Trait
	}
	var cs []cand
	for k, s := range p.traitN {
		if s.col.IsMissing(i) || math.Abs(corr[k]) < 0.1 || !(s.sd > 0) {
			continue
		}
		z := (s.col.Num[i] - s.mean) / s.sd
		if z*corr[k] <= 0 || math.Abs(z) < 0.5 {
			continue
		}
		cs = append(cs, cand{z * corr[k], Trait{Column: s.col.Name, Mean: s.col.Num[i], Overall: s.mean, Z: z}})
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].score > cs[b].score })
	out := []string{}
	for k := 0; k < len(cs) && k < 3; k++ {
		out = append(out, cs[k].t.String())
	}
	return out
}

// topK returns the k first of 0..n-1 under the strict total order before,
// in order, in O(n k) worst case but O(n) when most rows lose against the
// current k-th (the usual case for k much smaller than n).
func topK(n, k int, before func(i, j int) bool) []int {
	if k <= 0 {
		return nil
	}
	buf := make([]int, 0, k)
	for i := range n {
		if len(buf) == k && !before(i, buf[k-1]) {
			continue
		}
		pos := sort.Search(len(buf), func(m int) bool { return before(i, buf[m]) })
		if len(buf) < k {
			buf = append(buf, 0)
		}
		copy(buf[pos+1:], buf[pos:len(buf)-1])
		buf[pos] = i
	}
	return buf
}
