package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/report/figure"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "demo", "[flags]",
		`Run Segmenta end to end on synthetic B2B SaaS accounts (dataset/synth):
generate -n accounts, fit the whole model (features, micro -> macro
segments, calibrated churn and upsell models), print the segment table with
its KPIs and the 10 riskiest accounts with their reasons, evaluate the
model on fresh accounts it never saw, and write to -out the HTML report
(with plots, the MRR bridge, lifetimes per segment and cohorts by signup
month counted back from the synthetic snapshot date 2025-12-31), the
Markdown report, the model file and the scores. -pseudonymise-key or
-pseudonymise-env print and report the risky accounts under pseudonyms;
-protected adds columns to the report's fairness audit.`)
	out := fs.String("out", "segmenta-demo", "output folder")
	n := fs.Int("n", 20000, "number of synthetic accounts")
	seed := fs.Uint64("seed", 1, "random seed (data and model)")
	protected := fs.String("protected", "", "comma-separated columns to audit for fairness besides those the privacy guard recognises")
	pf := addPseudonymFlags(fs, "the printed and reported risky accounts")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if *n < 1000 {
		return usagef("-n %d: the demo needs at least 1000 accounts", *n)
	}
	pseud, err := pf.pseudonymiser(false)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	e.log.Info("generating synthetic accounts", "n", *n, "seed", *seed)
	t, _, err := synth.Generate(synth.Config{N: *n, Seed: *seed})
	if err != nil {
		return err
	}
	bar := newProgress(e, "fit", "steps", 0)
	m, err := segmenta.FitContext(ctx, t, segmenta.Config{Seed: *seed, Progress: bar.stage})
	bar.finish(0)
	if err != nil {
		return err
	}
	scores, err := m.Score(t)
	if err != nil {
		return err
	}
	// The synthetic snapshot is taken at the end of synth's default
	// period: the tenures count back from it to the signup months.
	asOf := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	rep, err := report.ProfileScores(t, scores, report.ProfileConfig{Title: "Segmenta demo: synthetic B2B SaaS accounts",
		Protected: splitList(*protected), AsOf: asOf})
	if err != nil {
		return err
	}
	pseudonymiseRisky(rep, pseud)
	warnFairness(e, rep)

	w := e.stdout
	fmt.Fprintf(w, "Segmenta demo: %d synthetic accounts, %d features, %d segments (%d micro segments)\n\n",
		t.Len(), m.Pipeline().NumFeatures(), m.NumSegments(), m.NumMicroSegments())
	printSegments(w, rep)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The 10 riskiest accounts:")
	printRisky(w, rep.RiskyAccounts, 10)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Held-out metrics (accounts not used to fit or calibrate):")
	printMetrics(w, m.Metrics())

	// Fresh accounts from another seed: an honest out-of-sample check, and
	// the evaluation plots.
	fresh, _, err := synth.Generate(synth.Config{N: max(*n/4, 1000), Seed: *seed + 1000})
	if err != nil {
		return err
	}
	ev, err := m.Evaluate(fresh)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nOn %d fresh accounts (another seed):\n", fresh.Len())
	printMetrics(w, ev)

	figs, err := demoFigures(m, t, scores, fresh)
	if err != nil {
		return err
	}
	figs = append(figs, lifecycleFigures(rep)...)
	html := filepath.Join(*out, "report.html")
	if err := writeFileAtomic(html, func(w io.Writer) error { return rep.HTML(w, figs...) }); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(*out, "report.md"), rep.Markdown); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(*out, "model.json"), m.Save); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(*out, "accounts.csv"), func(w io.Writer) error {
		return synth.WriteAccountsCSV(w, synth.Config{N: *n, Seed: *seed})
	}); err != nil {
		return err
	}
	abs, _ := filepath.Abs(html)
	fmt.Fprintf(w, "\nReport: %s\n", abs)
	fmt.Fprintf(w, "Also in %s: report.md, model.json, accounts.csv (try: segmenta score -model %s -o %s %s)\n",
		*out, filepath.Join(*out, "model.json"), filepath.Join(*out, "scores.csv"), filepath.Join(*out, "accounts.csv"))
	return nil
}

// demoFigures draws the segment sizes, churn by segment, the PCA map of the
// segments and the evaluation plots on the fresh accounts.
func demoFigures(m *segmenta.Model, t *dataset.Table, scores []segmenta.Score, fresh *dataset.Table) ([]report.Figure, error) {
	names := m.SegmentNames()
	sizes := make([]int, len(names))
	churn := make([]float64, len(names))
	labels := make([]int, len(scores))
	for i, s := range scores {
		sizes[s.Segment]++
		churn[s.Segment] += s.Churn
		labels[i] = s.Segment
	}
	for k := range churn {
		if sizes[k] > 0 {
			churn[k] /= float64(sizes[k])
		}
	}
	var figs []report.Figure
	f, err := figure.SegmentSizePlot(names, sizes)
	if err != nil {
		return nil, err
	}
	figs = append(figs, f)
	if f, err = figure.KPIBarPlot(names, churn, "Mean churn probability by segment"); err != nil {
		return nil, err
	}
	figs = append(figs, f)
	X, err := m.Pipeline().Transform(t)
	if err != nil {
		return nil, err
	}
	if f, err = figure.PCAPlot(X, labels, 0, 1); err != nil {
		return nil, err
	}
	figs = append(figs, f)
	fs, err := m.Score(fresh)
	if err != nil {
		return nil, err
	}
	y, err := labelColumn(fresh, "churned")
	if err != nil {
		return nil, err
	}
	p := make([]float64, len(fs))
	for i := range fs {
		p[i] = fs[i].Churn
	}
	ef, err := evalFigures(y, p)
	if err != nil {
		return nil, err
	}
	sf, err := shapeFigures(m, "churn", 4)
	if err != nil {
		return nil, err
	}
	return append(append(figs, ef...), sf...), nil
}

// labelColumn reads a numeric 0/1 column.
func labelColumn(t *dataset.Table, name string) ([]float64, error) {
	c, err := t.Numeric(name)
	if err != nil {
		return nil, err
	}
	return c.Num, nil
}

// printSegments prints one line per segment with its KPIs.
func printSegments(w io.Writer, r *report.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "seg\tname\taccounts\tshare\tARR share\tNRR\tchurn rate\tmean churn p\tupsell rate\tCSAT\trevenue at risk")
	for _, s := range r.Segments {
		k := s.KPIs
		fmt.Fprintf(tw, "%d\t%s\t%d\t%.1f%%\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Label, s.Name, s.Size, 100*s.Share,
			s.ARRShare.Percent(), k.NRR.Percent(), k.ChurnRate.Percent(), k.MeanChurnProb.Percent(),
			k.UpsellRate.Percent(), k.MeanCSAT, k.RevenueAtRisk)
	}
	k := r.Overall
	fmt.Fprintf(tw, "\tall\t%d\t100%%\t100%%\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Accounts,
		k.NRR.Percent(), k.ChurnRate.Percent(), k.MeanChurnProb.Percent(), k.UpsellRate.Percent(), k.MeanCSAT, k.RevenueAtRisk)
	tw.Flush()
}

// printRisky prints the first n risky accounts with their reasons.
func printRisky(w io.Writer, rows []report.AccountRow, n int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "account\tsegment\tchurn p\tARR\treasons")
	for _, a := range rows[:min(n, len(rows))] {
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.0f\t%s\n", a.ID, a.SegmentName, a.ChurnProb, a.ARR, strings.Join(a.Reasons, "; "))
	}
	tw.Flush()
}
