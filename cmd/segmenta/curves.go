package main

import (
	"math"

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
