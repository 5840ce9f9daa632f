package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/segmenta/segmenta/benchmarks/internal/procstat"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/snapshot"
)

// specYAML is the data spec of an export written by -export: the same
// figures as aggregation(), through snapshot.LoadCutoffs (relations,
// date parsing, orphans and duplicates under the default policy), as
// `segmenta snapshot` computes them.
const specYAML = `version: 1
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

// writeExport writes dir/usage.csv (in time order, as logs are written),
// dir/accounts.csv and dir/spec.yaml.
func writeExport(dir string, accounts, events int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeLog(filepath.Join(dir, "usage.csv"), accounts, events, seed, true); err != nil {
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
	spec := fmt.Sprintf(specYAML, strings.Join(eventTypes, ", "))
	return os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(spec), 0o644)
}

// snapshotRun loads the export of dir for the cutoff and builds its
// snapshot, as `segmenta snapshot` does.
func snapshotRun(dir, outPath string) (*result, error) {
	t0, c0 := time.Now(), procstat.CPUSeconds()
	spec, err := snapshot.ReadSpecFile(filepath.Join(dir, "spec.yaml"))
	if err != nil {
		return nil, err
	}
	d, err := snapshot.LoadCutoffs(spec, []time.Time{cutoff})
	if err != nil {
		return nil, err
	}
	out, _, err := d.Snapshot(cutoff)
	if err != nil {
		return nil, err
	}
	if outPath != "" {
		if err := dataset.WriteCSVFile(outPath, out); err != nil {
			return nil, err
		}
	}
	path := filepath.Join(dir, "usage.csv")
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	res := &result{Mode: "snapshot", File: path, Bytes: st.Size(), Accounts: out.Len(), Columns: out.NumColumns(),
		Seconds: time.Since(t0).Seconds(), CPUSeconds: procstat.CPUSeconds() - c0, PeakMB: procstat.PeakRSSMB()}
	for _, r := range d.Reports() {
		if r.Table == "usage" {
			rr := r
			res.Events, res.Load = r.Rows, &rr
		}
	}
	return res, nil
}
