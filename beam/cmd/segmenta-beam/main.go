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
	"github.com/segmenta/segmenta/drift"
)

func main() {
	model := flag.String("model", "", "Segmenta model file (required)")
	out := flag.String("o", "", "output folder (required): scores/, rejects/, summary.json")
	partRecords := flag.Int("part-records", scoring.DefaultPartRecords, "records per part of an uncompressed input")
	maxReject := flag.Float64("max-reject-rate", scoring.DefaultMaxRejectRate, "fail when more than this share of rows is rejected; 0 allows none, 1 disables")
	mrr := flag.String("mrr-start", "mrr_start", `monthly revenue column for the revenue at risk ("-": none)`)
	partWorkers := flag.Int("part-workers", 1, "scoring goroutines within one part")
	overwrite := flag.Bool("overwrite", false, "replace the files of a previous job in the output folder")
	attempts := flag.Int("attempts", 1, "run a failed job again, up to this many runs in all (prism does not retry bundles)")
	failOnce := flag.String("fail-once", "", "testing: a folder of markers; the first attempt at each part fails mid-part")
	driftOut := flag.String("drift", "", "also write the drift table (as segmenta score -drift) to this .csv or .json file")
	psiWarn := flag.Float64("psi-warn", drift.DefaultWarn, "population stability index from which a column's drift status is warn")
	psiAlert := flag.Float64("psi-alert", drift.DefaultAlert, "population stability index from which a column's drift status is alert")
	skipDrift := flag.Bool("skip-drift", false, "do not count the scored rows for drift")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: segmenta-beam -model FILE -o DIR [flags] INPUT|GLOB...\n\nBeam flags (--runner, --endpoint, --worker_binary, ...) are accepted too.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	beam.Init() // a worker started by a remote runner does not return from Init
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
