package segmenta

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/report"
	"github.com/stretchr/testify/require"
)

// TestCompareSyntheticMonths: the migration matrix of two synthetic months
// (5% of accounts moved to another persona, well separated personas),
// mapped through each segment's majority persona, gives the generator's
// true moves; scored with a refit, the noise is what the refit relabels.
func TestCompareSyntheticMonths(t *testing.T) {
	const n = 6000
	gen := synth.Config{N: n, Seed: 3, Separation: 3}
	m1, tr1, err := synth.Generate(gen)
	require.NoError(t, err)
	gen.Month, gen.MoveRate = 2, 0.05
	m2, tr2, err := synth.Generate(gen)
	require.NoError(t, err)
	model, err := Fit(m1, Config{SegmentsOnly: true})
	require.NoError(t, err)

	c, err := report.CompareSnapshots(m1, m2, model.ScoringParts(), nil, report.MigrationConfig{})
	require.NoError(t, err)
	require.Nil(t, c.Refit)
	require.True(t, math.IsNaN(c.RefitNoise))
	require.Equal(t, "mrr_start", c.MRRColumn)
	require.Zero(t, c.Real.New+c.Real.Lost)

	// Each segment's majority persona in the first month.
	sc, err := model.Score(m1)
	require.NoError(t, err)
	k := model.NumSegments()
	votes := make([][6]int, k)
	for i := range sc {
		votes[sc[i].Segment][tr1.Segment[i]]++
	}
	persona := make([]int, k)
	for g, v := range votes {
		for p := range v {
			if v[p] > v[persona[g]] {
				persona[g] = p
			}
		}
	}
	var got, want [6][6]int
	for i := range k {
		for j := range k {
			got[persona[i]][persona[j]] += c.Real.Accounts[i][j]
		}
	}
	trueMoves, gotMoves, diff := 0, 0, 0
	for i := range n {
		want[tr2.PreviousSegment[i]][tr2.Segment[i]]++
	}
	for a := range 6 {
		for b := range 6 {
			if a != b {
				trueMoves += want[a][b]
				gotMoves += got[a][b]
				diff += abs(got[a][b] - want[a][b])
			}
		}
	}
	t.Logf("true moves %d, moves between personas found %d, summed |difference| over the off-diagonal cells %d (%.2f%% of the true moves); segment moves %d",
		trueMoves, gotMoves, diff, 100*float64(diff)/float64(trueMoves), c.Real.Moved)
	require.InDelta(t, 0.05*n, float64(trueMoves), 4*math.Sqrt(0.05*0.95*n))
	// Tolerance: the off-diagonal cells may differ by 5% of the true moves
	// in all. Measured: 0 (303 of 303 moves, every cell exact) with
	// well separated personas; with the default overlap (Separation 1)
	// 295 moves found and 10.6% summed difference, movers whose new
	// values look like a third persona's.
	require.LessOrEqual(t, diff, trueMoves/20)

	// Refitted on the second month with the first model's IDs.
	refit, err := Fit(m2, Config{SegmentsOnly: true, Seed: 1, Previous: model})
	require.NoError(t, err)
	parts := refit.ScoringParts()
	c, err = report.CompareSnapshots(m1, m2, model.ScoringParts(), &parts, report.MigrationConfig{})
	require.NoError(t, err)
	require.NotNil(t, c.Refit)
	t.Logf("refit: %d moves against %d real, noise %.3f, %d accounts relabelled", c.Refit.Moved, c.Real.Moved, c.RefitNoise, c.Relabelled)
	require.InDelta(t, float64(c.Refit.Moved-c.Real.Moved)/float64(c.Refit.Moved), c.RefitNoise, 1e-12)
	require.LessOrEqual(t, abs(c.Refit.Moved-c.Real.Moved), c.Relabelled)

	var buf bytes.Buffer
	require.NoError(t, c.Text(&buf))
	require.Contains(t, buf.String(), "Real moves")
	require.Contains(t, buf.String(), "Refit noise")
	buf.Reset()
	require.NoError(t, c.CSV(&buf))
	require.Equal(t, 1+2*(k+1)*(k+1), strings.Count(buf.String(), "\n"))
	buf.Reset()
	require.NoError(t, c.JSON(&buf))
	require.Contains(t, buf.String(), `"refit_noise"`)
}

func TestCompareNewLostAndErrors(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 800, Seed: 4})
	require.NoError(t, err)
	model, err := Fit(tab, Config{SegmentsOnly: true})
	require.NoError(t, err)
	old, cur := tab.Subset(seq(700)), tab.Subset(seq(800)[100:])
	c, err := report.CompareSnapshots(old, cur, model.ScoringParts(), nil, report.MigrationConfig{MRR: "mrr_end"})
	require.NoError(t, err)
	require.Equal(t, 100, c.Real.New)
	require.Equal(t, 100, c.Real.Lost)
	require.Equal(t, 600, c.Real.Stayed)
	require.Zero(t, c.Real.Moved, "the same accounts and model: no moves")
	total := 0.0
	for _, row := range c.Real.MRR {
		for _, v := range row {
			total += v
		}
	}
	endCol, err := tab.Numeric("mrr_end")
	require.NoError(t, err)
	want := 0.0
	for i := range 800 {
		want += endCol.Num[i]
	}
	require.InDelta(t, want, total, 1e-6*want)

	_, err = report.CompareSnapshots(old, cur, model.ScoringParts(), nil, report.MigrationConfig{MRR: "arr"})
	require.ErrorContains(t, err, "arr")
	dup := tab.Subset([]int{0, 1, 0})
	_, err = report.CompareSnapshots(dup, cur, model.ScoringParts(), nil, report.MigrationConfig{})
	require.ErrorIs(t, err, report.ErrDuplicateID)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
