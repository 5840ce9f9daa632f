// Quickstart fits a whole Segmenta model on synthetic B2B SaaS accounts and
// scores a few of them.
//
//	go run ./examples/quickstart
package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset/synth"
)

func main() {
	if err := run(os.Stdout, 10000); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer, n int) error {
	// 1. Data: n synthetic accounts (firmographics, usage, billing, the
	// churned and upsold labels).
	accounts, _, err := synth.Generate(synth.Config{N: n, Seed: 7})
	if err != nil {
		return err
	}

	// 2. Fit: feature pipeline, segments, calibrated churn and upsell
	// models, personas. The zero Config infers everything.
	model, err := segmenta.Fit(accounts, segmenta.Config{Seed: 7})
	if err != nil {
		return err
	}
	ev := model.Metrics()
	fmt.Fprintf(w, "churn model, held out: ROC AUC %.3f, lift in the top decile %.2f\n", ev.Churn.ROCAUC, ev.Churn.LiftTopDecile)
	fmt.Fprintf(w, "upsell model, held out: ROC AUC %.3f\n", ev.Upsell.ROCAUC)
	fmt.Fprintln(w, "segments:")
	for k, name := range model.SegmentNames() {
		fmt.Fprintf(w, "  %d  %s\n", k, name)
	}

	// 3. Save and load: one versioned JSON file.
	var file bytes.Buffer
	if err := model.Save(&file); err != nil {
		return err
	}
	loaded, err := segmenta.Load(&file)
	if err != nil {
		return err
	}

	// 4. Score: segment, churn and upsell probabilities, risk band, reasons.
	scores, err := loaded.Score(accounts.Subset([]int{0, 1, 2, 3, 4}))
	if err != nil {
		return err
	}
	for _, s := range scores {
		fmt.Fprintf(w, "%s  segment %d (%s)  churn %.2f [%s]  upsell %.2f  %s\n",
			s.ID, s.Segment, s.SegmentName, s.Churn, s.RiskBand, s.Upsell, strings.Join(s.Reasons, "; "))
	}
	return nil
}
