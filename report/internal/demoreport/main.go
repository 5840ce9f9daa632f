// Command demoreport writes a sample HTML report (with every kind of figure)
// built from synthetic accounts, for looking at the output and for
// scripts/screenshot-report.sh. The true personas of the generator stand in
// for fitted segments and its true churn probabilities for a model's, so no
// model is fitted; the figures come from the real packages: features
// prepares the behaviour matrix, cluster scans k and builds the Ward tree,
// predict computes the ROC curve, gains and calibration.
//
//	go run ./report/internal/demoreport -out DIR
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/predict"
	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/report/figure"
)

func main() {
	out := flag.String("out", ".", "directory to write report.html, report.md, report.csv, report.json and the PNGs to")
	n := flag.Int("n", 3000, "number of synthetic accounts")
	flag.Parse()
	if err := run(*out, *n); err != nil {
		log.Fatal(err)
	}
}

func run(dir string, n int) error {
	t, _, err := synth.Generate(synth.Config{N: n, Seed: 7, IncludeTruth: true, Separation: 2})
	if err != nil {
		return err
	}
	segCol, err := t.Numeric("true_segment")
	if err != nil {
		return err
	}
	labels := make([]int, n)
	for i, v := range segCol.Num {
		labels[i] = int(v)
	}
	churnP, err := t.Numeric("true_churn_prob")
	if err != nil {
		return err
	}
	upsP, err := t.Numeric("true_upsell_prob")
	if err != nil {
		return err
	}
	rep, err := report.Profile(t, labels, report.ProfileConfig{
		Title:      "Segmenta demo: synthetic accounts",
		Exclude:    synth.TruthColumns(),
		ChurnProb:  churnP.Num,
		UpsellProb: upsP.Num,
		TopRisky:   15,
		// The synthetic snapshot is taken at the end of synth's default
		// period: the cohorts' signup months count back from it.
		AsOf: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}

	X, err := behaviour(t)
	if err != nil {
		return err
	}
	churned, err := t.Numeric("churned")
	if err != nil {
		return err
	}
	figs, err := figures(rep, X, labels, churnP.Num, churned.Num)
	if err != nil {
		return err
	}

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	write := func(name string, fn func(f *os.File) error) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	for _, w := range []struct {
		name string
		fn   func(f *os.File) error
	}{
		{"report.html", func(f *os.File) error { return rep.HTML(f, figs...) }},
		{"report.md", func(f *os.File) error { return rep.Markdown(f) }},
		{"report.csv", func(f *os.File) error { return rep.CSV(f) }},
		{"report.json", func(f *os.File) error { return rep.JSON(f) }},
	} {
		if err := write(w.name, w.fn); err != nil {
			return err
		}
	}
	for i, f := range figs {
		png, err := f.PNG()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("fig%d.png", i)), png, 0o644); err != nil {
			return err
		}
	}
	fmt.Println(filepath.Join(dir, "report.html"))
	return nil
}

// figures draws every kind of figure report offers.
func figures(rep *report.Report, X *mat.Dense, labels []int, churnP, churned []float64) ([]report.Figure, error) {
	var figs []report.Figure
	var errs []error
	add := func(f figure.Figure, err error) {
		figs = append(figs, f)
		errs = append(errs, err)
	}
	names, sizes := rep.SegmentNames(), rep.SegmentSizes()
	churn := rep.SegmentKPI(func(k report.KPIs) report.Metric { return k.ChurnRate })
	add(figure.SegmentSizePlot(names, sizes))
	add(figure.PercentBarPlot(names, churn, "Churn rate by segment"))
	add(figure.PCAPlot(X, labels, 2000, 1))
	add(elbow(X))
	add(dendrogram(X, 60))
	add(rocPlot(churnP, churned))
	add(gainsPlot(churnP, churned))
	add(calibrationPlot(churnP, churned))
	add(figure.BridgePlot(rep))
	add(figure.LifetimePlot(rep))
	add(figure.CohortPlot(rep))
	return figs, errors.Join(errs...)
}

// behaviour returns the standardised log1p behavioural columns (negative
// values clipped to 0) as the features package prepares them.
func behaviour(t *dataset.Table) (*mat.Dense, error) {
	noIndicator := false
	// email_open_rate is a rate, not an address: allowed past the
	// personal-data guard.
	spec := &features.Spec{AllowPersonal: []string{"email_open_rate"}}
	for _, name := range []string{"logins_per_week", "feature_adoption", "support_tickets", "seats_used", "mrr_start", "tenure_months", "days_since_last_login", "email_open_rate"} {
		spec.Columns = append(spec.Columns, features.ColumnSpec{
			Name: name, Role: features.RoleNumeric, Log1p: true, Clip: []float64{0, math.MaxFloat64}, MissingIndicator: &noIndicator,
		})
	}
	p, err := spec.Fit(t)
	if err != nil {
		return nil, err
	}
	return p.Transform(t)
}

// elbow scans k = 2..10 with k-means, silhouettes on a 500-row sample.
func elbow(X *mat.Dense) (figure.Figure, error) {
	choice, err := cluster.ChooseK{KMin: 2, KMax: 10, Seed: 3, SampleSize: 500}.Fit(X)
	if err != nil {
		return figure.Figure{}, err
	}
	var ks []int
	var inertia, sil []float64
	for _, s := range choice.Scores {
		ks = append(ks, s.K)
		inertia = append(inertia, s.Inertia)
		sil = append(sil, s.Silhouette)
	}
	return figure.ElbowPlot(ks, inertia, sil)
}

// dendrogram draws the Ward tree of the first m rows.
func dendrogram(X *mat.Dense, m int) (figure.Figure, error) {
	_, d := X.Dims()
	tree, err := cluster.Agglomerative{Linkage: "ward"}.Fit(X.Slice(0, m, 0, d))
	if err != nil {
		return figure.Figure{}, err
	}
	return figure.DendrogramPlot(tree.Linkage(), nil, 0)
}

func rocPlot(p, y []float64) (figure.Figure, error) {
	roc, err := predict.ROCCurve(y, p, nil)
	if err != nil {
		return figure.Figure{}, err
	}
	auc, err := predict.ROCAUC(y, p, nil)
	if err != nil {
		return figure.Figure{}, err
	}
	return figure.ROCPlot(roc.FPR, roc.TPR, auc)
}

// gainsPlot charts the cumulative gains by decile.
func gainsPlot(p, y []float64) (figure.Figure, error) {
	rows, err := predict.LiftTable(y, p, 10)
	if err != nil {
		return figure.Figure{}, err
	}
	gains := make([]float64, len(rows))
	for i, r := range rows {
		gains[i] = r.CumGain
	}
	return figure.LiftPlot(gains)
}

func calibrationPlot(p, y []float64) (figure.Figure, error) {
	c, err := predict.CalibrationCurve(y, p, 10)
	if err != nil {
		return figure.Figure{}, err
	}
	return figure.CalibrationPlot(c.MeanPredicted, c.FractionPositive)
}
