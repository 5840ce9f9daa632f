package figure

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/segmenta/segmenta/internal/palette"
	"image/color"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is a rendered-on-demand chart. It is an immutable value, safe for
// concurrent use; PNG and SVG render once and then return the cached result,
// so calling them repeatedly (for example from a notebook cell) is cheap.
// The zero Figure renders to an error.
type Figure struct {
	title   string
	explain string
	section string // the section of the HTML page it belongs in ("": Figures)
	r       *renderer
}

// Figure sizes and resolution: 8 x 5 inches at 120 dpi gives 960 x 600 px,
// sharp in a page whose figures are at most 960 px wide.
const (
	figWidth  = 8 * vg.Inch
	figHeight = 5 * vg.Inch
	figDPI    = 120
)

type renderer struct {
	w, h vg.Length
	draw func(draw.Canvas)

	mu  sync.Mutex // gonum/plot drawing is not safe for concurrent use
	png []byte
	svg string
	err error
}

// figMargin keeps labels and legends off the image border.
const figMargin = 10 // points

func newFigure(title string, w, h vg.Length, fn func(draw.Canvas)) Figure {
	m := vg.Points(figMargin)
	inset := func(c draw.Canvas) { fn(draw.Crop(c, m, -m, m, -m)) }
	return Figure{title: title, r: &renderer{w: w, h: h, draw: inset}}
}

// plotFigure wraps a single plot.
func plotFigure(title string, p *plot.Plot) Figure {
	return newFigure(title, figWidth, figHeight, p.Draw)
}

// Title returns the figure's title (used as the caption and alt text in
// HTML).
func (f Figure) Title() string { return f.title }

// Explanation says in one plain sentence what the figure shows and how to
// read it (report.HTML prints it under the figure; it implements
// report.Explainer).
func (f Figure) Explanation() string { return f.explain }

// Section is the ID of the section of the HTML page the figure belongs in
// (report.SectionLifetimes for LifetimePlot, ...; it implements
// report.Placed), "" for the page's Figures.
func (f Figure) Section() string { return f.section }

// WithExplanation returns the figure with another explanation, for a
// caller who knows more about what it shows (the sentence should be one
// plain sentence ending with a full stop). The image is shared, not
// redrawn.
func (f Figure) WithExplanation(sentence string) Figure {
	f.explain = sentence
	return f
}

// explained sets the explanation of a freshly made figure.
func explained(f Figure, format string, args ...any) Figure {
	f.explain = fmt.Sprintf(format, args...)
	return f
}

var errNoFigure = errors.New("report: empty Figure")

// PNG returns the figure as a PNG image (960 x 600 px for the standard
// size). The returned slice is a copy the caller may keep or modify.
func (f Figure) PNG() ([]byte, error) {
	if f.r == nil {
		return nil, errNoFigure
	}
	r := f.r
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.png == nil && r.err == nil {
		c := vgimg.NewWith(vgimg.UseWH(r.w, r.h), vgimg.UseDPI(figDPI), vgimg.UseBackgroundColor(color.White))
		r.draw(draw.New(c))
		var buf bytes.Buffer
		if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
			r.err = err
		} else {
			r.png = buf.Bytes()
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return bytes.Clone(r.png), nil
}

// SVG returns the figure as an SVG document without the XML prolog, so it
// can be inlined in HTML.
func (f Figure) SVG() (string, error) {
	if f.r == nil {
		return "", errNoFigure
	}
	r := f.r
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.svg == "" {
		c := vgsvg.New(r.w, r.h)
		r.draw(draw.New(c))
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return "", err
		}
		s := buf.String()
		if i := strings.Index(s, "<svg"); i > 0 {
			s = s[i:]
		}
		r.svg = s
	}
	return r.svg, nil
}

// colour is the colour of segment i, as in the HTML report.
func colour(i int) color.RGBA { return palette.Colour(i) }

var (
	grey     = color.RGBA{0x88, 0x88, 0x88, 0xff}
	darkGrey = color.RGBA{0x44, 0x44, 0x44, 0xff}
)

func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// newPlot returns a plot in the report's house style: sans-serif text, a
// light grid, legend at the top right.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := newBarePlot(title, xlabel, ylabel)
	p.Add(grid())
	return p
}

// newBarePlot is newPlot without the grid.
func newBarePlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(16)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(13)
		a.Tick.Label.Font = sans(11)
		a.Padding = vg.Points(4)
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Font = sans(11)
	p.Legend.ThumbnailWidth = vg.Points(20)
	placeLegend(p, true, false)
	return p
}

func grid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{0xdc}
	g.Horizontal.Color = color.Gray{0xdc}
	g.Vertical.Width = vg.Points(0.5)
	g.Horizontal.Width = vg.Points(0.5)
	return g
}

// placeLegend puts the legend in a corner of the data area, a little away
// from the axes.
func placeLegend(p *plot.Plot, top, left bool) {
	p.Legend.Top, p.Legend.Left = top, left
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(8), -vg.Points(6)
	if left {
		p.Legend.XOffs = vg.Points(8)
	}
	if !top {
		p.Legend.YOffs = vg.Points(8)
	}
}

// unitTicks labels a [0, 1] axis every 0.2 with minor ticks every 0.1.
type unitTicks struct{}

func (unitTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for i := 0; i <= 10; i++ {
		v := float64(i) / 10
		if v < min-1e-9 || v > max+1e-9 {
			continue
		}
		t := plot.Tick{Value: v}
		if i%2 == 0 {
			t.Label = strconv.FormatFloat(v, 'f', 1, 64)
		}
		out = append(out, t)
	}
	return out
}

// unitAxes fixes both axes to [0, 1] with unitTicks.
func unitAxes(p *plot.Plot) {
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.X.Tick.Marker, p.Y.Tick.Marker = unitTicks{}, unitTicks{}
}

// diagonal is the dashed y = x reference line from (0,0) to (1,1).
func diagonal() *plotter.Line {
	l, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}}) // finite points: cannot fail
	l.Color = grey
	l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	return l
}
