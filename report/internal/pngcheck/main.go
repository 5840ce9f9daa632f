// Command pngcheck exits non-zero unless every PNG named on the command line
// decodes and is not a single flat colour (imgcheck: at least 16 distinct
// colours and 2% of pixels differing from the most common one).
// scripts/screenshot-report.sh and scripts/report-screens.sh use it to
// catch blank screenshots.
package main

import (
	"fmt"
	"image/png"
	"os"

	"github.com/segmenta/segmenta/report/internal/imgcheck"
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
	s, err := imgcheck.Check(img)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	fmt.Printf("%s: %s\n", name, s)
	return nil
}
