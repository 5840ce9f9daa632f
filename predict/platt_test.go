package predict

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Platt scaling with Lin, Lin & Weng's absolute tolerance agrees with
// scikit-learn's sigmoid calibration (golden figures from
// benchmarks/peers/platt_golden.py).
func TestPlattGoldenTol(t *testing.T) {
	b, err := os.ReadFile("testdata/platt_golden.json")
	require.NoError(t, err)
	var g struct {
		Cases []struct {
			Name string
			Z, Y []float64
			A, B float64
		}
	}
	require.NoError(t, json.Unmarshal(b, &g))
	require.Len(t, g.Cases, 3)
	for _, c := range g.Cases {
		for _, tol := range []float64{1e-5, 0} {
			p, err := PlattScaling{Tol: tol}.Fit(c.Z, c.Y, nil)
			require.NoError(t, err, c.Name)
			assert.InDelta(t, c.A, p.A, 1e-5*(1+math.Abs(c.A)), "%s tol %v", c.Name, tol)
			assert.InDelta(t, c.B, p.B, 1e-5*(1+math.Abs(c.B)), "%s tol %v", c.Name, tol)
		}
	}
}

// Scores whose true log-odds are 2z - 1: Platt recovers A = -2, B = 1, and
// Prob maps a score as Transform does.
func TestPlattRecovers(t *testing.T) {
	var z, y []float64
	for i := range 20000 {
		zi := float64(i%200)/50 - 2
		p := 1 / (1 + math.Exp(-(2*zi - 1)))
		// Deterministic labels in the right proportion per score value.
		frac := float64(i/200) / 100
		v := 0.0
		if frac+0.005 < p { // round(100 p) positives out of 100
			v = 1
		}
		z, y = append(z, zi), append(y, v)
	}
	c, err := PlattScaling{Tol: 1e-5}.Fit(z, y, nil)
	require.NoError(t, err)
	assert.InDelta(t, -2, c.A, 0.05)
	assert.InDelta(t, 1, c.B, 0.05)
	tr := c.Transform(z[:300])
	for i, v := range z[:300] {
		require.Equal(t, tr[i], c.Prob(v))
	}
	_, err = PlattScaling{Tol: 1e-5}.Fit([]float64{1, 2}, []float64{1, 1}, nil)
	assert.ErrorIs(t, err, ErrSingleClass)
}
