package synth

import (
	"bytes"
	"math"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/require"
)

func TestMonthOneIsTheFirstMonth(t *testing.T) {
	var m0, m1 bytes.Buffer
	require.NoError(t, WriteAccountsCSV(&m0, Config{N: 500, Seed: 3, IncludeTruth: true}))
	require.NoError(t, WriteAccountsCSV(&m1, Config{N: 500, Seed: 3, IncludeTruth: true, Month: 1, MoveRate: 0.3}))
	require.Equal(t, m0.String(), m1.String())
}

func TestMonthMoves(t *testing.T) {
	const n = 20000
	t1, tr1, err := Generate(Config{N: n, Seed: 5, IncludeTruth: true})
	require.NoError(t, err)
	t2, tr2, err := Generate(Config{N: n, Seed: 5, IncludeTruth: true, Month: 2, MoveRate: 0.1})
	require.NoError(t, err)
	require.Equal(t, tr1.Segment, tr2.PreviousSegment)
	require.Equal(t, t1.IDs, t2.IDs)
	moved := 0
	col := func(tb interface {
		Column(string) (*dataset.Column, error)
	}, name string) []float64 {
		c, err := tb.Column(name)
		require.NoError(t, err)
		return c.Num
	}
	mrr1, mrr2 := col(t1, "mrr_start"), col(t2, "mrr_start")
	adopt1, adopt2 := col(t1, "feature_adoption"), col(t2, "feature_adoption")
	prevCol := col(t2, "true_previous_segment")
	for i := range n {
		require.Equal(t, float64(tr2.PreviousSegment[i]), prevCol[i])
		if tr2.Segment[i] == tr2.PreviousSegment[i] {
			// Stayers keep every value.
			require.Equal(t, mrr1[i], mrr2[i], "row %d", i)
			require.Equal(t, adopt1[i], adopt2[i], "row %d", i)
			continue
		}
		moved++
	}
	// Binomial(20000, 0.1): sd 42 accounts; 5 sd is 0.0106.
	require.InDelta(t, 0.1, float64(moved)/n, 0.0106)

	// Month 3 follows from month 2: its previous personas are month 2's.
	_, tr3, err := Generate(Config{N: n, Seed: 5, Month: 3, MoveRate: 0.1})
	require.NoError(t, err)
	require.Equal(t, tr2.Segment, tr3.PreviousSegment)

	// Movers take their new persona's values: the persona means move.
	mean := func(v []float64, seg []int, want int) float64 {
		s, c := 0.0, 0
		for i, x := range v {
			if seg[i] == want && !math.IsNaN(x) {
				s += x
				c++
			}
		}
		return s / float64(c)
	}
	for p := range tr1.SegmentNames {
		require.InDelta(t, mean(adopt1, tr1.Segment, p), mean(adopt2, tr2.Segment, p), 0.03, "persona %d", p)
	}
}

func TestMonthConfigErrors(t *testing.T) {
	_, _, err := Generate(Config{Month: -1})
	require.ErrorIs(t, err, ErrConfig)
	_, _, err = Generate(Config{Month: 2, MoveRate: 1.5})
	require.ErrorIs(t, err, ErrConfig)
	_, _, err = Generate(Config{Month: 2, MoveRate: math.NaN()})
	require.ErrorIs(t, err, ErrConfig)
}
