// Multitable goes from a multi-table SaaS export to churn scores with the
// data spec saas.yaml: it writes the synthetic export of
// dataset/synth.WriteTables (accounts, subscriptions, usage reached
// through subscriptions, tickets, invoices, touchpoints, opportunities,
// churn events, and truth.csv with the hidden churn probabilities), builds
// snapshots at every 90-day cutoff of its history, fits a model on them
// with a split by account (segmenta.FitSnapshots; the features and
// settings of fit.yaml, the configuration 'segmenta fit -config' reads),
// and compares the
// out-of-time churn ROC AUC at the latest cutoff with the AUC of the true
// probabilities on the same accounts. It also checks that every account of
// the accounts table is accounted for at every cutoff.
//
//	go run ./examples/multitable [-n 20000] [-seed 1] [-events 100] [-dir DIR]
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/predict"
	"github.com/segmenta/segmenta/snapshot"
	yaml "go.yaml.in/yaml/v3"
)

// cutoffs are the export's decision points: every 90 days back from its
// cutoff (2025-07-01) while a 90-day window fits in its 18 months of
// history.
const cutoffs = "2024-04-07..2025-07-01/90d"

func main() {
	n := flag.Int("n", 20000, "accounts of the export (former customers included)")
	seed := flag.Uint64("seed", 1, "seed of the export and of the fit")
	events := flag.Float64("events", 100, "mean usage events per account (sparser usage hides seat utilisation)")
	dir := flag.String("dir", "", "directory of the export (default: a temporary one, removed)")
	flag.Parse()
	if *dir == "" {
		tmp, err := os.MkdirTemp("", "segmenta-multitable-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		*dir = tmp
	}
	if _, err := run(os.Stdout, *dir, synth.TablesConfig{N: *n, Seed: *seed, EventsPerAccount: *events}); err != nil {
		log.Fatal(err)
	}
}

// result holds the figures run prints.
type result struct {
	Reports               []*snapshot.Report
	OutOfTimeAUC, TrueAUC float64
	OutOfTimeRows         int
}

// run writes the export into dir, fits on its snapshots and prints the
// counts and the churn AUCs.
func run(w io.Writer, dir string, cfg synth.TablesConfig) (*result, error) {
	if err := synth.WriteTables(dir, cfg); err != nil {
		return nil, err
	}
	spec, err := snapshot.ReadSpecFile(specPath())
	if err != nil {
		return nil, err
	}
	spec.Dir = dir // the tables are in the export, beside truth.csv
	cs, err := snapshot.ParseCutoffs(cutoffs)
	if err != nil {
		return nil, err
	}
	data, err := snapshot.LoadCutoffs(spec, cs) // event tables streamed
	if err != nil {
		return nil, err
	}
	fc, err := readFitConfig(filepath.Join(filepath.Dir(specPath()), "fit.yaml"))
	if err != nil {
		return nil, err
	}
	m, fit, err := segmenta.FitSnapshots(context.Background(), data, cs, segmenta.Config{Spec: fc.Spec, Seed: cfg.Seed, TestFraction: fc.TestFraction})
	if err != nil {
		return nil, err
	}
	res := &result{Reports: fit.Reports}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "cutoff\taccounts\tin snapshot\texcluded\tnot yet\tchurned\t")
	for _, r := range fit.Reports {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t\n", r.Cutoff.Format(time.DateOnly), r.Accounts, r.Rows, r.Excluded, r.NotYet, r.Churned)
		if r.Rows+r.Excluded+r.NotYet != r.Accounts {
			return nil, fmt.Errorf("cutoff %s: accounts do not add up", r.Cutoff.Format(time.DateOnly))
		}
	}
	tw.Flush()

	// The true churn probabilities of the out-of-time accounts (the test
	// accounts at the latest cutoff, the export's cutoff).
	truth, err := readTruth(filepath.Join(dir, "truth.csv"))
	if err != nil {
		return nil, err
	}
	oot := fit.Table.Subset(fit.Split.OutOfTime)
	y, err := oot.Numeric(snapshot.ChurnLabel)
	if err != nil {
		return nil, err
	}
	p := make([]float64, oot.Len())
	for i, id := range oot.IDs {
		var ok bool
		if p[i], ok = truth[id]; !ok {
			return nil, fmt.Errorf("account %s is active at the cutoff in the snapshot but not in truth.csv", id)
		}
	}
	if res.TrueAUC, err = predict.ROCAUC(y.Num, p, nil); err != nil {
		return nil, err
	}
	mt := m.Metrics().Churn
	res.OutOfTimeAUC, res.OutOfTimeRows = mt.OutOfTime.ROCAUC, mt.OutOfTime.Rows
	fmt.Fprintf(w, "\nchurn ROC AUC: held out %.4f (%d rows before %s); out of time %.4f (%d accounts at %s); true model on the same accounts %.4f\n",
		mt.ROCAUC, mt.Rows, fit.Split.Latest.Format(time.DateOnly), mt.OutOfTime.ROCAUC, mt.OutOfTime.Rows,
		fit.Split.Latest.Format(time.DateOnly), res.TrueAUC)
	return res, nil
}

// specPath finds saas.yaml beside this program (go run from the
// repository root, or go test in this directory).
func specPath() string {
	for _, p := range []string{"saas.yaml", "examples/multitable/saas.yaml"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "saas.yaml"
}

// fitConfig is the part of fit.yaml (the configuration of segmenta fit)
// this program uses.
type fitConfig struct {
	Spec         *features.Spec `yaml:"spec"`
	TestFraction float64        `yaml:"test_fraction"`
	Seed         uint64         `yaml:"seed"`
}

func readFitConfig(path string) (*fitConfig, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fc fitConfig
	if err := yaml.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := fc.Spec.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &fc, nil
}

// readTruth reads the churn probability of each account of truth.csv.
func readTruth(path string) (map[string]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for j, h := range recs[0] {
		col[h] = j
	}
	out := make(map[string]float64, len(recs)-1)
	for k, r := range recs[1:] {
		p, err := strconv.ParseFloat(r[col["churn_prob"]], 64)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", path, k+2, err)
		}
		out[r[col["account_id"]]] = p
	}
	return out, nil
}
