package batch_test

import (
	"math"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/predict"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tables longer than a scoring block: the same scores as row by row, and a
// bad value named by its row in the table, not in its block.
func TestScoreBlocks(t *testing.T) {
	tab, m := fixture(t)
	all, err := m.Score(tab)
	require.NoError(t, err)
	require.Greater(t, tab.Len(), 2*batch.ScoreBlockRows)
	for _, i := range []int{0, batch.ScoreBlockRows - 1, batch.ScoreBlockRows, tab.Len() - 1} {
		one, err := m.Score(tab.Subset([]int{i}))
		require.NoError(t, err)
		assert.Equal(t, one[0], all[i], "row %d", i)
	}

	bad := tab.Subset(seq(tab.Len()))
	x, err := bad.Numeric("logins_per_week")
	require.NoError(t, err)
	row := batch.ScoreBlockRows + 17
	x.Num[row] = math.Inf(1)
	_, err = m.Score(bad)
	require.ErrorIs(t, err, dataset.ErrNonFinite)
	var ce *dataset.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, row, ce.Row)
	assert.Equal(t, "logins_per_week", ce.Column)
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// New refuses parts that do not fit together; a Scorer over a model's parts
// segments as the model does.
func TestNewParts(t *testing.T) {
	tab, m := fixture(t)
	_, err := batch.New(batch.Parts{})
	require.ErrorIs(t, err, batch.ErrParts)
	p := batch.Parts{Pipeline: m.Pipeline(), Segments: m.Segmentation(), Inputs: m.Inputs(),
		SegmentNames: m.SegmentNames()[:1]}
	_, err = batch.New(p)
	require.ErrorIs(t, err, batch.ErrParts)
	p.SegmentNames = m.SegmentNames()
	// An outcome without a model, or with two, is refused by name.
	lr, err := predict.NewLogisticModel(make([]float64, m.Pipeline().NumFeatures()), 0, nil, nil)
	require.NoError(t, err)
	for _, o := range []*batch.Outcome{{Label: "churned"}, {Label: "churned", Logistic: lr, Additive: &predict.AdditiveModel{}}} {
		bad := p
		bad.Churn = o
		_, err = batch.New(bad)
		require.ErrorIs(t, err, batch.ErrParts)
		assert.Contains(t, err.Error(), `outcome "churned" needs exactly one`)
	}
	s, err := batch.New(p)
	require.NoError(t, err)
	got, err := s.ScoreInto(nil, tab.Subset(seq(50)), nil)
	require.NoError(t, err)
	want, err := m.Score(tab.Subset(seq(50)))
	require.NoError(t, err)
	for i := range got {
		assert.Equal(t, want[i].Segment, got[i].Segment)
		assert.Equal(t, want[i].MicroSegment, got[i].MicroSegment)
		assert.True(t, math.IsNaN(got[i].Churn), "no churn model given")
		assert.Empty(t, got[i].Reasons)
	}
}
