package nb

import (
	"bytes"
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/segmenta/segmenta/report/figure"
)

// Figure is a rendered chart: a PNG image and a plain-text description
// (the kernel's fallback, and what a reader without images sees).
type Figure struct {
	png  []byte
	text string
}

// PNG returns the image (gophernotes shows it as image/png).
func (f *Figure) PNG() []byte { return f.png }

// String returns the description: the chart's title and what it shows.
func (f *Figure) String() string { return f.text }

// Show renders a Segmenta chart for the cell: pass the constructor's two
// results, nb.Show(figure.ROCPlot(fpr, tpr, auc)). It stops the cell when
// err is not nil or the chart does not render.
func Show(fig figure.Figure, err error) *Figure {
	Check(err)
	png, err := fig.PNG()
	Check(err)
	text := fig.Title()
	if e := fig.Explanation(); e != "" {
		text += ": " + e
	}
	return &Figure{png: png, text: text}
}

// Plot renders a gonum plot of your own as a PNG of width x height pixels
// (960 x 600 when either is <= 0). It stops the cell when p is nil or does
// not render.
func Plot(p *plot.Plot, width, height int) *Figure {
	if p == nil {
		fail("Plot of a nil plot")
	}
	if width <= 0 || height <= 0 {
		width, height = 960, 600
	}
	// 96 dots per inch: vg lengths are in points (1/72 inch).
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(width)*vg.Inch/96, vg.Length(height)*vg.Inch/96), vgimg.UseDPI(96))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		Check(fmt.Errorf("nb: Plot: %w", err))
	}
	text := p.Title.Text
	if text == "" {
		text = "plot"
	}
	return &Figure{png: b.Bytes(), text: text}
}
