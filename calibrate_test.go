package segmenta

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fitPlatt agrees with scikit-learn's sigmoid calibration (golden figures
// from benchmarks/peers/platt_golden.py).
func TestPlattGolden(t *testing.T) {
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
		p, err := fitPlatt(c.Z, c.Y)
		require.NoError(t, err, c.Name)
		assert.InDelta(t, c.A, p.A, 1e-5*(1+abs(c.A)), c.Name)
		assert.InDelta(t, c.B, p.B, 1e-5*(1+abs(c.B)), c.Name)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
