package segmenta_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
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
	// A0000002: high churn risk, 3 reasons
	// A0000003: low churn risk, 3 reasons
}

func ExampleModel_ScoreCSV() {
	accounts, _, err := synth.Generate(synth.Config{N: 2000, Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	model, err := segmenta.Fit(accounts, segmenta.Config{Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	// A CSV of 1000 other accounts, one of them damaged.
	var in bytes.Buffer
	if err := synth.WriteAccountsCSV(&in, synth.Config{N: 1000, Seed: 2}); err != nil {
		log.Fatal(err)
	}
	lines := strings.SplitAfter(in.String(), "\n")
	lines[10] = "A0000010,retail\n"
	var out, rejects bytes.Buffer
	counts, err := model.ScoreCSV(context.Background(), strings.NewReader(strings.Join(lines, "")), &out,
		batch.Options{Rejects: &rejects})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("rows %d, scored %d, rejected %d\n", counts.Rows, counts.Scored, counts.Rejected)
	fmt.Print(strings.SplitAfter(out.String(), "\n")[0])
	fmt.Print(rejects.String())
	// Output:
	// rows 1000, scored 999, rejected 1
	// account_id,segment,segment_name,micro_segment,churn,upsell,risk_band,reasons,upsell_reasons
	// line,reason
	// 11,"wrong number of fields: 2 fields, header has 25"
}
