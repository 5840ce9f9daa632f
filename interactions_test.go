package segmenta

import (
	"bytes"
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The shaped accounts' churn has the interaction seats > 40 and discount >
// 15: the churn model's pair says so in seats and percent, though the
// model reads log1p(seats) standardised, and a saved model says the same.
func TestInteractionsInInputUnits(t *testing.T) {
	tab, _, err := synth.GenerateShaped(synth.ShapedConfig{N: 20000, Seed: 3})
	require.NoError(t, err)
	m, err := Fit(tab, Config{Seed: 1, MicroSegments: 20, ChurnLabel: "churned", UpsellLabel: "-"})
	require.NoError(t, err)
	ins, err := m.Interactions("churn")
	require.NoError(t, err)
	require.Len(t, ins, 1, "%s", m.Metrics().Churn.Model)
	in := ins[0]
	assert.Equal(t, [2]string{"seats", "discount_pct"}, in.Columns)
	assert.Equal(t, [2]bool{true, true}, in.InputUnits)
	require.Len(t, in.Cuts[0], 1, "%v", in.Cuts)
	require.Len(t, in.Cuts[1], 1, "%v", in.Cuts)
	assert.InDelta(t, 40.5, in.Cuts[0][0], 0.5)
	assert.InDelta(t, 15.5, in.Cuts[1][0], 0.5)
	e := in.Effects
	assert.Greater(t, e[1][1]-e[1][0]-e[0][1]+e[0][0], 0.8, "the interaction is in the cell above both cuts: %v", e)

	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	got, err := Load(&buf)
	require.NoError(t, err)
	again, err := got.Interactions("churn")
	require.NoError(t, err)
	assert.Equal(t, ins, again)

	_, err = m.Interactions("upsell")
	assert.ErrorIs(t, err, ErrLabel)
	_, err = m.Interactions("growth")
	assert.ErrorIs(t, err, ErrConfig)
}
