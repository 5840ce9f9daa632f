package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinyTable's ARR is 12 x (100, 200, 300, 10, 20, 30) = 1200, 2400, 3600,
// 120, 240, 360; with churnP the expected losses are 120, 480, 3240, 36,
// 192, 36.
var churnP = []float64{0.1, 0.2, 0.9, 0.3, 0.8, 0.1}

func TestRankByLossOrProb(t *testing.T) {
	tb, labels := tinyTable(t)
	ids := func(rows []AccountRow) []string {
		var out []string
		for _, a := range rows {
			out = append(out, a.ID)
		}
		return out
	}
	rep, err := Profile(tb, labels, ProfileConfig{ChurnProb: churnP, TopRisky: 4})
	require.NoError(t, err)
	assert.Equal(t, RankLoss, rep.RankBy)
	assert.Equal(t, []string{"a2", "a1", "a4", "a0"}, ids(rep.RiskyAccounts))
	a := rep.RiskyAccounts[0]
	assert.InDelta(t, 3240, a.ExpectedLoss, 1e-9)
	assert.InDelta(t, 10, a.Health, 1e-9)

	rep, err = Profile(tb, labels, ProfileConfig{ChurnProb: churnP, TopRisky: 4, RankBy: RankProb})
	require.NoError(t, err)
	assert.Equal(t, []string{"a2", "a4", "a3", "a1"}, ids(rep.RiskyAccounts))

	_, err = Profile(tb, labels, ProfileConfig{ChurnProb: churnP, RankBy: "size"})
	assert.ErrorIs(t, err, ErrValue)
}

func TestBandsCapacity(t *testing.T) {
	tb, labels := tinyTable(t)
	rep, err := Profile(tb, labels, ProfileConfig{ChurnProb: churnP, Capacity: 2, YellowCapacity: 1})
	require.NoError(t, err)
	// By expected loss: a2 3240, a1 480 red; a4 192 yellow; the rest green.
	band := map[string]string{}
	for _, a := range rep.RiskyAccounts {
		band[a.ID] = a.Band
	}
	assert.Equal(t, map[string]string{"a2": "red", "a1": "red", "a4": "yellow", "a0": "green", "a3": "green", "a5": "green"}, band)
	require.Len(t, rep.Bands, 3)
	assert.Equal(t, 2, rep.Bands[0].Accounts)
	assert.InDelta(t, 3600+2400, rep.Bands[0].ARR.Value, 1e-9)
	assert.InDelta(t, 3240+480, rep.Bands[0].RevenueAtRisk.Value, 1e-9)
	assert.InDelta(t, (10+80)/2.0, rep.Bands[0].MeanHealth.Value, 1e-9)
	assert.InDelta(t, 36+120+36, rep.Bands[2].RevenueAtRisk.Value, 1e-9)
	s0, s1 := rep.Segments[0], rep.Segments[1]
	assert.Equal(t, [3]int{2, 0, 1}, [3]int{s0.Red, s0.Yellow, s0.Green})
	assert.Equal(t, [3]int{0, 1, 2}, [3]int{s1.Red, s1.Yellow, s1.Green})
	assert.InDelta(t, (90+80+10)/3.0, s0.Health.Value, 1e-9)
	assert.False(t, s0.ROI.Net.Valid, "no cost given")
}

func TestBandsProfit(t *testing.T) {
	tb, labels := tinyTable(t)
	// Gain of acting = p x 0.5 x ARR: 60, 240, 1620, 18, 96, 18; cost 100:
	// red when gain > 100 (a1, a2), yellow when > 50 (a0, a4).
	rep, err := Profile(tb, labels, ProfileConfig{ChurnProb: churnP, Cost: 100, SaveRate: 0.5})
	require.NoError(t, err)
	assert.Equal(t, []int{2, 2, 2}, []int{rep.Bands[0].Accounts, rep.Bands[1].Accounts, rep.Bands[2].Accounts})
	s0, s1 := rep.Segments[0], rep.Segments[1]
	assert.Equal(t, 2, s0.ROI.Acted)
	assert.InDelta(t, 240+1620, s0.ROI.SavedARR.Value, 1e-9)
	assert.InDelta(t, 200, s0.ROI.Cost.Value, 1e-9)
	assert.InDelta(t, 1660, s0.ROI.Net.Value, 1e-9)
	assert.Equal(t, 0, s1.ROI.Acted)
	assert.True(t, s1.ROI.Net.Valid)
	assert.Equal(t, 0.0, s1.ROI.Net.Value)

	_, err = Profile(tb, labels, ProfileConfig{ChurnProb: churnP, Cost: 100})
	assert.ErrorIs(t, err, ErrValue, "a cost needs a save rate")
	_, err = Profile(tb, labels, ProfileConfig{ChurnProb: churnP, Cost: 100, SaveRate: 1.5})
	assert.ErrorIs(t, err, ErrValue)
}

func TestBandsDefaultThresholds(t *testing.T) {
	tb, labels := tinyTable(t)
	rep, err := Profile(tb, labels, ProfileConfig{ChurnProb: churnP})
	require.NoError(t, err)
	// Health 90, 80, 10, 70, 20, 90: red below 50, yellow below 80.
	assert.Equal(t, []int{2, 1, 3}, []int{rep.Bands[0].Accounts, rep.Bands[1].Accounts, rep.Bands[2].Accounts})
	assert.Contains(t, rep.Unavailable[len(rep.Unavailable)-1], "ROI per segment")
}

func TestHealthScoreMonotone(t *testing.T) {
	prev := HealthScore(0)
	assert.Equal(t, 100.0, prev)
	for p := 0.01; p <= 1; p += 0.01 {
		h := HealthScore(p)
		assert.Less(t, h, prev)
		prev = h
	}
	assert.InDelta(t, 0, HealthScore(1), 1e-12)
}
