package segmenta

import (
	"bytes"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Segments fitted on some columns: the model records them, every scorer
// assigns the segments of those columns, the outcome models keep every
// feature and the personas are described by those columns.
func TestFitSegmentOn(t *testing.T) {
	tab, _ := fixture(t)
	on := []string{"plan", "seats_used", "logins_per_week", "feature_adoption"}
	m, err := Fit(tab, Config{Seed: 3, SegmentOn: on})
	require.NoError(t, err)
	pipe := m.Pipeline()
	cols, err := pipe.SourceFeatures(on)
	require.NoError(t, err)
	assert.Equal(t, cols, m.Segmentation().Columns())
	assert.ElementsMatch(t, on, pipe.Sources(m.Segmentation().Columns()))
	assert.Less(t, len(cols), pipe.NumFeatures())
	assert.Equal(t, pipe.NumFeatures(), m.Decision("churn").NumFeatures(), "prediction keeps every feature")

	scores, err := m.Score(tab)
	require.NoError(t, err)
	train := m.Segmentation().MacroLabels() // fitted on the columns alone
	for i, s := range scores {
		require.Equal(t, train[i], s.Segment, "row %d", i)
	}
	for _, s := range m.Profile().Segments {
		for _, tr := range s.Traits {
			assert.Contains(t, on, tr.Column, "segment %d", s.Label)
		}
	}

	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	l, err := Load(&buf)
	require.NoError(t, err)
	assert.Equal(t, cols, l.Segmentation().Columns())
	again, err := l.Score(tab)
	require.NoError(t, err)
	assert.Equal(t, scores, again)

	_, err = Fit(tab, Config{Seed: 3, SegmentOn: []string{"plan", "logins_per_wek"}})
	assert.ErrorIs(t, err, ErrConfig)
	assert.ErrorIs(t, err, dataset.ErrColumnNotFound)
	assert.ErrorContains(t, err, "did you mean logins_per_week?")
	_, err = Fit(tab, Config{Seed: 3, SegmentOn: []string{"churned"}})
	assert.ErrorIs(t, err, ErrConfig, "a label gives no feature")
}

// Segments: AutoSegments chooses the number of segments, deterministically,
// and the model keeps the scan that says why.
func TestFitAutoSegments(t *testing.T) {
	tab, _ := fixture(t)
	cfg := Config{Seed: 3, Segments: AutoSegments, SegmentsOnly: true}
	m, err := Fit(tab, cfg)
	require.NoError(t, err)
	c := m.Segmentation().Choice()
	require.NotNil(t, c)
	assert.Len(t, c.Scores, 9, "k = 2..10")
	assert.Equal(t, c.Best, m.NumSegments())
	assert.Len(t, m.SegmentNames(), c.Best)
	again, err := Fit(tab, cfg)
	require.NoError(t, err)
	assert.Equal(t, c, again.Segmentation().Choice())
	assert.Equal(t, m.SegmentNames(), again.SegmentNames())
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	l, err := Load(&buf)
	require.NoError(t, err)
	assert.Equal(t, c.Best, l.NumSegments())

	_, err = Fit(tab, Config{Segments: -2, SegmentsOnly: true})
	assert.ErrorIs(t, err, ErrConfig)
}
