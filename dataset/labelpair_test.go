package dataset

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOutcomeLabelsPick(t *testing.T) {
	tb := NewTable("id", []string{"a", "b", "c", "d"})
	require.NoError(t, tb.AddNumeric("left_us", []float64{1, 0, 0, 1}, nil))
	require.NoError(t, tb.AddNumeric("upsold", []float64{0, 1, 0, 0}, nil))
	def := OutcomeLabels{DefaultChurn: "churned", DefaultUpsell: "upsold", MaxMissing: 0.1}

	o := def
	o.Churn = "left_us"
	churn, upsell, uses, err := o.Pick(tb)
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 0, 0, 1}, churn)
	assert.Equal(t, []float64{0, 1, 0, 0}, upsell)
	assert.Equal(t, LabelFromConfig, uses[0].Source)
	assert.Equal(t, LabelFromDefault, uses[1].Source)

	// A named label that is absent is an error with a hint, not a skip.
	o.Churn = "left"
	_, _, _, err = o.Pick(tb)
	var le *LabelError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "left_us", le.Hint)

	// Neither label found: an error, unless one was skipped on purpose.
	none := NewTable("id", []string{"a"})
	require.NoError(t, none.AddNumeric("x", []float64{1}, nil))
	_, _, _, err = def.Pick(none)
	assert.True(t, errors.Is(err, ErrLabel), "%v", err)
	o = def
	o.Upsell = NoLabel
	churn, upsell, _, err = o.Pick(none)
	require.NoError(t, err)
	assert.Nil(t, churn)
	assert.Nil(t, upsell)

	// Segments only reads nothing, even a label that would fail.
	o = def
	o.Churn, o.SegmentsOnly = "absent", true
	churn, _, uses, err = o.Pick(tb)
	require.NoError(t, err)
	assert.Nil(t, churn)
	assert.Equal(t, "not fitted: segments only", uses[0].Note)
}
