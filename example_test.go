package segmenta_test

import (
	"fmt"
	"log"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset/synth"
)

func Example() {
	// 2000 synthetic B2B SaaS accounts with churned and upsold labels.
	accounts, _, err := synth.Generate(synth.Config{N: 2000, Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	model, err := segmenta.Fit(accounts, segmenta.Config{Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	scores, err := model.Score(accounts.Subset([]int{0, 1, 2}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("segments:", model.NumSegments())
	fmt.Println("churn ROC AUC above 0.7:", model.Metrics().Churn.ROCAUC > 0.7)
	for _, s := range scores {
		fmt.Printf("%s: %s churn risk, %d reasons\n", s.ID, s.RiskBand, len(s.Reasons))
	}
	// Output:
	// segments: 6
	// churn ROC AUC above 0.7: true
	// A0000001: low churn risk, 3 reasons
	// A0000002: medium churn risk, 3 reasons
	// A0000003: low churn risk, 3 reasons
}
