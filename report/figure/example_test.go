package figure_test

import (
	"fmt"
	"log"

	"gonum.org/v1/gonum/mat"

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
