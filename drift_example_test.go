package segmenta_test

import (
	"fmt"
	"log"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/drift"
)

// A model fitted on one month of accounts watches the next: another
// synthetic month whose MRR was recorded in cents instead of euros drifts
// on mrr_start, and the scores that read it move too: upsell far, churn
// less.
func ExampleModel_Drift() {
	june, _, err := synth.Generate(synth.Config{N: 1500, Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	model, err := segmenta.Fit(june, segmenta.Config{Seed: 1, Segments: 3})
	if err != nil {
		log.Fatal(err)
	}
	july, _, err := synth.Generate(synth.Config{N: 1500, Seed: 2})
	if err != nil {
		log.Fatal(err)
	}
	mrr, err := july.Numeric("mrr_start")
	if err != nil {
		log.Fatal(err)
	}
	for i := range mrr.Num {
		mrr.Num[i] *= 100
	}
	rep, err := model.Drift(july, drift.Thresholds{}) // warn from 0.1, alert from 0.25
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range rep.Columns {
		if c.Status != drift.StatusOK {
			fmt.Printf("%s (%s): %s\n", c.Column, c.Kind, c.Status)
		}
	}
	fmt.Println(rep.Count(drift.StatusOK), "of", len(rep.Columns), "columns and scores ok")
	// Output:
	// mrr_start (feature): alert
	// churn (score): warn
	// upsell (score): alert
	// 18 of 21 columns and scores ok
}
