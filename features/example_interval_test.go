package features_test

import (
	"fmt"
	"log"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

func ExampleIntervalState() {
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	subs := dataset.NewTable("", nil)
	_ = subs.AddCategorical("account_id", []string{"a1", "a1", "a2"}, nil)
	_ = subs.AddDate("start", []time.Time{d("2023-01-01"), d("2024-01-01"), d("2023-06-01")}, nil)
	_ = subs.AddDate("end", []time.Time{d("2024-01-01"), {}, d("2024-03-01")}, []bool{false, true, false})
	_ = subs.AddNumeric("mrr", []float64{100, 150, 80}, nil)
	s := features.IntervalState{ID: "account_id", Start: "start", End: "end", MRR: "mrr",
		Cutoff: d("2024-06-01"), ChangeDays: 365, Accounts: []string{"a1", "a2", "a3"}}
	out, err := s.Apply(subs)
	if err != nil {
		log.Fatal(err)
	}
	active, _ := out.Numeric("active")
	mrr, _ := out.Numeric("mrr")
	change, _ := out.Numeric("mrr_change_365d")
	noRows, _ := out.Numeric("no_rows")
	for i, id := range out.IDs {
		fmt.Printf("%s: active %v, MRR %v (%+g in a year), no rows %v\n", id, active.Num[i], mrr.Num[i], change.Num[i], noRows.Num[i])
	}
	// Output:
	// a1: active 1, MRR 150 (+50 in a year), no rows 0
	// a2: active 0, MRR 0 (-80 in a year), no rows 0
	// a3: active 0, MRR 0 (+0 in a year), no rows 1
}
