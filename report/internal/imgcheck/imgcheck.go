// Package imgcheck tells a blank picture (a failed render, an empty
// screenshot) from a real one: a real chart or page has at least 16
// distinct colours and 2% of its pixels off the most common colour.
// scripts/report-screens.sh uses it, through pngcheck and htmlcheck, on
// screenshots and on the figures embedded in reports.
package imgcheck

import (
	"fmt"
	"image"
	"image/color"
)

// Stats describe the colours of an image.
type Stats struct {
	Width, Height int
	// Colours is the number of distinct colours, OffMain the share of
	// pixels that differ from the most common one.
	Colours int
	OffMain float64
}

func (s Stats) String() string {
	return fmt.Sprintf("%dx%d, %d colours, %.1f%% off the main colour", s.Width, s.Height, s.Colours, 100*s.OffMain)
}

// Thresholds below which an image counts as blank.
const (
	MinColours = 16
	MinOffMain = 0.02
)

// Check returns the image's Stats, and an error when it looks blank.
func Check(img image.Image) (Stats, error) {
	b := img.Bounds()
	counts := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	top := 0
	for _, c := range counts {
		top = max(top, c)
	}
	total := b.Dx() * b.Dy()
	s := Stats{Width: b.Dx(), Height: b.Dy(), Colours: len(counts)}
	if total > 0 {
		s.OffMain = float64(total-top) / float64(total)
	}
	if total == 0 || s.Colours < MinColours || s.OffMain < MinOffMain {
		return s, fmt.Errorf("looks blank (%s)", s)
	}
	return s, nil
}
