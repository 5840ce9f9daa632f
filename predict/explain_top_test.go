package predict

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TopValues over a linear model's contributions (ContributionsInto) lists,
// in order, Explain's reasons of one sign above the noise floor, up to k of
// them.
func TestTopValuesMatchesExplain(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const d = 23
	coef, means := make([]float64, d), make([]float64, d)
	for j := range coef {
		coef[j] = rng.NormFloat64()
		means[j] = rng.NormFloat64()
		if j%7 == 3 {
			coef[j] = 0
		}
	}
	coef[5] = coef[4] // equal contributions are ranked by feature order
	for _, withMeans := range []bool{true, false} {
		mm := means
		if !withMeans {
			mm = nil
		}
		m, err := NewLogisticModel(coef, 0.3, nil, mm)
		require.NoError(t, err)
		base := make([]float64, d)
		if withMeans {
			base = means
		}
		for trial := 0; trial < 200; trial++ {
			x := make([]float64, d)
			for j := range x {
				x[j] = rng.NormFloat64()
			}
			if trial%2 == 0 {
				x[4], x[5] = base[4]+1, base[5]+1
			}
			rs, err := m.Explain(x, ExplainOptions{Baseline: base})
			require.NoError(t, err)
			contrib := make([]float64, d)
			m.ContributionsInto(contrib, x)
			for _, lower := range []bool{false, true} {
				var want []int
				for _, r := range rs {
					c := r.Contribution
					if lower {
						c = -c
					}
					if c > MinContribution {
						want = append(want, featureIndex(t, m, r.Feature))
					}
				}
				for _, k := range []int{0, 1, 3, d} {
					top, c := make([]int, k), make([]float64, k)
					n := TopValues(contrib, lower, top, c)
					w := want[:min(k, len(want))]
					require.Equal(t, len(w), n, "k %d lower %v", k, lower)
					require.Equal(t, w, top[:n], "k %d lower %v", k, lower)
					for i := 1; i < n; i++ {
						require.GreaterOrEqual(t, c[i-1], c[i])
					}
				}
			}
		}
	}
	v, top, c := make([]float64, d), make([]int, 3), make([]float64, 3)
	require.Zero(t, testing.AllocsPerRun(100, func() { TopValues(v, false, top, c) }))
}

func featureIndex(t *testing.T, m *LogisticModel, name string) int {
	for j, n := range m.names {
		if n == name {
			return j
		}
	}
	t.Fatalf("no feature %q", name)
	return -1
}
