package batch_test

import (
	"bytes"
	"context"
	"io"
	"math"
	"testing"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/internal/cputime"
	"github.com/segmenta/segmenta/privacy"
	"github.com/segmenta/segmenta/report"
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

// BenchmarkScoreCSVKPIs is BenchmarkScoreCSV with per-segment KPI sums
// (report.ScoreSums: exact sums) added from OnScore, as the beam module's
// score stage does; BenchmarkScoreCSVNaiveKPIs adds the same with plain
// float64 sums, for the cost of exactness.
func BenchmarkScoreCSVKPIs(b *testing.B) {
	sums := map[int]*report.ScoreSums{}
	benchScoreCSV(b, batch.Options{OnScore: func(_ int, s *batch.Score) {
		sm := sums[s.Segment]
		if sm == nil {
			sm = &report.ScoreSums{}
			sums[s.Segment] = sm
		}
		sm.AddScore(s, 100)
	}})
}

func BenchmarkScoreCSVNaiveKPIs(b *testing.B) {
	type naive struct {
		churn, upsell, risk       float64
		n, nChurn, nUpsell, nRisk int64
	}
	sums := map[int]*naive{}
	benchScoreCSV(b, batch.Options{OnScore: func(_ int, s *batch.Score) {
		sm := sums[s.Segment]
		if sm == nil {
			sm = &naive{}
			sums[s.Segment] = sm
		}
		sm.n++
		if !math.IsNaN(s.Churn) {
			sm.churn += s.Churn
			sm.nChurn++
			sm.risk += s.Churn * 1200
			sm.nRisk++
		}
		if !math.IsNaN(s.Upsell) {
			sm.upsell += s.Upsell
			sm.nUpsell++
		}
	}})
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
