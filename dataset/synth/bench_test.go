package synth

import (
	"testing"
)

// countWriter counts bytes so the benchmarks can report MB/s.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

func BenchmarkWriteAccountsCSV(b *testing.B) {
	const n = 100000
	var w countWriter
	for b.Loop() {
		if err := WriteAccountsCSV(&w, Config{N: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.SetBytes(w.n / int64(b.N))
}

func BenchmarkWriteEventsCSV(b *testing.B) {
	const n = 10000
	var w countWriter
	for b.Loop() {
		if err := WriteEventsCSV(&w, Config{N: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "accounts/s")
	b.SetBytes(w.n / int64(b.N))
}

func BenchmarkGenerate(b *testing.B) {
	const n = 100000
	for b.Loop() {
		if _, _, err := Generate(Config{N: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkAccount is the cost of drawing one account, without formatting.
func BenchmarkAccount(b *testing.B) {
	s, _ := Config{}.settings()
	gen := newGenerator(s)
	var a account
	i := 0
	for b.Loop() {
		gen.account(i, &a)
		i++
	}
}
