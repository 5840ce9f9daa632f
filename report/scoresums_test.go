package report

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScoreSumsMergeEqualsProfile: ScoreSums added in parts, merged in
// reverse order (after a trip through the binary and JSON encodings), give
// ProfileScores' per-segment probabilities and revenue at risk bit for bit,
// and the band counts of the scores.
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
			var dec ScoreSums
			if k%2 == 0 {
				b, err := s.MarshalBinary()
				require.NoError(t, err)
				require.NoError(t, dec.UnmarshalBinary(b))
			} else {
				b, err := json.Marshal(*s)
				require.NoError(t, err)
				require.NoError(t, json.Unmarshal(b, &dec))
			}
			total[seg].Merge(&dec)
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
			assert.Equal(t, math.Float64bits(m[1].Value), math.Float64bits(m[0].Value), "%v, want %v", m[0].Value, m[1].Value)
		}
		assert.False(t, got.NRR.Valid, "NRR does not come from scores")
	}
}

// TestScoreSumsEncodingErrors: a truncated or unknown encoding fails.
func TestScoreSumsEncodingErrors(t *testing.T) {
	var s ScoreSums
	s.Add(0.25, 0.5, 1200, batch.RiskHigh)
	b, err := s.MarshalBinary()
	require.NoError(t, err)
	var d ScoreSums
	require.NoError(t, d.UnmarshalBinary(b))
	assert.Equal(t, s, d)
	for _, bad := range [][]byte{nil, {9}, b[:3], b[:len(b)-1], append(append([]byte{}, b...), 0)} {
		assert.Error(t, d.UnmarshalBinary(bad), "%v", bad)
	}
}
