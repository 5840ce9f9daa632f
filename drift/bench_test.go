package drift_test

import (
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/drift"
	"github.com/segmenta/segmenta/internal/cputime"
)

// BenchmarkTally counts 8192 synthetic accounts (19 input columns, 6 of
// them categorical, interned as the CSV reader delivers them) and two
// scores into their bins, as batch does per batch of ScoreCSV: the cost
// drift adds to scoring, in rows per second and CPU nanoseconds per row.
func BenchmarkTally(b *testing.B) {
	train, _, err := synth.Generate(synth.Config{N: 8192, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	score := make([]float64, train.Len())
	for i := range score {
		score[i] = float64(i%997) / 997
	}
	ref, err := drift.Config{}.Fit(train, nil, synthColumns, []drift.ScoreValues{{Name: "churn", Values: score}, {Name: "upsell", Values: score}})
	if err != nil {
		b.Fatal(err)
	}
	month, _, err := synth.Generate(synth.Config{N: 8192, Seed: 2})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range month.Columns() {
		c.Intern() // as the CSV reader delivers them
	}
	bin := drift.NewBinner(ref)
	churn, upsell := bin.ScoreIndex("churn"), bin.ScoreIndex("upsell")
	cpu0 := cputime.Process()
	b.ResetTimer()
	for range b.N {
		tl := bin.NewTally()
		if err := tl.AddTable(month, nil); err != nil {
			b.Fatal(err)
		}
		for _, p := range score {
			tl.AddScore(churn, p)
			tl.AddScore(upsell, p)
		}
	}
	b.ReportMetric(float64(month.Len()*b.N)/b.Elapsed().Seconds(), "rows/s")
	// CPU time tells the cost apart from waiting on a busy machine.
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(month.Len()*b.N), "cpu-ns/row")
}
