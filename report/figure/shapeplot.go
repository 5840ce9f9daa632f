package figure

import (
	"fmt"
	"math"

	"github.com/segmenta/segmenta/report"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// ShapePlot draws the shape of one feature in an additive model: its part
// of the log-odds (relative to a typical account, so 0 is the average)
// against the feature's value, xs increasing (predict.AdditiveModel's
// ShapeCurve gives such points). Steps and bends are the model's own; a
// straight line means the model kept the feature linear.
func ShapePlot(feature, outcome string, xs, ys []float64) (Figure, error) {
	if len(xs) < 2 {
		return Figure{}, inputErr("xs", -1, report.ErrEmpty, "need at least 2 points, have %d", len(xs))
	}
	if len(ys) != len(xs) {
		return Figure{}, inputErr("ys", -1, report.ErrLength, "%d values for %d xs", len(ys), len(xs))
	}
	xys := make(plotter.XYs, len(xs))
	for i := range xs {
		if math.IsNaN(xs[i]) || math.IsInf(xs[i], 0) || (i > 0 && !(xs[i] > xs[i-1])) {
			return Figure{}, inputErr("xs", i, report.ErrValue, "%v: not finite or not increasing", xs[i])
		}
		if math.IsNaN(ys[i]) || math.IsInf(ys[i], 0) {
			return Figure{}, inputErr("ys", i, report.ErrValue, "%v not finite", ys[i])
		}
		xys[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	title := fmt.Sprintf("Shape of %s in the %s model", feature, outcome)
	p := newPlot(title, feature+" (as the model reads it)", "part of the "+outcome+" log-odds")
	zero, err := plotter.NewLine(plotter.XYs{{X: xs[0], Y: 0}, {X: xs[len(xs)-1], Y: 0}})
	if err != nil {
		return Figure{}, err
	}
	zero.Color, zero.Dashes = grey, []vg.Length{vg.Points(4), vg.Points(4)}
	l, err := plotter.NewLine(xys)
	if err != nil {
		return Figure{}, err
	}
	l.Color, l.Width = colour(0), vg.Points(2)
	p.Add(zero, l)
	return explained(plotFigure(title, p),
		"How %s alone moves the %s prediction, other things equal: above the dashed zero line it raises the odds, below it lowers them, and steps or bends show where the effect changes.", feature, outcome), nil
}
