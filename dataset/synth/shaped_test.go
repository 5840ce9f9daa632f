package synth

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGenerateShaped(t *testing.T) {
	tab, truth, err := GenerateShaped(ShapedConfig{N: 3000, Seed: 1, Extra: 22})
	require.NoError(t, err)
	assert.Equal(t, 3000, tab.Len())
	assert.Equal(t, 31, tab.NumColumns(), "8 signal columns, 22 extras, the label")
	yc, err := tab.Numeric("churned")
	require.NoError(t, err)
	y := yc.Num
	rate, mean := 0.0, 0.0
	for i := range y {
		rate += y[i] / 3000
		mean += truth[i] / 3000
	}
	assert.InDelta(t, mean, rate, 0.03, "labels follow the true probabilities")
	assert.Greater(t, rate, 0.15)
	assert.Less(t, rate, 0.6)
	again, _, err := GenerateShaped(ShapedConfig{N: 3000, Seed: 1, Extra: 22})
	require.NoError(t, err)
	a, _ := again.Numeric("tenure_months")
	b, _ := tab.Numeric("tenure_months")
	assert.Equal(t, a.Num, b.Num, "same seed, same data")
	_, _, err = GenerateShaped(ShapedConfig{N: -1})
	assert.ErrorIs(t, err, ErrConfig)
}
