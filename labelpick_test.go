package segmenta

import (
	"errors"
	"github.com/segmenta/segmenta/predict"
	"math"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// renamed returns t with the column old renamed to name (a copy).
func renamed(t *testing.T, tab *dataset.Table, old, name string) *dataset.Table {
	t.Helper()
	out := dataset.NewTable(tab.IDName, tab.IDs)
	for _, c := range tab.Columns() {
		cc := *c
		if cc.Name == old {
			cc.Name = name
		}
		require.NoError(t, out.AddColumn(&cc))
	}
	return out
}

func smallAccounts(t *testing.T) *dataset.Table {
	t.Helper()
	tab, _, err := synth.Generate(synth.Config{N: 600, Seed: 5})
	require.NoError(t, err)
	return tab
}

func TestLabelTypoIsAnError(t *testing.T) {
	tab := renamed(t, smallAccounts(t), "churned", "left_us")
	_, err := Fit(tab, Config{ChurnLabel: "left_uss", Segments: 3})
	var le *LabelError
	require.ErrorAs(t, err, &le)
	assert.ErrorIs(t, err, ErrLabel)
	assert.ErrorIs(t, err, dataset.ErrColumnNotFound)
	assert.Equal(t, "left_uss", le.Column)
	assert.Equal(t, "left_us", le.Hint)
	assert.Contains(t, err.Error(), "did you mean left_us?")

	// A name far from every column gets no hint.
	_, err = Fit(tab, Config{ChurnLabel: "zzzzzzzz", Segments: 3})
	require.ErrorAs(t, err, &le)
	assert.Empty(t, le.Hint)
}

func TestNoLabelNeedsSegmentsOnly(t *testing.T) {
	tab := renamed(t, renamed(t, smallAccounts(t), "churned", "left_us"), "upsold", "grew")
	_, err := Fit(tab, Config{Segments: 3})
	assert.ErrorIs(t, err, ErrLabel, "no label found: an error, not a silent segmentation")

	m, err := Fit(tab, Config{Segments: 3, SegmentsOnly: true})
	require.NoError(t, err)
	assert.Nil(t, m.Decision("churn"))
	// Without SegmentsOnly's label roles, left_us is an ordinary column.
	m, err = Fit(tab, Config{Segments: 3, ChurnLabel: "left_us", UpsellLabel: "grew"})
	require.NoError(t, err)
	require.NotNil(t, m.Decision("churn"))
	labels := m.Labels()
	assert.Equal(t, "left_us", labels[0].Column)
	assert.Equal(t, LabelFromConfig, labels[0].Source)
	assert.Equal(t, "grew", labels[1].Column)
}

func TestLabelNeverAFeature(t *testing.T) {
	tab := renamed(t, smallAccounts(t), "churned", "left_us")
	m, err := Fit(tab, Config{Segments: 3, ChurnLabel: "left_us"})
	require.NoError(t, err)
	for _, c := range m.Inputs().Columns {
		assert.NotEqual(t, "left_us", c.Name, "a label is never a scoring input")
	}
	for _, f := range m.Pipeline().Features() {
		assert.NotEqual(t, "left_us", f.Source, "a label is never a feature")
	}
	// A spec that makes the label a feature is refused.
	spec := m.Pipeline().Spec()
	spec.Columns = append(spec.Columns, spec.Columns[0])
	spec.Columns[len(spec.Columns)-1].Name, spec.Columns[len(spec.Columns)-1].Role = "left_us", "numeric"
	_, err = Fit(tab, Config{Segments: 3, ChurnLabel: "left_us", Spec: &spec})
	assert.ErrorIs(t, err, ErrConfig)
	assert.Contains(t, err.Error(), "left_us")
}

func TestMissingLabelsSkipped(t *testing.T) {
	tab := smallAccounts(t)
	col, err := tab.Column("churned")
	require.NoError(t, err)
	col.Missing = make([]bool, col.Len())
	for i := 0; i < col.Len(); i += 50 { // 2% missing
		col.Missing[i], col.Num[i] = true, math.NaN()
	}
	m, err := Fit(tab, Config{Segments: 3})
	require.NoError(t, err)
	assert.Equal(t, 12, m.Labels()[0].Missing)
	assert.Equal(t, 588, m.Labels()[0].Rows)
	assert.Equal(t, LabelFromDefault, m.Labels()[0].Source)

	_, err = Fit(tab, Config{Segments: 3, MaxMissingLabelRate: 0.01})
	assert.ErrorIs(t, err, ErrLabel)
	var ie *dataset.ColumnError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, "churned", ie.Column)
}

// AdditiveOnly keeps GA2Ms and says so; with LinearOnly it is refused.
func TestAdditiveOnly(t *testing.T) {
	tab := smallAccounts(t)
	m, err := Fit(tab, Config{Segments: 3, AdditiveOnly: true})
	require.NoError(t, err)
	_, ok := m.Decision("churn").(*predict.AdditiveModel)
	assert.True(t, ok, m.Metrics().Churn.Model)
	assert.Contains(t, m.Metrics().Churn.Model, "AdditiveOnly")
	_, err = Fit(tab, Config{Segments: 3, AdditiveOnly: true, LinearOnly: true})
	assert.ErrorIs(t, err, ErrConfig)
}
