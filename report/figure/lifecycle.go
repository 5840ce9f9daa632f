package figure

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/segmenta/segmenta/report"
)

// The charts of the account lifecycle of a report (report.Report.Bridge,
// Lifetimes, Cohorts). Each is placed in its section of the HTML page
// (report.Placed), beside the table it draws.

// segmentIndex maps a label to its position in the report (its colour).
func segmentIndex(r *report.Report) map[int]int {
	idx := make(map[int]int, len(r.Segments))
	for i, s := range r.Segments {
		idx[s.Label] = i
	}
	return idx
}

func segmentNameOf(r *report.Report, label int) string {
	for _, s := range r.Segments {
		if s.Label == label {
			return s.Name
		}
	}
	return fmt.Sprintf("segment %d", label)
}

// LifetimePlot draws the Kaplan-Meier curve of each segment of r
// (r.Lifetimes): the share of its accounts still a customer after so many
// months, with its confidence band (Greenwood's standard error, as
// report.Lifetimes computes it) shaded, and the curve of all accounts
// dashed. A report without lifetime curves is an error wrapping
// report.ErrEmpty.
func LifetimePlot(r *report.Report) (Figure, error) {
	if r == nil || len(r.Lifetimes) == 0 || len(r.Lifetimes[0].Curve) == 0 {
		return Figure{}, inputErr("Lifetimes", -1, report.ErrEmpty, "the report has no lifetime curves")
	}
	p := newPlot("Lifetimes by segment (Kaplan-Meier)", "Months as a customer", "Share still a customer")
	placeLegend(p, false, false) // the curves start at the top
	idx := segmentIndex(r)
	var all report.SegmentLifetime
	for _, l := range r.Lifetimes {
		if l.Segment == report.AllSegments {
			all = l
			continue
		}
		if len(l.Curve) == 0 {
			continue
		}
		c := colour(idx[l.Segment])
		band, err := plotter.NewPolygon(survivalBand(l.Curve))
		if err != nil {
			return Figure{}, err
		}
		band.Color = color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0x38}
		band.LineStyle.Width = 0
		line, err := survivalLine(l.Curve, c, nil)
		if err != nil {
			return Figure{}, err
		}
		p.Add(band, line)
		p.Legend.Add(segmentNameOf(r, l.Segment), line)
	}
	line, err := survivalLine(all.Curve, darkGrey, []vg.Length{vg.Points(5), vg.Points(3)})
	if err != nil {
		return Figure{}, err
	}
	p.Add(line)
	p.Legend.Add("All accounts", line)
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = percentTicks{}
	p.X.Min = 0
	half := "fewer than half of all accounts have churned, so the median lifetime is beyond the data"
	if all.Median.Valid {
		half = fmt.Sprintf("half of all accounts are gone after %s months", all.Median)
	}
	f := explained(plotFigure("Lifetimes by segment", p),
		"Each line is the share of a segment's accounts still a customer after so many months, with its 95%% confidence band shaded, so the lower a line the sooner its accounts leave: %s.", half)
	f.section = report.SectionLifetimes
	return f, nil
}

// survivalLine is a step curve from (0, 1) through the curve's points.
func survivalLine(curve []report.CurvePoint, c color.Color, dashes []vg.Length) (*plotter.Line, error) {
	xys := plotter.XYs{{X: 0, Y: 1}}
	for _, pt := range curve {
		xys = append(xys, plotter.XY{X: pt.Months, Y: pt.Survival})
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	l.StepStyle = plotter.PostStep
	l.Color, l.Width, l.Dashes = c, vg.Points(2), dashes
	return l, nil
}

// survivalBand is the outline of the confidence band as steps: the upper
// bound forward, the lower bound back, up to the last point where both
// are defined (they are not where the curve reaches 0).
func survivalBand(curve []report.CurvePoint) plotter.XYs {
	upper := plotter.XYs{{X: 0, Y: 1}}
	lower := plotter.XYs{{X: 0, Y: 1}}
	for k, pt := range curve {
		if !pt.Lower.Valid || !pt.Upper.Valid {
			break
		}
		// A step: the previous bound up to this time, then the new one.
		upper = append(upper, plotter.XY{X: pt.Months, Y: upper[len(upper)-1].Y}, plotter.XY{X: pt.Months, Y: pt.Upper.Value})
		lower = append(lower, plotter.XY{X: pt.Months, Y: lower[len(lower)-1].Y}, plotter.XY{X: pt.Months, Y: pt.Lower.Value})
		if k == len(curve)-1 {
			break
		}
	}
	out := append(plotter.XYs{}, upper...)
	for i := len(lower) - 1; i >= 0; i-- {
		out = append(out, lower[i])
	}
	return out
}

// BridgePlot draws the MRR bridge of all accounts of r (r.Bridge.Overall)
// as a waterfall: the MRR at the start, the expansion added, the
// contraction and churn taken away, the MRR at the end. A report without a
// bridge is an error wrapping report.ErrEmpty.
func BridgePlot(r *report.Report) (Figure, error) {
	if r == nil || r.Bridge == nil || r.Bridge.Overall.Accounts == 0 {
		return Figure{}, inputErr("Bridge", -1, report.ErrEmpty, "the report has no MRR bridge")
	}
	b := r.Bridge.Overall
	afterExp := b.Start + b.Expansion
	afterContr := afterExp - b.Contraction
	steps := []struct {
		name   string
		lo, hi float64
		c      color.Color
		label  string
	}{
		{"Start", 0, b.Start, grey, money(b.Start)},
		{"Expansion", b.Start, afterExp, gain, "+" + money(b.Expansion)},
		{"Contraction", afterContr, afterExp, shrink, "-" + money(b.Contraction)},
		{"Churn", b.End, afterContr, loss, "-" + money(b.Churn)},
		{"End", 0, b.End, darkGrey, money(b.End)},
	}
	p := newPlot("MRR bridge, all accounts", "", "MRR")
	names := make([]string, len(steps))
	xys := make(plotter.XYs, len(steps))
	labels := make([]string, len(steps))
	top := 0.0
	for i, s := range steps {
		x := float64(i)
		bar, err := plotter.NewPolygon(plotter.XYs{{X: x - 0.35, Y: s.lo}, {X: x + 0.35, Y: s.lo}, {X: x + 0.35, Y: s.hi}, {X: x - 0.35, Y: s.hi}})
		if err != nil {
			return Figure{}, err
		}
		bar.Color, bar.LineStyle.Width = s.c, 0
		p.Add(bar)
		names[i], xys[i], labels[i] = s.name, plotter.XY{X: x, Y: s.hi}, s.label
		top = math.Max(top, s.hi)
	}
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return Figure{}, err
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i].Font = sans(11)
		lab.TextStyle[i].Color = darkGrey
		lab.TextStyle[i].XAlign = draw.XCenter
	}
	lab.Offset = vg.Point{Y: vg.Points(4)}
	p.Add(lab)
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(steps))-0.4
	p.Y.Min, p.Y.Max = 0, math.Max(1, 1.12*top)
	p.Y.Tick.Marker = moneyTicks{}
	f := explained(plotFigure("MRR bridge", p),
		"The bars walk from the MRR at the start (%s) through what expansion added (+%s), contraction took (-%s) and churn took (-%s) to the MRR at the end (%s) of the same accounts: net revenue retention %s.",
		labels[0], labels[1][1:], labels[2][1:], labels[3][1:], labels[4], b.NRR.Percent())
	f.section = report.SectionBridge
	return f, nil
}

// The cohorts CohortPlot draws: the retention of a handful of accounts is
// noise, and the recent signup months are those a team acts on (the
// report's cohort table shows as many).
const (
	minCohortAccounts = 5
	cohortMonths      = 24
)

// Colours of the MRR bridge: what adds, shrinks and loses revenue.
var (
	gain   = color.RGBA{0x59, 0xa1, 0x4f, 0xff}
	shrink = color.RGBA{0xf2, 0x8e, 0x2b, 0xff}
	loss   = color.RGBA{0xe1, 0x57, 0x59, 0xff}
)

func money(v float64) string { return report.Metric{Value: v, Valid: true}.String() }

// moneyTicks labels the default tick positions as the report writes
// amounts ("4,000,000", not "4e+06").
type moneyTicks struct{}

func (moneyTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = money(ts[i].Value)
		}
	}
	return ts
}

// CohortPlot draws the logo retention of each segment of r by signup month
// (r.Cohorts): one line per segment over the 24 most recent signup months,
// the cohorts of fewer than 5 accounts left out, and the cohorts of all
// accounts dashed. A report without cohorts is an error wrapping
// report.ErrEmpty.
func CohortPlot(r *report.Report) (Figure, error) {
	if r == nil || r.Cohorts == nil || len(r.Cohorts.Cohorts) == 0 {
		return Figure{}, inputErr("Cohorts", -1, report.ErrEmpty, "the report has no cohorts")
	}
	var months []string
	for _, c := range r.Cohorts.Cohorts {
		if c.Segment == report.AllSegments {
			months = append(months, c.Month) // in order
		}
	}
	first := months[max(0, len(months)-cohortMonths)]
	lines := map[int]plotter.XYs{}
	var order []int
	for _, c := range r.Cohorts.Cohorts {
		if c.Month < first || c.Accounts < minCohortAccounts || !c.LogoRetention.Valid {
			continue
		}
		t, err := time.Parse("2006-01", c.Month)
		if err != nil {
			return Figure{}, inputErr("Cohorts", -1, report.ErrValue, "month %q: %v", c.Month, err)
		}
		if _, ok := lines[c.Segment]; !ok {
			order = append(order, c.Segment)
		}
		lines[c.Segment] = append(lines[c.Segment], plotter.XY{X: float64(t.Unix()), Y: c.LogoRetention.Value})
	}
	if len(order) == 0 {
		return Figure{}, inputErr("Cohorts", -1, report.ErrEmpty, "no cohort of %d accounts or more", minCohortAccounts)
	}
	p := newPlot("Retention by signup month", "Signup month", "Share still a customer at the end")
	placeLegend(p, false, true)
	idx := segmentIndex(r)
	for _, seg := range order {
		c, name, dashes := colour(idx[seg]), segmentNameOf(r, seg), []vg.Length(nil)
		if seg == report.AllSegments {
			c, name, dashes = darkGrey, "All accounts", []vg.Length{vg.Points(5), vg.Points(3)}
		}
		l, err := plotter.NewLine(lines[seg])
		if err != nil {
			return Figure{}, err
		}
		l.Color, l.Width, l.Dashes = c, vg.Points(1.5), dashes
		p.Add(l)
		p.Legend.Add(name, l)
	}
	p.X.Tick.Marker = plot.TimeTicks{Format: "2006-01"}
	p.Y.Max = 1
	p.Y.Tick.Marker = percentTicks{}
	f := explained(plotFigure("Retention by signup month", p),
		"Each line is the share of a segment's accounts still a customer at the end of the period, by the month they signed up (the last %d months from %s, cohorts of fewer than %d accounts left out), so a dip marks a signup month whose accounts left more often.",
		cohortMonths, first, minCohortAccounts)
	f.section = report.SectionCohorts
	return f, nil
}
