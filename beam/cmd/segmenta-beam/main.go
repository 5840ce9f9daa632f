// Command segmenta-beam scores account files with a Segmenta model on
// Apache Beam: locally on the prism runner (the default), or on Flink,
// Spark or Dataflow with Beam's usual flags (see beam/README.md).
//
//	segmenta-beam -model model.json -o out/ 'accounts/*.csv.gz' big.csv
//
// It writes out/scores/NAME-PART.csv (the lines `segmenta score` writes,
// each part with the header line), out/rejects/NAME-PART.csv (line,reason)
// and out/summary.json (counts, per-segment KPIs and the drift table), and
// fails when rows in != scored + rejected or the reject rate is over
// -max-reject-rate. Inputs are CSV (plain or gzip) or Parquet (*.parquet).
//
// With -spec, it builds account snapshots from a multi-table data spec
// instead, as segmenta snapshot does (package snapshots):
//
//	segmenta-beam -spec data.yaml -cutoff 2024-06-01 -o out/
//	segmenta-beam -spec data.yaml -cutoffs 2023-07-01..2024-06-01/1mo -o out/
//
// writing out/snapshots/snapshot-BUCKET.csv (rows of the accounts hashed
// to that bucket, each file with the header line) and out/summary.json
// (the snapshot.Report of each cutoff and the load counts of each table).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/segmenta/segmenta/beam/scoring"
	"github.com/segmenta/segmenta/beam/snapshots"
	"github.com/segmenta/segmenta/drift"
)

func main() {
	model := flag.String("model", "", "Segmenta model file (required)")
	out := flag.String("o", "", "output folder (required): scores/, rejects/, summary.json; with -spec: snapshots/, summary.json")
	partRecords := flag.Int("part-records", scoring.DefaultPartRecords, "records per part of an uncompressed input")
	maxReject := flag.Float64("max-reject-rate", scoring.DefaultMaxRejectRate, "fail when more than this share of rows is rejected; 0 allows none, 1 disables")
	mrr := flag.String("mrr-start", "mrr_start", `monthly revenue column for the revenue at risk ("-": none)`)
	partWorkers := flag.Int("part-workers", 1, "scoring goroutines within one part")
	overwrite := flag.Bool("overwrite", false, "replace the files of a previous job in the output folder")
	attempts := flag.Int("attempts", 1, "run a failed job again, up to this many runs in all (prism does not retry bundles)")
	failOnce := flag.String("fail-once", "", "testing: a folder of markers; the first attempt at each part fails mid-part")
	spec := flag.String("spec", "", "snapshot mode: the data spec (YAML or JSON) of a multi-table export")
	cutoff := flag.String("cutoff", "", "snapshot mode: the as-of date (2024-06-01)")
	cutoffs := flag.String("cutoffs", "", "snapshot mode: stacked cutoffs, FROM..TO/STEP or dates separated by commas")
	buckets := flag.Int("buckets", snapshots.DefaultBuckets, "snapshot mode: groups of accounts (one output file each)")
	driftOut := flag.String("drift", "", "also write the drift table (as segmenta score -drift) to this .csv or .json file")
	psiWarn := flag.Float64("psi-warn", drift.DefaultWarn, "population stability index from which a column's drift status is warn")
	psiAlert := flag.Float64("psi-alert", drift.DefaultAlert, "population stability index from which a column's drift status is alert")
	skipDrift := flag.Bool("skip-drift", false, "do not count the scored rows for drift")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: segmenta-beam -model FILE -o DIR [flags] INPUT|GLOB...\n       segmenta-beam -spec FILE (-cutoff DATE | -cutoffs RANGE) -o DIR [flags]\n\nBeam flags (--runner, --endpoint, --worker_binary, ...) are accepted too.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	beam.Init() // a worker started by a remote runner does not return from Init
	if *spec != "" {
		os.Exit(runSnapshots(*spec, *cutoff, *cutoffs, *out, *partRecords, *buckets, *overwrite))
	}
	if *model == "" || *out == "" || flag.NArg() == 0 || *partRecords < 1 || *partWorkers < 1 || *attempts < 1 {
		flag.Usage()
		os.Exit(2)
	}
	cfg := scoring.Config{Inputs: flag.Args(), Model: *model, Out: *out, PartRecords: *partRecords,
		MaxRejectRate: *maxReject, MRRStart: *mrr, PartWorkers: *partWorkers, FailOnce: *failOnce,
		Drift: *driftOut, PSIWarn: *psiWarn, PSIAlert: *psiAlert, SkipDrift: *skipDrift}
	sum, err := scoring.Run(context.Background(), cfg, beamx.Run, *attempts, *overwrite)
	if err != nil {
		slog.Error("segmenta-beam", "error", err)
		if errors.Is(err, scoring.ErrConfig) || errors.Is(err, scoring.ErrOutputExists) {
			os.Exit(2)
		}
		os.Exit(1)
	}
	if sum != nil {
		c := sum.Counts
		slog.Info("scored", "parts", c.Parts, "rows", c.Rows, "scored", c.Scored, "rejected", c.Rejected, "segments", len(sum.Segments))
		if r := sum.Drift; r != nil {
			slog.Info("drift summary", "columns", len(r.Columns), "ok", r.Count(drift.StatusOK),
				"warn", r.Count(drift.StatusWarn), "alert", r.Count(drift.StatusAlert), "psi_warn", r.Warn, "psi_alert", r.Alert)
		}
	}
}

// runSnapshots runs the snapshot job and returns the exit code.
func runSnapshots(spec, cutoff, cutoffs, out string, partRecords, buckets int, overwrite bool) int {
	if out == "" || (cutoff == "") == (cutoffs == "") || flag.NArg() != 0 || partRecords < 1 || buckets < 1 {
		flag.Usage()
		return 2
	}
	cfg := snapshots.Config{Spec: spec, Cutoffs: cutoff, Out: out, PartRecords: partRecords, Buckets: buckets}
	if cutoffs != "" {
		cfg.Cutoffs, cfg.Stack = cutoffs, true
	}
	sum, err := snapshots.Run(context.Background(), cfg, beamx.Run, overwrite)
	if err != nil {
		slog.Error("segmenta-beam", "error", err)
		if errors.Is(err, snapshots.ErrConfig) || errors.Is(err, snapshots.ErrOutputExists) {
			return 2
		}
		return 1
	}
	if sum != nil {
		for _, r := range sum.Reports {
			slog.Info("snapshot", "cutoff", r.Cutoff.Format("2006-01-02"), "accounts", r.Accounts, "rows", r.Rows,
				"excluded", r.Excluded, "not_yet", r.NotYet, "churned", r.Churned, "upsold", r.Upsold, "censored", r.Censored)
		}
		for _, t := range sum.Tables {
			slog.Info("table", "name", t.Table, "rows", t.Rows, "kept", t.Kept, "orphans", t.Orphans, "duplicates", t.Duplicates,
				"after_data_end", t.AfterEnd, "missing_account", t.MissingAccount, "out_of_order", t.Unordered)
		}
	}
	return 0
}
