// Command pngcheck exits non-zero unless every PNG named on the command line
// decodes and is not a single flat colour (at least 16 distinct colours and
// 2% of pixels differing from the most common one). scripts/screenshot-report.sh
// uses it to catch blank screenshots.
package main

import (
	"fmt"
	"image/color"
	"image/png"
	"os"
)

func main() {
	status := 0
	for _, name := range os.Args[1:] {
		if err := check(name); err != nil {
			fmt.Fprintln(os.Stderr, "pngcheck:", err)
			status = 1
		}
	}
	os.Exit(status)
}

func check(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
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
	if total == 0 || len(counts) < 16 || float64(total-top) < 0.02*float64(total) {
		return fmt.Errorf("%s: looks blank (%dx%d, %d colours, %.1f%% off the main colour)",
			name, b.Dx(), b.Dy(), len(counts), 100*float64(total-top)/float64(max(total, 1)))
	}
	fmt.Printf("%s: %dx%d, %d colours, %.1f%% off the main colour\n", name, b.Dx(), b.Dy(), len(counts), 100*float64(total-top)/float64(total))
	return nil
}
