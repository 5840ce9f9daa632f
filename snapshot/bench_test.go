package snapshot

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// benchSpec is the data spec of benchmarks/cmd/aggscale's -export: a
// usage log related to an accounts table, RFC 3339 times, windows, amount
// statistics and an event-type pivot.
const benchSpec = `version: 1
accounts:
  table: accounts
tables:
  - name: accounts
    path: accounts.csv
    key: account_id
  - name: usage
    path: usage.csv
    account: account_id
    time: timestamp
    dates: {layouts: ["2006-01-02T15:04:05Z07:00"]}
    events:
      windows: [7, 30, 90, 365]
      trend_days: 90
      amount: amount
      stats:
        - {column: amount, ops: [mean, max]}
      pivots:
        - {column: event_type, levels: [login, view, search, export, share, invite, api_call, admin]}
`

// writeBenchExport writes an export of events in time order over 2023-2024
// for accounts drawn uniformly, as aggscale -export does.
func writeBenchExport(tb testing.TB, dir string, accounts, events int) {
	tb.Helper()
	f, err := os.Create(filepath.Join(dir, "usage.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewPCG(1, 14))
	types := []string{"login", "view", "search", "export", "share", "invite", "api_call", "admin"}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	span := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - start
	fmt.Fprintln(w, "account_id,timestamp,event_type,amount")
	var b []byte
	for i := 0; i < events; i++ {
		at := start + int64(float64(i)*float64(span)/float64(events))
		b = fmt.Appendf(b[:0], "A%07d,", 1+rng.IntN(accounts))
		b = time.Unix(at, 0).UTC().AppendFormat(b, time.RFC3339)
		b = append(b, ',')
		b = append(b, types[rng.IntN(len(types))]...)
		b = append(b, ',')
		b = strconv.AppendFloat(b, float64(rng.IntN(10000))/100, 'f', 2, 64)
		b = append(b, '\n')
		w.Write(b)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	b = []byte("account_id\n")
	for i := 1; i <= accounts; i++ {
		b = fmt.Appendf(b, "A%07d\n", i)
	}
	if err := os.WriteFile(filepath.Join(dir, "accounts.csv"), b, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(benchSpec), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkLoadCutoffs is the path of segmenta snapshot on an event log:
// read, parse dates, relate, deduplicate and aggregate (LoadCutoffs), then
// build the snapshot. It reports events per second and per CPU second
// (steadier on a shared machine):
//
//	go test -run '^$' -bench LoadCutoffs -benchtime 5x ./snapshot
func BenchmarkLoadCutoffs(b *testing.B) {
	for _, c := range []struct{ accounts, events int }{{20_000, 500_000}, {200_000, 500_000}} {
		b.Run(fmt.Sprintf("accounts=%d/events=%d", c.accounts, c.events), func(b *testing.B) {
			dir := b.TempDir()
			writeBenchExport(b, dir, c.accounts, c.events)
			spec, err := ReadSpecFile(filepath.Join(dir, "spec.yaml"))
			if err != nil {
				b.Fatal(err)
			}
			cutoff := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
			b.ResetTimer()
			c0 := cpuSeconds()
			for i := 0; i < b.N; i++ {
				d, err := LoadCutoffs(spec, []time.Time{cutoff})
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := d.Snapshot(cutoff); err != nil {
					b.Fatal(err)
				}
			}
			ev := float64(c.events) * float64(b.N)
			b.ReportMetric(ev/b.Elapsed().Seconds(), "events/s")
			if cpu := cpuSeconds() - c0; cpu > 0 {
				b.ReportMetric(ev/cpu, "events/cpu-s")
			}
		})
	}
}

// cpuSeconds is the user and system CPU time of the process.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
