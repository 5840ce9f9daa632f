package segmenta_test

import (
	"fmt"
	"log"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset/synth"
)

// The shaped accounts churn more when seats > 40 and discount > 15: the
// GA2M's pair finds both thresholds, told in seats and percent.
func ExampleModel_Interactions() {
	tab, _, err := synth.GenerateShaped(synth.ShapedConfig{N: 20000, Seed: 3})
	if err != nil {
		log.Fatal(err)
	}
	m, err := segmenta.Fit(tab, segmenta.Config{Seed: 1, MicroSegments: 20, ChurnLabel: "churned", UpsellLabel: "-"})
	if err != nil {
		log.Fatal(err)
	}
	ins, err := m.Interactions("churn")
	if err != nil {
		log.Fatal(err)
	}
	for _, in := range ins {
		fmt.Printf("%s cut at %.1f, %s cut at %.1f\n", in.Columns[0], in.Cuts[0], in.Columns[1], in.Cuts[1])
		fmt.Printf("log-odds above both cuts: %+.1f\n", in.Effects[1][1])
	}
	// Output:
	// seats cut at [40.5], discount_pct cut at [15.5]
	// log-odds above both cuts: +0.7
}
