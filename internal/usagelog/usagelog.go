// Package usagelog writes the synthetic usage log of the event-log
// aggregation benchmarks (benchmarks/cmd/aggscale, snapshot's
// BenchmarkLoadCutoffs), so that both measure the same data: account_id
// (A0000001...), timestamp (RFC 3339, over 2023-2024), event_type (8
// levels), amount (0-100, two decimals), the accounts drawn uniformly.
package usagelog

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// EventTypes are the levels of event_type.
var EventTypes = []string{"login", "view", "search", "export", "share", "invite", "api_call", "admin"}

// Start and End bound the events' times; Cutoff is the benchmarks' cutoff.
var (
	Start  = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	End    = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	Cutoff = time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
)

// WriteLog writes the log to path; sorted, event i is at start + i·span/events
// (in time order, as logs are written), otherwise at a uniform time.
func WriteLog(path string, accounts, events int, seed uint64, sorted bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(seed, 14))
	span := End.Unix() - Start.Unix()
	b := []byte("account_id,timestamp,event_type,amount\n")
	for i := 0; i < events; i++ {
		b = append(b, 'A')
		id := strconv.Itoa(1 + rng.IntN(accounts))
		for k := len(id); k < 7; k++ {
			b = append(b, '0')
		}
		b = append(b, id...)
		b = append(b, ',')
		at := Start.Unix() + rng.Int64N(span)
		if sorted {
			at = Start.Unix() + int64(float64(i)*float64(span)/float64(events))
		}
		b = time.Unix(at, 0).UTC().AppendFormat(b, time.RFC3339)
		b = append(b, ',')
		b = append(b, EventTypes[rng.IntN(len(EventTypes))]...)
		b = append(b, ',')
		b = strconv.AppendFloat(b, float64(rng.IntN(10000))/100, 'f', 2, 64)
		b = append(b, '\n')
		if len(b) > 1<<16 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// SpecYAML is the data spec of an export (WriteExport): the aggscale
// figures, through snapshot.LoadCutoffs (relations,
// date parsing, orphans and duplicates under the default policy), as
// `segmenta snapshot` computes them.
const SpecYAML = `version: 1
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
        - {column: event_type, levels: [%s]}
`

// WriteExport writes dir/usage.csv (in time order, as logs are written),
// dir/accounts.csv and dir/spec.yaml.
func WriteExport(dir string, accounts, events int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := WriteLog(filepath.Join(dir, "usage.csv"), accounts, events, seed, true); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("account_id\n")
	for i := 1; i <= accounts; i++ {
		fmt.Fprintf(&b, "A%07d\n", i)
	}
	if err := os.WriteFile(filepath.Join(dir, "accounts.csv"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	spec := fmt.Sprintf(SpecYAML, strings.Join(EventTypes, ", "))
	return os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(spec), 0o644)
}
