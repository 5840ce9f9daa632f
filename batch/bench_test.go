package batch_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/internal/cputime"
	"github.com/segmenta/segmenta/privacy"
)

// benchModel fits the benchmarks' model on 20,000 synthetic accounts (200
// micro segments, 6 segments) and returns it with its accounts.
func benchModel(b *testing.B) (*dataset.Table, *segmenta.Model) {
	tab, _, err := synth.Generate(synth.Config{N: 20000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	m, err := segmenta.Fit(tab, segmenta.Config{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return tab, m
}

// BenchmarkScoreCSV streams 200,000 synthetic accounts (CSV in memory)
// through a model fitted on 20,000 (200 micro segments, 6 segments) and
// reports rows per second; compare with dataset's BenchmarkEncodingCSVRaw (encoding/csv alone).
func BenchmarkScoreCSV(b *testing.B) { benchScoreCSV(b, batch.Options{}) }

// BenchmarkScoreCSVPseudonymised is BenchmarkScoreCSV with every ID
// written as its HMAC-SHA256 pseudonym (privacy.Pseudonymiser).
func BenchmarkScoreCSVPseudonymised(b *testing.B) {
	p, err := privacy.NewPseudonymiser([]byte("0123456789abcdefghijklmnopqrstuvwxyz"), privacy.PseudonymOptions{})
	if err != nil {
		b.Fatal(err)
	}
	benchScoreCSV(b, batch.Options{Pseudonymise: p.AppendPseudonym})
}

func benchScoreCSV(b *testing.B, opt batch.Options) {
	_, m := benchModel(b)
	var in bytes.Buffer
	if err := synth.WriteAccountsCSV(&in, synth.Config{N: 200000, Seed: 2}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(in.Len()))
	cpu0 := cputime.Process()
	b.ResetTimer()
	for range b.N {
		c, err := m.ScoreCSV(context.Background(), bytes.NewReader(in.Bytes()), io.Discard, opt)
		if err != nil {
			b.Fatal(err)
		}
		if c.Scored != 200000 {
			b.Fatalf("scored %d", c.Scored)
		}
	}
	b.ReportMetric(float64(200000*b.N)/b.Elapsed().Seconds(), "rows/s")
	// CPU time per row tells the cost apart from waiting on a busy machine.
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(200000*b.N), "cpu-ns/row")
}

// BenchmarkScoreInto times the model math alone (features, segments,
// calibrated churn and upsell, reasons) on 8192-row batches already in
// memory; run with -cpu 1 for the rate per core.
func BenchmarkScoreInto(b *testing.B) {
	tab, m := benchModel(b)
	idx := make([]int, batch.DefaultBatchRows)
	for i := range idx {
		idx[i] = i
	}
	rows := tab.Subset(idx)
	var dst []batch.Score
	var err error
	b.ResetTimer()
	for range b.N {
		if dst, err = m.ScoreInto(dst, rows, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(idx)*b.N)/b.Elapsed().Seconds(), "rows/s")
}
