package features

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reasons add up: baseline plus every column's contribution is the linear
// score of the row, and each column (all its one-hot levels and its
// missing indicator) appears once.
func TestColumnReasonsAddUp(t *testing.T) {
	tb := accounts(t)
	p, err := basicSpec().Fit(tb)
	require.NoError(t, err)
	X, err := p.Transform(tb)
	require.NoError(t, err)
	n, d := X.Dims()
	coef, means := make([]float64, d), make([]float64, d)
	for j := range d {
		coef[j] = float64(j%3) - 0.7
		for i := range n {
			means[j] += X.At(i, j) / float64(n)
		}
	}
	for i := range n {
		base, reasons, err := p.ColumnReasons(tb, i, linear{coef, means, 0.25})
		require.NoError(t, err)
		score, sum := 0.25, base
		for j := range d {
			score += coef[j] * X.At(i, j)
		}
		seen := map[string]bool{}
		for k, r := range reasons {
			assert.False(t, seen[r.Column], "column %s twice", r.Column)
			seen[r.Column] = true
			sum += r.Contribution
			if k > 0 {
				assert.GreaterOrEqual(t, math.Abs(reasons[k-1].Contribution), math.Abs(r.Contribution))
			}
		}
		assert.InDelta(t, score, sum, 1e-12, "row %d", i)
		assert.True(t, seen["industry"] && seen["seat_utilisation"])
	}
	_, _, err = p.ColumnReasons(tb, n, linear{coef, means, 0})
	assert.ErrorIs(t, err, ErrSpec)
}

// linear is intercept + coef·x split at the means.
type linear struct {
	coef, means []float64
	intercept   float64
}

func (l linear) NumFeatures() int { return len(l.coef) }

func (l linear) ContributionsInto(c, x []float64) float64 {
	b := l.intercept
	for j, w := range l.coef {
		b += w * l.means[j]
		c[j] = w * (x[j] - l.means[j])
	}
	return b
}
