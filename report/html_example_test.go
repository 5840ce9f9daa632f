package report_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"log"
	"strings"

	"github.com/segmenta/segmenta/report"
)

// squareFigure is a Figure drawn by hand (report/figure draws the real
// charts); its Explanation makes it a report.Explainer.
type squareFigure struct{}

func (squareFigure) Title() string { return "A grey square" }

func (squareFigure) PNG() ([]byte, error) {
	var b bytes.Buffer
	err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)))
	return b.Bytes(), err
}

func (squareFigure) Explanation() string {
	return "The square is grey because this example draws nothing."
}

func ExampleReport_HTML() {
	t, labels := accounts()
	rep, err := report.Profile(t, labels, report.ProfileConfig{ChurnProb: []float64{0.05, 0.1, 0.8, 0.3, 0.4}})
	if err != nil {
		log.Fatal(err)
	}
	var page strings.Builder
	if err := rep.HTML(&page, squareFigure{}); err != nil {
		log.Fatal(err)
	}
	h := page.String()
	fmt.Println("sortable, filterable tables:", strings.Count(h, `<table class="st"`))
	fmt.Println("filter boxes:", strings.Count(h, `<input type="search"`))
	fmt.Println("figure explained:", strings.Contains(h, squareFigure{}.Explanation()))
	fmt.Println("external requests:", strings.Contains(h, "http://") || strings.Contains(h, "https://"))
	// Output:
	// sortable, filterable tables: 6
	// filter boxes: 6
	// figure explained: true
	// external requests: false
}
