package figure

import (
	"fmt"
	"github.com/segmenta/segmenta/report"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ROCPlot draws a receiver operating characteristic curve (tpr against fpr,
// both in [0, 1], in threshold order) with the chance diagonal; auc is shown
// in the legend.
func ROCPlot(fpr, tpr []float64, auc float64) (Figure, error) {
	if len(fpr) < 2 {
		return Figure{}, inputErr("fpr", -1, report.ErrEmpty, "need at least 2 points, have %d", len(fpr))
	}
	if len(tpr) != len(fpr) {
		return Figure{}, inputErr("tpr", -1, report.ErrLength, "%d values for %d fpr", len(tpr), len(fpr))
	}
	if !(auc >= 0 && auc <= 1) {
		return Figure{}, inputErr("auc", -1, report.ErrValue, "%v not in [0, 1]", auc)
	}
	xys := make(plotter.XYs, len(fpr))
	for i := range fpr {
		if !unit(fpr[i]) {
			return Figure{}, inputErr("fpr", i, report.ErrValue, "%v not in [0, 1]", fpr[i])
		}
		if !unit(tpr[i]) {
			return Figure{}, inputErr("tpr", i, report.ErrValue, "%v not in [0, 1]", tpr[i])
		}
		xys[i] = plotter.XY{X: fpr[i], Y: tpr[i]}
	}
	p := newPlot("ROC curve", "False positive rate", "True positive rate")
	placeLegend(p, false, false)
	unitAxes(p)
	d := diagonal()
	l, err := plotter.NewLine(xys)
	if err != nil {
		return Figure{}, err
	}
	l.Color, l.Width = colour(0), vg.Points(2)
	p.Add(d, l)
	p.Legend.Add(fmt.Sprintf("model (AUC %.3f)", auc), l)
	p.Legend.Add("chance", d)
	return explained(plotFigure("ROC curve", p),
		"The further the curve bows above the dashed chance line towards the top left, the better the model ranks the accounts with the outcome (for example churners) above the others: AUC %.3f, where 0.5 is chance and 1 is perfect.", auc), nil
}

func unit(v float64) bool { return v >= 0 && v <= 1 }

// LiftPlot draws a cumulative gains chart: deciles[i] is the share of all
// positives found in the top (i+1)/len(deciles) of accounts ranked by score
// (usually 10 values ending at 1). The chance line and the lift of the top
// bucket are shown.
func LiftPlot(deciles []float64) (Figure, error) {
	if len(deciles) == 0 {
		return Figure{}, inputErr("deciles", -1, report.ErrEmpty, "")
	}
	m := float64(len(deciles))
	xys := plotter.XYs{{X: 0, Y: 0}}
	for i, g := range deciles {
		if !unit(g) {
			return Figure{}, inputErr("deciles", i, report.ErrValue, "%v not in [0, 1]", g)
		}
		if i > 0 && g < deciles[i-1] {
			return Figure{}, inputErr("deciles", i, report.ErrValue, "cumulative gains decrease (%v after %v)", g, deciles[i-1])
		}
		xys = append(xys, plotter.XY{X: float64(i+1) / m, Y: g})
	}
	p := newPlot("Cumulative gains", "Share of accounts contacted (ranked by score)", "Share of positives found")
	placeLegend(p, false, false)
	unitAxes(p)
	d := diagonal()
	l, s, err := plotter.NewLinePoints(xys)
	if err != nil {
		return Figure{}, err
	}
	l.Color, l.Width = colour(0), vg.Points(2)
	s.GlyphStyle = draw.GlyphStyle{Color: colour(0), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
	p.Add(d, l, s)
	p.Legend.Add(fmt.Sprintf("model (lift %.2f in top %.0f%%)", deciles[0]*m, 100/m), l, s)
	p.Legend.Add("random", d)
	return explained(plotFigure("Cumulative gains", p),
		"Contacting the top %.0f%% of accounts ranked by score reaches %.0f%% of all accounts with the outcome, against %.0f%% when picking at random: the higher the curve above the dashed line, the more a ranked call list saves.",
		100/m, 100*deciles[0], 100/m), nil
}

// CalibrationPlot draws a reliability diagram: per probability bin, the mean
// predicted probability against the observed fraction of positives, with
// the perfect-calibration diagonal. Bins with NaN in either slice (empty
// bins) are skipped.
func CalibrationPlot(meanPred, fracPos []float64) (Figure, error) {
	if len(meanPred) == 0 {
		return Figure{}, inputErr("meanPred", -1, report.ErrEmpty, "")
	}
	if len(fracPos) != len(meanPred) {
		return Figure{}, inputErr("fracPos", -1, report.ErrLength, "%d values for %d bins", len(fracPos), len(meanPred))
	}
	var xys plotter.XYs
	for i := range meanPred {
		if math.IsNaN(meanPred[i]) || math.IsNaN(fracPos[i]) {
			continue
		}
		if !unit(meanPred[i]) {
			return Figure{}, inputErr("meanPred", i, report.ErrValue, "%v not in [0, 1]", meanPred[i])
		}
		if !unit(fracPos[i]) {
			return Figure{}, inputErr("fracPos", i, report.ErrValue, "%v not in [0, 1]", fracPos[i])
		}
		xys = append(xys, plotter.XY{X: meanPred[i], Y: fracPos[i]})
	}
	if len(xys) == 0 {
		return Figure{}, inputErr("meanPred", -1, report.ErrEmpty, "every bin is NaN")
	}
	p := newPlot("Calibration", "Mean predicted probability", "Observed fraction of positives")
	placeLegend(p, true, true)
	unitAxes(p)
	d := diagonal()
	l, s, err := plotter.NewLinePoints(xys)
	if err != nil {
		return Figure{}, err
	}
	l.Color, l.Width = colour(1), vg.Points(2)
	s.GlyphStyle = draw.GlyphStyle{Color: colour(1), Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	p.Add(d, l, s)
	p.Legend.Add("model", l, s)
	p.Legend.Add("perfectly calibrated", d)
	return explained(plotFigure("Calibration", p),
		"Points on the dashed diagonal mean a predicted probability can be read as a frequency (of accounts given 30%%, about 30%% had the outcome); points below it mean the model overstates the risk, above it understates it."), nil
}
