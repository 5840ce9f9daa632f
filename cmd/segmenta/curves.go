package main

import (
	"cmp"
	"math"
	"slices"

	"github.com/segmenta/segmenta"

	"github.com/segmenta/segmenta/predict"
	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/report/figure"
)

// evalFigures draws the ROC curve, the cumulative gains by decile and the
// calibration diagram of probabilities p against 0/1 labels y.
func evalFigures(y, p []float64) ([]report.Figure, error) {
	roc, err := predict.ROCCurve(y, p, nil)
	if err != nil {
		return nil, err
	}
	auc, err := predict.ROCAUC(y, p, nil)
	if err != nil {
		return nil, err
	}
	lift, err := predict.LiftTable(y, p, 10)
	if err != nil {
		return nil, err
	}
	gains := make([]float64, len(lift))
	for i, r := range lift {
		gains[i] = math.Min(r.CumGain, 1)
	}
	cal, err := predict.CalibrationCurve(y, p, 10)
	if err != nil {
		return nil, err
	}
	rf, err := figure.ROCPlot(roc.FPR, roc.TPR, auc)
	if err != nil {
		return nil, err
	}
	lf, err := figure.LiftPlot(gains)
	if err != nil {
		return nil, err
	}
	cf, err := figure.CalibrationPlot(cal.MeanPredicted, cal.FractionPositive)
	if err != nil {
		return nil, err
	}
	return []report.Figure{rf, lf, cf}, nil
}

// shapeFigures draws the shapes of the (up to) top features of an
// outcome's additive model, those whose shape spans the widest range of
// log-odds; none when the fit kept the linear model.
func shapeFigures(m *segmenta.Model, outcome string, top int) ([]report.Figure, error) {
	am, ok := m.Decision(outcome).(*predict.AdditiveModel)
	if !ok {
		return nil, nil
	}
	names := am.FeatureNames()
	type curve struct {
		j      int
		xs, ys []float64
		span   float64
	}
	var cs []curve
	for j := range names {
		xs, ys := am.ShapeCurve(j, 200)
		cs = append(cs, curve{j, xs, ys, slices.Max(ys) - slices.Min(ys)})
	}
	slices.SortStableFunc(cs, func(a, b curve) int { return cmp.Compare(b.span, a.span) })
	var figs []report.Figure
	for _, c := range cs[:min(top, len(cs))] {
		f, err := figure.ShapePlot(names[c.j], outcome, c.xs, c.ys)
		if err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	return figs, nil
}
