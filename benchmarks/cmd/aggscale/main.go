// Command aggscale measures the event-log aggregation at scale: it writes
// a synthetic usage log (-write), then aggregates it per account as of a
// cutoff straight from the CSV (-in), streaming batches through a
// features.Aggregator, and prints one JSON object with the time, the CPU
// time and the peak resident memory, to show that memory follows the
// accounts, not the events. -whole reads the whole table first
// (Aggregation.ApplyReport), for contrast.
//
//	go run ./benchmarks/cmd/aggscale -write /tmp/events.csv -accounts 200000 -events 20000000
//	go run ./benchmarks/cmd/aggscale -in /tmp/events.csv
//	/usr/bin/python3 benchmarks/aggscale/peer_pandas.py /tmp/events.csv
//
// -export DIR writes the same log in time order with an accounts table
// and a data spec; -snapshot DIR builds the snapshot of that export as
// `segmenta snapshot` does (snapshot.LoadCutoffs: relations, dates,
// orphans and duplicates under the default policy), reporting its load
// counts too.
//
// The log: account_id (A0000001...), timestamp (RFC 3339, uniform over
// 2023-2024), event_type (8 levels), amount (0-100, two decimals); the
// accounts drawn uniformly. Cutoff 2024-07-01; windows 7, 30, 90, 365
// days; amount mean and max; counts and shares per event type.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/segmenta/segmenta/benchmarks/internal/procstat"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/internal/usagelog"
	"github.com/segmenta/segmenta/snapshot"
)

// The log and its cutoff (usagelog writes them).
var (
	eventTypes = usagelog.EventTypes
	cutoff     = usagelog.Cutoff
)

type result struct {
	Mode       string  `json:"mode"`
	File       string  `json:"file"`
	Bytes      int64   `json:"bytes"`
	Events     int     `json:"events"`
	Accounts   int     `json:"accounts"`
	Columns    int     `json:"columns"`
	Seconds    float64 `json:"seconds"`
	CPUSeconds float64 `json:"cpu_seconds"`
	PeakMB     float64 `json:"peak_rss_mb"`
	GOMAXPROCS int     `json:"gomaxprocs"`
	// Load is what snapshot mode's load did with the usage rows.
	Load *snapshot.TableReport `json:"load,omitempty"`
}

func main() {
	write := flag.String("write", "", "write a synthetic event log to this CSV file")
	accounts := flag.Int("accounts", 200_000, "accounts of the written log")
	events := flag.Int("events", 20_000_000, "events of the written log")
	seed := flag.Uint64("seed", 1, "random seed of the written log")
	in := flag.String("in", "", "aggregate this CSV file")
	whole := flag.Bool("whole", false, "read the whole table, then aggregate (instead of streaming batches)")
	export := flag.String("export", "", "write an export (usage.csv in time order, accounts.csv, spec.yaml) to this directory")
	snap := flag.String("snapshot", "", "build the snapshot of the export in this directory, as segmenta snapshot does")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the aggregation to this file")
	out := flag.String("o", "", "also write the per-account table to this CSV file (to compare with the peer's)")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	switch {
	case *write != "":
		if err := usagelog.WriteLog(*write, *accounts, *events, *seed, false); err != nil {
			log.Fatal(err)
		}
	case *export != "":
		if err := usagelog.WriteExport(*export, *accounts, *events, *seed); err != nil {
			log.Fatal(err)
		}
	case *snap != "":
		res, err := snapshotRun(*snap, *out)
		if err != nil {
			log.Fatal(err)
		}
		res.GOMAXPROCS = runtime.GOMAXPROCS(0)
		json.NewEncoder(os.Stdout).Encode(res)
		return
	case *in != "":
		res, err := aggregate(*in, *whole, *out)
		if err != nil {
			log.Fatal(err)
		}
		json.NewEncoder(os.Stdout).Encode(res)
		return
	default:
		flag.Usage()
		os.Exit(2)
	}
}

func aggregation() features.Aggregation {
	return features.Aggregation{ID: "account_id", Time: "timestamp", Amount: "amount", Cutoff: cutoff,
		Windows: []int{7, 30, 90, 365}, TrendDays: 90,
		Stats:  []features.ColumnStat{{Column: "amount", Ops: []string{features.StatMean, features.StatMax}}},
		Pivots: []features.Pivot{{Column: "event_type", Levels: eventTypes}}}
}

var opt = dataset.CSVOptions{IDColumn: dataset.NoID, Schema: &dataset.Schema{Columns: []dataset.ColumnSchema{
	{Name: "account_id", Kind: dataset.Categorical, Required: true},
	{Name: "timestamp", Kind: dataset.Date, Required: true},
	{Name: "event_type", Kind: dataset.Categorical, Required: true},
	{Name: "amount", Kind: dataset.Numeric, Required: true},
}}}

func aggregate(path string, whole bool, outPath string) (*result, error) {
	t0, c0 := time.Now(), procstat.CPUSeconds()
	var out *dataset.Table
	var rep *features.AggregationReport
	var err error
	mode := "stream"
	if whole {
		mode = "whole"
		var t *dataset.Table
		if t, err = dataset.ReadCSVFile(path, opt); err != nil {
			return nil, err
		}
		out, rep, err = aggregation().ApplyReport(t)
	} else {
		out, rep, err = stream(path)
	}
	if err != nil {
		return nil, err
	}
	if outPath != "" {
		if err := dataset.WriteCSVFile(outPath, out); err != nil {
			return nil, err
		}
	}
	st, _ := os.Stat(path)
	return &result{Mode: mode, File: path, Bytes: st.Size(), Events: rep.Events, Accounts: out.Len(), Columns: out.NumColumns(),
		Seconds: time.Since(t0).Seconds(), CPUSeconds: procstat.CPUSeconds() - c0, PeakMB: procstat.PeakRSSMB(), GOMAXPROCS: runtime.GOMAXPROCS(0)}, nil
}

// stream feeds the CSV reader's batches to an Aggregator and hands each
// batch back to the reader: memory holds a batch and the accounts.
func stream(path string) (*dataset.Table, *features.AggregationReport, error) {
	g, err := aggregation().NewAggregator()
	if err != nil {
		return nil, nil, err
	}
	cr, err := dataset.OpenCSV(path, opt)
	if err != nil {
		return nil, nil, err
	}
	defer cr.Close()
	err = cr.EachBatch(0, func(b *dataset.Batch) error {
		if err := g.Add(b.Table); err != nil {
			return err
		}
		cr.Recycle(b)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return g.Result()
}
