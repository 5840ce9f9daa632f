package report

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScoreSumsMergeEqualsProfile: ScoreSums added in parts, merged in a
// shuffled order, give ProfileScores' per-segment probabilities and
// revenue at risk (counts exactly, sums to 1e-12 relative), and the band
// counts of the scores.
func TestScoreSumsMergeEqualsProfile(t *testing.T) {
	tab, truth, err := synth.Generate(synth.Config{N: 4000, Seed: 5})
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(5, 6))
	scores := make([]batch.Score, tab.Len())
	bands := map[int][3]int64{}
	for i := range scores {
		c := rng.Float64()
		band, bi := batch.RiskLow, 2
		switch {
		case c >= 0.5:
			band, bi = batch.RiskHigh, 0
		case c >= 0.2:
			band, bi = batch.RiskMedium, 1
		}
		seg := truth.Segment[i]
		scores[i] = batch.Score{ID: tab.IDs[i], Segment: seg, SegmentName: "s", Churn: c, Upsell: rng.Float64(), RiskBand: band}
		b := bands[seg]
		b[bi]++
		bands[seg] = b
	}
	rep, err := ProfileScores(tab, scores, ProfileConfig{})
	require.NoError(t, err)
	mrr, err := tab.Column("mrr_start")
	require.NoError(t, err)

	// Parts of 333 rows, each with sums per segment, merged in reverse.
	var parts []map[int]*ScoreSums
	for lo := 0; lo < len(scores); lo += 333 {
		p := map[int]*ScoreSums{}
		for i := lo; i < min(lo+333, len(scores)); i++ {
			m := math.NaN()
			if !mrr.IsMissing(i) {
				m = mrr.Num[i]
			}
			if p[scores[i].Segment] == nil {
				p[scores[i].Segment] = &ScoreSums{}
			}
			p[scores[i].Segment].AddScore(&scores[i], m)
		}
		parts = append(parts, p)
	}
	total := map[int]*ScoreSums{}
	for k := len(parts) - 1; k >= 0; k-- {
		for seg, s := range parts[k] {
			if total[seg] == nil {
				total[seg] = &ScoreSums{}
			}
			total[seg].Merge(s)
		}
	}
	require.Len(t, total, len(rep.Segments))
	for _, seg := range rep.Segments {
		s := total[seg.Label]
		assert.Equal(t, int64(seg.Size), s.Accounts)
		assert.Equal(t, bands[seg.Label], [3]int64{s.High, s.Medium, s.Low})
		got, want := s.KPIs(), seg.KPIs
		for _, m := range [][2]Metric{{got.MeanChurnProb, want.MeanChurnProb}, {got.MeanUpsellProb, want.MeanUpsellProb}, {got.RevenueAtRisk, want.RevenueAtRisk}} {
			assert.Equal(t, m[1].N, m[0].N)
			assert.Equal(t, m[1].Valid, m[0].Valid)
			assert.InDelta(t, 0, (m[0].Value-m[1].Value)/m[1].Value, 1e-12)
		}
		assert.False(t, got.NRR.Valid, "NRR does not come from scores")
	}
}
