package segmenta_test

import (
	"fmt"
	"log"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset/synth"
)

// Segments fitted on usage and contract columns only, their number chosen
// by stability and silhouette; the churn and upsell models (none here:
// SegmentsOnly) would use every feature.
func ExampleConfig_segmentOn() {
	accounts, _, err := synth.Generate(synth.Config{N: 2000, Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	model, err := segmenta.Fit(accounts, segmenta.Config{Seed: 1, SegmentsOnly: true,
		Segments:  segmenta.AutoSegments,
		SegmentOn: []string{"contract", "logins_per_week", "feature_adoption", "days_since_last_login"}})
	if err != nil {
		log.Fatal(err)
	}
	seg := model.Segmentation()
	fmt.Println("segmented on:", model.Pipeline().Sources(seg.Columns()))
	fmt.Println("segments chosen:", seg.Choice().Best == model.NumSegments())
	for k, name := range model.SegmentNames() {
		fmt.Println(k, name)
	}
	// Output:
	// segmented on: [contract logins_per_week feature_adoption days_since_last_login]
	// segments chosen: true
	// 0 ~7 logins/week, high adoption, recently active
	// 1 ~2 logins/week, low adoption, inactive ~10 days
}
