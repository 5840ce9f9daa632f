package figure

import (
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
)

// BenchmarkFigurePNG renders a PCA plot of 2,000 points (first call) and
// then returns the cached bytes.
func BenchmarkFigurePNG(b *testing.B) {
	t, truth, err := synth.Generate(synth.Config{N: 5000, Seed: 1})
	require.NoError(b, err)
	X, err := denseOf(t, "logins_per_week", "feature_adoption", "support_tickets", "tenure_months")
	require.NoError(b, err)
	b.Run("render", func(b *testing.B) {
		for range b.N {
			f, err := PCAPlot(X, truth.Segment, 2000, 1)
			require.NoError(b, err)
			if _, err := f.PNG(); err != nil {
				b.Fatal(err)
			}
		}
	})
	f, err := PCAPlot(X, truth.Segment, 2000, 1)
	require.NoError(b, err)
	_, _ = f.PNG()
	b.Run("cached", func(b *testing.B) {
		for range b.N {
			if _, err := f.PNG(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// denseOf stacks numeric columns (missing values as 0) into a matrix.
func denseOf(t *dataset.Table, names ...string) (*mat.Dense, error) {
	X := mat.NewDense(t.Len(), len(names), nil)
	for j, n := range names {
		c, err := t.Numeric(n)
		if err != nil {
			return nil, err
		}
		for i, v := range c.Num {
			if !c.IsMissing(i) {
				X.Set(i, j, v)
			}
		}
	}
	return X, nil
}
