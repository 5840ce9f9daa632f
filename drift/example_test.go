package drift_test

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
)

// A reference learned from last quarter's accounts, then this month's
// accounts counted into its bins: the seats moved, the plan mix did not.
func Example() {
	train := dataset.NewTable("id", nil)
	seats := make([]float64, 100)
	plans := make([]string, 100)
	for i := range seats {
		seats[i] = float64(i % 20)
		plans[i] = []string{"basic", "pro", "team", "pro"}[i%4]
	}
	_ = train.AddNumeric("seats", seats, nil)
	_ = train.AddCategorical("plan", plans, nil)
	ref, err := drift.Config{}.Fit(train, nil, []string{"seats", "plan"}, nil)
	if err != nil {
		panic(err)
	}

	now := dataset.NewTable("id", nil)
	for i := range seats {
		seats[i] += 6 // every account bought six seats more
	}
	_ = now.AddNumeric("seats", seats, nil)
	_ = now.AddCategorical("plan", plans, nil)
	tally := drift.NewBinner(ref).NewTally()
	if err := tally.AddTable(now, nil); err != nil {
		panic(err)
	}
	rep, err := tally.Report(drift.Thresholds{}) // warn from 0.1, alert from 0.25
	if err != nil {
		panic(err)
	}
	for _, c := range rep.Columns {
		fmt.Printf("%-5s PSI %.3f %s\n", c.Column, c.PSI, c.Status)
	}
	// Output:
	// seats PSI 2.486 alert
	// plan  PSI 0.000 ok
}
