package report

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/segmenta/segmenta/batch"
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

// BenchmarkScoreSumsAdd: one scored account added to a segment's exact
// KPI sums (three exactsum.Acc additions and the counts).
func BenchmarkScoreSumsAdd(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, 1<<12)
	for i := range xs {
		xs[i] = rng.Float64()
	}
	var s ScoreSums
	for i := 0; b.Loop(); i++ {
		x := xs[i&(len(xs)-1)]
		s.Add(x, 1-x, 1200, batch.RiskLow)
	}
}
