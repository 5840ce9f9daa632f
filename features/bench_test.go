package features

import (
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"gonum.org/v1/gonum/mat"
)

// cpuTime returns the user+system CPU time of the process, so that
// benchmarks can report throughput per CPU second, which other processes
// competing for the cores distort less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTransform transforms 100,000 accounts x 20 columns (14 numeric,
// 4 categorical, 2 dates; inferred spec: 60 features) and reports rows/s:
//
//	go test -run '^$' -bench Transform -benchmem ./features
func BenchmarkTransform(b *testing.B) {
	benchTransform(b, synthAccounts(b, 100_000, 1))
}

// BenchmarkTransformInterned is BenchmarkTransform on a table whose
// categorical columns are interned, as read from CSV (the level-cache path).
func BenchmarkTransformInterned(b *testing.B) {
	benchTransform(b, internedAccounts(b, 100_000, 1))
}

func benchTransform(b *testing.B, tb *dataset.Table) {
	p, err := (&Spec{}).Fit(tb)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := p.Transform(tb); err != nil {
			b.Fatal(err)
		}
	}
	rows := float64(tb.Len()) * float64(b.N)
	b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
	if cpu := (cpuTime() - c0).Seconds(); cpu > 0 {
		b.ReportMetric(rows/cpu, "rows/cpu-s")
	}
	b.ReportMetric(float64(p.NumFeatures()), "features")
}

// BenchmarkFit fits the inferred spec on the same table.
func BenchmarkFit(b *testing.B) {
	tb := synthAccounts(b, 100_000, 1)
	s, err := InferSpec(tb)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Fit(tb); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTransformInto is the batch-scoring path: 8192-row batches
// transformed into one reused matrix.
func BenchmarkTransformInto(b *testing.B) {
	tb := synthAccounts(b, 100_000, 1)
	p, err := (&Spec{}).Fit(tb)
	if err != nil {
		b.Fatal(err)
	}
	const batch = 8192
	var batches []*dataset.Table
	for lo := 0; lo+batch <= tb.Len(); lo += batch {
		rows := make([]int, batch)
		for i := range rows {
			rows[i] = lo + i
		}
		batches = append(batches, tb.Subset(rows))
	}
	var X mat.Dense
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, bt := range batches {
			if _, err := p.TransformInto(&X, bt); err != nil {
				b.Fatal(err)
			}
		}
	}
	rows := float64(len(batches)*batch) * float64(b.N)
	b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
	if cpu := (cpuTime() - c0).Seconds(); cpu > 0 {
		b.ReportMetric(rows/cpu, "rows/cpu-s")
	}
}

// BenchmarkAggregation aggregates 1,000,000 order lines (invoices of 5
// lines) of 20,000 accounts over two years, as of a cutoff in the middle
// (half the events are in the future), with invoices and Quantity x Price:
//
//	go test -run '^$' -bench Aggregation -benchmem ./features
func BenchmarkAggregation(b *testing.B) {
	const n, accounts = 1_000_000, 20_000
	ids, invs := make([]string, n), make([]string, n)
	times := make([]time.Time, n)
	q, pr := make([]float64, n), make([]float64, n)
	start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range ids {
		a := (i / 5 * 7919) % accounts // invoices of 5 lines, accounts interleaved
		ids[i] = strconv.Itoa(100000 + a)
		invs[i] = strconv.Itoa(i / 5)
		times[i] = start.Add(time.Duration(i) * 63 * time.Second)
		q[i], pr[i] = float64(1+i%7), 0.5+float64(i%13)
	}
	tb := dataset.NewTable("", nil)
	for _, err := range []error{tb.AddCategorical("customer", ids, nil), tb.AddDate("at", times, nil),
		tb.AddCategorical("invoice", invs, nil), tb.AddNumeric("qty", q, nil), tb.AddNumeric("price", pr, nil)} {
		if err != nil {
			b.Fatal(err)
		}
	}
	a := Aggregation{ID: "customer", Time: "at", Quantity: "qty", Price: "price", Invoice: "invoice", Cutoff: start.AddDate(1, 0, 0)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := a.Apply(tb); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
