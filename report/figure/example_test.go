package figure_test

import (
	"errors"
	"fmt"
	"log"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/report/figure"
)

func ExampleSegmentSizePlot() {
	f, err := figure.SegmentSizePlot([]string{"Enterprise fintech", "SMB retail"}, []int{120, 480})
	if err != nil {
		log.Fatal(err)
	}
	png, err := f.PNG() // in a gophernotes cell: display.PNG(png)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Title(), len(png) > 0)
	// Output: Segment sizes true
}

func ExampleDendrogramPlot() {
	// SciPy linkage of four points: 0 and 1 merge at height 1, 2 and 3 at
	// 2, then both clusters at 5.
	Z := mat.NewDense(3, 4, []float64{
		0, 1, 1, 2,
		2, 3, 2, 2,
		4, 5, 5, 4,
	})
	f, err := figure.DendrogramPlot(Z, []string{"acme", "globex", "initech", "umbrella"}, 0)
	if err != nil {
		log.Fatal(err)
	}
	svg, err := f.SVG() // display.SVG(svg) in a notebook
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Title(), len(svg) > 0)
	// Output: Dendrogram true
}

func ExampleFigure_Explanation() {
	f, err := figure.ROCPlot([]float64{0, 0.2, 1}, []float64{0, 0.7, 1}, 0.75)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Explanation())
	// A caller who knows what the positives are can say it better; the
	// image is the same.
	g := f.WithExplanation("The further the curve bows towards the top left, the better the model finds the accounts that leave (AUC 0.750).")
	fmt.Println(g.Explanation())
	// Output:
	// The further the curve bows above the dashed chance line towards the top left, the better the model ranks the accounts with the outcome (for example churners) above the others: AUC 0.750, where 0.5 is chance and 1 is perfect.
	// The further the curve bows towards the top left, the better the model finds the accounts that leave (AUC 0.750).
}

// The lifecycle charts draw a profile's lifetimes, MRR bridge and cohorts,
// each placed in its section of the HTML page.
func ExampleLifetimePlot() {
	t := dataset.NewTable("account_id", []string{"a1", "a2", "a3", "a4", "a5", "a6"})
	for name, v := range map[string][]float64{
		"mrr_start":     {900, 1100, 50, 40, 60, 70},
		"mrr_end":       {1000, 1100, 0, 40, 50, 0},
		"churned":       {0, 0, 1, 0, 0, 1},
		"tenure_months": {30, 14, 3, 2, 8, 2},
	} {
		if err := t.AddNumeric(name, v, nil); err != nil {
			log.Fatal(err)
		}
	}
	rep, err := report.Profile(t, []int{0, 0, 1, 1, 1, 1}, report.ProfileConfig{})
	if err != nil {
		log.Fatal(err)
	}
	for _, draw := range []func(*report.Report) (figure.Figure, error){figure.LifetimePlot, figure.BridgePlot} {
		f, err := draw(rep)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s (section %s)\n", f.Title(), f.Section())
	}
	_, err = figure.CohortPlot(rep) // no signup date, no AsOf: no cohorts
	fmt.Println(errors.Is(err, report.ErrEmpty))
	// Output:
	// Lifetimes by segment (section lifetimes)
	// MRR bridge (section mrr-bridge)
	// true
}
