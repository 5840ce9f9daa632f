package snapshot

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/segmenta/segmenta/internal/cputime"
	"github.com/segmenta/segmenta/internal/usagelog"
)

// BenchmarkLoadCutoffs is the path of segmenta snapshot on an event log
// (benchmarks/cmd/aggscale's -export: a usage log in time order related
// to an accounts table, RFC 3339 times, windows, amount statistics, an
// event-type pivot): read, parse dates, relate, deduplicate and aggregate
// (LoadCutoffs), then build the snapshot. It reports events per second
// and per CPU second (steadier on a shared machine):
//
//	go test -run '^$' -bench LoadCutoffs -benchtime 5x ./snapshot
func BenchmarkLoadCutoffs(b *testing.B) {
	for _, c := range []struct{ accounts, events int }{{20_000, 500_000}, {200_000, 500_000}} {
		b.Run(fmt.Sprintf("accounts=%d/events=%d", c.accounts, c.events), func(b *testing.B) {
			dir := b.TempDir()
			if err := usagelog.WriteExport(dir, c.accounts, c.events, 1); err != nil {
				b.Fatal(err)
			}
			spec, err := ReadSpecFile(filepath.Join(dir, "spec.yaml"))
			if err != nil {
				b.Fatal(err)
			}
			cutoffs := []time.Time{usagelog.Cutoff}
			b.ResetTimer()
			c0 := cputime.Process()
			for i := 0; i < b.N; i++ {
				d, err := LoadCutoffs(spec, cutoffs)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := d.Snapshot(usagelog.Cutoff); err != nil {
					b.Fatal(err)
				}
			}
			ev := float64(c.events) * float64(b.N)
			b.ReportMetric(ev/b.Elapsed().Seconds(), "events/s")
			if cpu := (cputime.Process() - c0).Seconds(); cpu > 0 {
				b.ReportMetric(ev/cpu, "events/cpu-s")
			}
		})
	}
}
