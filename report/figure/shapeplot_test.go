package figure

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/segmenta/segmenta/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShapePlot(t *testing.T) {
	xs := []float64{-2, -1, -1e-9, 0, 1, 2}
	ys := []float64{0.8, 0.2, 0.2, -0.5, -0.1, 0.7}
	f, err := ShapePlot("logins_per_week", "churn", xs, ys)
	require.NoError(t, err)
	png, err := f.PNG()
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG")))
	assert.Contains(t, f.Title(), "logins_per_week")

	for _, tc := range []struct {
		xs, ys []float64
		want   error
	}{
		{xs[:1], ys[:1], report.ErrEmpty},
		{xs, ys[:3], report.ErrLength},
		{[]float64{0, 0}, []float64{1, 2}, report.ErrValue},
		{[]float64{0, 1}, []float64{1, math.NaN()}, report.ErrValue},
	} {
		_, err := ShapePlot("x", "churn", tc.xs, tc.ys)
		assert.True(t, errors.Is(err, tc.want), "%v", err)
	}
}
