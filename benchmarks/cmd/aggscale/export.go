package main

import (
	"os"
	"path/filepath"
	"time"

	"github.com/segmenta/segmenta/benchmarks/internal/procstat"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/snapshot"
)

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
