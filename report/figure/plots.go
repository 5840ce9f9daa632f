package figure

import (
	"fmt"
	"github.com/segmenta/segmenta/report"
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ElbowPlot charts a choice of k: inertia against k (top panel) and, when
// silhouette is non-nil, the silhouette score against k (bottom panel, best
// k marked). silhouette entries may be NaN where the score was not computed
// (for example k = 1).
func ElbowPlot(ks []int, inertia []float64, silhouette []float64) (Figure, error) {
	if len(ks) == 0 {
		return Figure{}, inputErr("ks", -1, report.ErrEmpty, "")
	}
	if len(inertia) != len(ks) {
		return Figure{}, inputErr("inertia", -1, report.ErrLength, "%d values for %d ks", len(inertia), len(ks))
	}
	if silhouette != nil && len(silhouette) != len(ks) {
		return Figure{}, inputErr("silhouette", -1, report.ErrLength, "%d values for %d ks", len(silhouette), len(ks))
	}
	in := make(plotter.XYs, len(ks))
	for i, k := range ks {
		if !finite(inertia[i]) {
			return Figure{}, inputErr("inertia", i, report.ErrValue, "%v", inertia[i])
		}
		in[i] = plotter.XY{X: float64(k), Y: inertia[i]}
	}
	top := newPlot("Choosing k", "", "Inertia (within-cluster sum of squares)")
	if err := addLinePoints(top, in, colour(0)); err != nil {
		return Figure{}, err
	}
	if silhouette == nil {
		top.X.Label.Text = "k (number of segments)"
		return explained(plotFigure("Choosing k: inertia", top), "%s", elbowInertia), nil
	}
	var sil plotter.XYs
	best := -1
	for i, k := range ks {
		s := silhouette[i]
		if math.IsNaN(s) {
			continue
		}
		if math.IsInf(s, 0) || s < -1 || s > 1 {
			return Figure{}, inputErr("silhouette", i, report.ErrValue, "%v not in [-1, 1]", s)
		}
		sil = append(sil, plotter.XY{X: float64(k), Y: s})
		if best < 0 || s > sil[best].Y {
			best = len(sil) - 1
		}
	}
	bottom := newPlot("", "k (number of segments)", "Mean silhouette")
	bottom.X.Min, bottom.X.Max = top.X.Min, top.X.Max
	if len(sil) > 0 {
		if err := addLinePoints(bottom, sil, colour(1)); err != nil {
			return Figure{}, err
		}
		mark, err := plotter.NewScatter(plotter.XYs{sil[best]})
		if err != nil {
			return Figure{}, err
		}
		mark.GlyphStyle = draw.GlyphStyle{Color: colour(2), Radius: vg.Points(6), Shape: draw.RingGlyph{}}
		bottom.Add(mark)
		bottom.Legend.Add(fmt.Sprintf("best k = %g (silhouette %.3f)", sil[best].X, sil[best].Y), mark)
		// Head room so the marker and the legend are not clipped.
		_, _, lo, hi := plotter.XYRange(sil)
		pad := math.Max(hi-lo, 0.02)
		bottom.Y.Min, bottom.Y.Max = lo-0.08*pad, hi+0.25*pad
	}
	// Same x range on both panels.
	xmin, xmax := math.Min(top.X.Min, bottom.X.Min), math.Max(top.X.Max, bottom.X.Max)
	top.X.Min, top.X.Max, bottom.X.Min, bottom.X.Max = xmin, xmax, xmin, xmax
	top.X.Tick.Marker = intTicks{}
	bottom.X.Tick.Marker = intTicks{}
	f := newFigure("Choosing k: inertia and silhouette", figWidth, 7*vg.Inch, func(c draw.Canvas) {
		tiles := draw.Tiles{Rows: 2, Cols: 1, PadY: vg.Points(6), PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(12)}
		ps := [][]*plot.Plot{{top}, {bottom}}
		cs := plot.Align(ps, tiles, c)
		top.Draw(cs[0][0])
		bottom.Draw(cs[1][0])
	})
	if len(sil) == 0 {
		return explained(f, "%s", elbowInertia), nil
	}
	return explained(f, "Inertia (top) always falls as k grows, so look for the bend where one more segment stops helping much; "+
		"the silhouette (bottom, higher is better) says how well apart the segments are, best here at k = %g.", sil[best].X), nil
}

// elbowInertia explains an elbow chart without silhouettes.
const elbowInertia = "Inertia (how far accounts lie from the centre of their segment) always falls as k grows: " +
	"pick k at the bend, where one more segment stops helping much."

// intTicks marks integers only (k values), at most about ten of them.
type intTicks struct{}

func (intTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := math.Ceil(min), math.Floor(max)
	step := math.Max(1, math.Ceil((hi-lo+1)/10))
	var out []plot.Tick
	for v := lo; v <= hi; v += step {
		out = append(out, plot.Tick{Value: v, Label: fmt.Sprintf("%g", v)})
	}
	return out
}

func addLinePoints(p *plot.Plot, xys plotter.XYs, c color.Color) error {
	l, s, err := plotter.NewLinePoints(xys)
	if err != nil {
		return err
	}
	l.Color, l.Width = c, vg.Points(2)
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
	p.Add(l, s)
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// SegmentSizePlot draws one horizontal bar per segment with its number of
// accounts and share, first segment at the top.
func SegmentSizePlot(names []string, sizes []int) (Figure, error) {
	if len(sizes) == 0 {
		return Figure{}, inputErr("sizes", -1, report.ErrEmpty, "")
	}
	if len(names) != len(sizes) {
		return Figure{}, inputErr("names", -1, report.ErrLength, "%d names for %d sizes", len(names), len(sizes))
	}
	var total int
	for i, s := range sizes {
		if s < 0 {
			return Figure{}, inputErr("sizes", i, report.ErrValue, "negative size %d", s)
		}
		total += s
	}
	vals := make([]float64, len(sizes))
	labels := make([]string, len(sizes))
	for i, s := range sizes {
		vals[i] = float64(s)
		labels[i] = fmt.Sprintf("%d", s)
		if total > 0 {
			labels[i] = fmt.Sprintf("%d (%.1f%%)", s, 100*float64(s)/float64(total))
		}
	}
	p, err := barPlot("Segment sizes", "Accounts", names, vals, labels)
	if err != nil {
		return Figure{}, err
	}
	return explained(plotFigure("Segment sizes", p),
		"Each bar is one segment's number of accounts and share of all of them, so segments too small to act on, or so large they hide differences, stand out."), nil
}

// KPIBarPlot draws one horizontal bar per name with its value (for example
// NRR per segment), first name at the top. A NaN value is drawn as "n/a"
// without a bar; all NaN is an error (ErrEmpty): a chart of no bar says
// nothing.
func KPIBarPlot(names []string, values []float64, title string) (Figure, error) {
	return valueBars(names, values, title, func(v float64) string { return report.Metric{Value: v, Valid: true}.String() }, nil)
}

// PercentBarPlot is KPIBarPlot for fractions (rates, shares): values are
// labelled as percentages ("12.5%").
func PercentBarPlot(names []string, values []float64, title string) (Figure, error) {
	return valueBars(names, values, title, func(v float64) string { return report.Metric{Value: v, Valid: true}.Percent() }, percentTicks{})
}

func valueBars(names []string, values []float64, title string, format func(float64) string, ticks plot.Ticker) (Figure, error) {
	if len(values) == 0 {
		return Figure{}, inputErr("values", -1, report.ErrEmpty, "")
	}
	if len(names) != len(values) {
		return Figure{}, inputErr("names", -1, report.ErrLength, "%d names for %d values", len(names), len(values))
	}
	vals := make([]float64, len(values))
	labels := make([]string, len(values))
	drawn := 0
	for i, v := range values {
		switch {
		case math.IsNaN(v):
			labels[i] = "n/a"
		case math.IsInf(v, 0):
			return Figure{}, inputErr("values", i, report.ErrValue, "%v", v)
		default:
			vals[i] = v
			labels[i] = format(v)
			drawn++
		}
	}
	if drawn == 0 {
		return Figure{}, inputErr("values", -1, report.ErrEmpty, "every value is NaN")
	}
	p, err := barPlot(title, "", names, vals, labels)
	if err != nil {
		return Figure{}, err
	}
	if ticks != nil {
		p.X.Tick.Marker = ticks
	}
	return explained(plotFigure(title, p),
		"The bars compare the segments on %s: the longer the bar, the higher the value, and n/a marks a segment without the data.", measure(title)), nil
}

// measure is a chart title as the object of a sentence: "Churn rate by
// segment" gives "churn rate".
func measure(title string) string {
	m := strings.TrimSpace(strings.TrimSuffix(" "+strings.TrimSpace(title), " by segment"))
	if m == "" {
		return "the value shown"
	}
	r, n := utf8.DecodeRuneInString(m)
	if len(m) > n && unicode.IsUpper(r) {
		if r2, _ := utf8.DecodeRuneInString(m[n:]); !unicode.IsUpper(r2) {
			m = string(unicode.ToLower(r)) + m[n:] // keep acronyms: "NRR"
		}
	}
	return m
}

// barPlot draws horizontal bars, the first value at the top, each labelled
// at its end.
func barPlot(title, xlabel string, names []string, vals []float64, labels []string) (*plot.Plot, error) {
	n := len(vals)
	rn := make([]string, n)
	for i := range vals {
		rn[n-1-i] = names[i]
	}
	p := newPlot(title, xlabel, "")
	width := vg.Points(math.Min(28, 300/float64(n)))
	// One chart per bar so each bar takes the colour of its segment.
	for i := range vals {
		b, err := plotter.NewBarChart(plotter.Values{vals[i]}, width)
		if err != nil {
			return nil, err
		}
		b.Horizontal = true
		b.XMin = float64(n - 1 - i)
		b.Color = colour(i)
		b.LineStyle.Width = 0
		p.Add(b)
	}
	p.NominalY(rn...)
	p.Y.Tick.Label.Font = sans(11)
	lo, hi := 0.0, 0.0
	for _, v := range vals {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi == lo {
		hi = lo + 1
	}
	// Room for the value labels right of the longest bar.
	p.X.Min, p.X.Max = lo, hi+0.22*(hi-lo)
	xys := make(plotter.XYs, n)
	ls := make([]string, n)
	for i := range vals {
		xys[n-1-i] = plotter.XY{X: math.Max(vals[i], 0), Y: float64(n - 1 - i)}
		ls[n-1-i] = labels[i]
	}
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: ls})
	if err != nil {
		return nil, err
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i].Font = sans(11)
		lab.TextStyle[i].Color = darkGrey
		lab.TextStyle[i].YAlign = -0.5
	}
	lab.Offset = vg.Point{X: vg.Points(4)}
	p.Add(lab)
	return p, nil
}

// percentTicks labels the default tick positions as percentages.
type percentTicks struct{}

func (percentTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(100*ts[i].Value, 'f', -1, 32) + "%"
		}
	}
	return ts
}
