package report

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/segmenta/segmenta/dataset/synth"
)

// BenchmarkProfile profiles 100,000 synthetic accounts (27 columns, 6
// segments) with predicted churn probabilities and the automatic
// risky-accounts list.
func BenchmarkProfile(b *testing.B) {
	t, truth, err := synth.Generate(synth.Config{N: 100_000, Seed: 1})
	require.NoError(b, err)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Profile(t, truth.Segment, ProfileConfig{ChurnProb: truth.ChurnProb}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkProfileLifecycle is BenchmarkProfile with the snapshot date,
// so that the cohorts are computed too (the bridge and the lifetimes are
// in BenchmarkProfile: the synthetic accounts have their columns).
func BenchmarkProfileLifecycle(b *testing.B) {
	t, truth, err := synth.Generate(synth.Config{N: 100_000, Seed: 1})
	require.NoError(b, err)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Profile(t, truth.Segment, ProfileConfig{ChurnProb: truth.ChurnProb, AsOf: asOf}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "rows/s")
}
