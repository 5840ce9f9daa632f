package report

import (
	"fmt"
	"math"
	"sort"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
)

// ProfileScores profiles scored accounts: Profile of t with the
// segments, names and probabilities of scores (one per row of t, in table
// order, as Model.Score returns them). Unless cfg sets them, the segment
// names come from the scores and the risky-accounts list holds the
// cfg.TopRisky (default 20) accounts ranked by cfg.RankBy (expected loss
// by default), with the model's reasons.
func ProfileScores(t *dataset.Table, scores []batch.Score, cfg ProfileConfig) (*Report, error) {
	if t == nil || len(scores) != t.Len() {
		n := 0
		if t != nil {
			n = t.Len()
		}
		return nil, fmt.Errorf("report: profile scores: %d scores for %d rows", len(scores), n)
	}
	labels := make([]int, len(scores))
	k := 0
	for i := range scores {
		labels[i] = scores[i].Segment
		k = max(k, scores[i].Segment+1)
	}
	if cfg.SegmentNames == nil {
		cfg.SegmentNames = make([]string, k)
		for i := range scores {
			cfg.SegmentNames[scores[i].Segment] = scores[i].SegmentName
		}
	}
	probs := func(pick func(*batch.Score) float64) []float64 {
		p := make([]float64, len(scores))
		for i := range scores {
			if p[i] = pick(&scores[i]); math.IsNaN(p[i]) {
				return nil
			}
		}
		return p
	}
	if cfg.ChurnProb == nil {
		cfg.ChurnProb = probs(func(s *batch.Score) float64 { return s.Churn })
	}
	if cfg.UpsellProb == nil {
		cfg.UpsellProb = probs(func(s *batch.Score) float64 { return s.Upsell })
	}
	if cfg.RiskyAccounts == nil {
		cfg.reasons = make([][]string, len(scores))
		for i := range scores {
			cfg.reasons[i] = scores[i].Reasons
		}
	}
	return Profile(t, labels, cfg)
}

// RiskiestAccounts returns the n accounts with the highest churn
// probability (ties by ID), most at risk first, as report rows.
func RiskiestAccounts(scores []batch.Score, n int) []AccountRow {
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		sa, sb := &scores[order[a]], &scores[order[b]]
		if sa.Churn != sb.Churn {
			return sa.Churn > sb.Churn
		}
		return sa.ID < sb.ID
	})
	n = min(n, len(order))
	rows := make([]AccountRow, n)
	for k, i := range order[:n] {
		s := &scores[i]
		rows[k] = AccountRow{ID: s.ID, Segment: s.Segment, SegmentName: s.SegmentName,
			ChurnProb: s.Churn, Reasons: append([]string(nil), s.Reasons...)}
	}
	return rows
}
