package report_test

import (
	"fmt"
	"log"
	"time"

	"github.com/segmenta/segmenta/dataset"

	"github.com/segmenta/segmenta/report"
)

// The MRR bridge of two segments from one month to the next.
func ExampleBridge() {
	segment := []int{0, 0, 0, 1, 1}
	mrrStart := []float64{1000, 500, 300, 200, 0}
	mrrEnd := []float64{1200, 400, 0, 200, 150}
	b, err := report.Bridge(segment, mrrStart, mrrEnd, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range append([]report.BridgeRow{b.Overall}, b.Segments...) {
		fmt.Printf("segment %2d: start %v + expansion %v - contraction %v - churn %v = end %v (NRR %s, new %v)\n",
			r.Segment, r.Start, r.Expansion, r.Contraction, r.Churn, r.End, r.NRR.Percent(), r.New)
	}
	// Output:
	// segment -1: start 2000 + expansion 200 - contraction 100 - churn 300 = end 1800 (NRR 90.0%, new 150)
	// segment  0: start 1800 + expansion 200 - contraction 100 - churn 300 = end 1600 (NRR 88.9%, new 0)
	// segment  1: start 200 + expansion 0 - contraction 0 - churn 0 = end 200 (NRR 100.0%, new 150)
}

// Cohorts by signup month with dated churns: logo retention and the share
// still a customer 0..3 months after signup.
func ExampleCohorts() {
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	in := report.CohortInput{
		Signup:    []time.Time{d("2025-01-10"), d("2025-01-20"), d("2025-01-25"), d("2025-02-03"), d("2025-02-14")},
		ChurnDate: []time.Time{d("2025-02-15"), {}, d("2025-04-01"), {}, d("2025-03-01")},
		AsOf:      d("2025-04-30"),
	}
	tab, err := report.Cohorts(in, report.CohortConfig{Months: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range tab.Cohorts {
		fmt.Printf("%s: %d accounts, %d retained (%s);", c.Month, c.Accounts, c.Retained, c.LogoRetention.Percent())
		for _, m := range c.Curve {
			fmt.Printf(" %s", m.Percent())
		}
		fmt.Println()
	}
	// Output:
	// 2025-01: 3 accounts, 1 retained (33.3%); 100.0% 100.0% 66.7% 33.3%
	// 2025-02: 2 accounts, 1 retained (50.0%); 100.0% 50.0% 50.0% n/a
}

// Lifetimes per segment from tenure in months and the churn flag, with the
// lifetime value of the accounts still active.
func ExampleLifetimes() {
	segment := []int{0, 0, 0, 0, 1, 1, 1, 1}
	tenure := []float64{2, 4, 6, 8, 3, 9, 12, 12}
	churned := []bool{true, true, false, true, false, true, false, false}
	arr := []float64{12000, 24000, 36000, 12000, 6000, 12000, 24000, 18000}
	lt, err := report.Lifetimes(segment, tenure, churned, arr, report.LifetimeConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range lt {
		fmt.Printf("segment %2d: %d accounts, median lifetime %s months, mean %s months up to %g, CLV of the active %s\n",
			l.Segment, l.Accounts, l.Median, l.MeanLifetime, l.Horizon, l.CLV)
	}
	// Output:
	// segment -1: 8 accounts, median lifetime 9.00 months, mean 8.31 months up to 12, CLV of the active 15,854
	// segment  0: 4 accounts, median lifetime 6.00 months, mean 5.50 months up to 12, CLV of the active 6,000
	// segment  1: 4 accounts, median lifetime n/a months, mean 11.0 months up to 12, CLV of the active 4,000
}

// Profile computes the lifecycle from the roles' columns: the MRR bridge,
// the lifetimes (a tenure in months and the churn flag) and, counted back
// from the snapshot date, the cohorts by signup month.
func ExampleProfile_lifecycle() {
	t := dataset.NewTable("account_id", []string{"a1", "a2", "a3", "a4", "a5", "a6"})
	for _, c := range []struct {
		name string
		v    []float64
	}{
		{"MRR", []float64{900, 1100, 50, 40, 60, 70}},
		{"MRR next month", []float64{1000, 1100, 0, 40, 50, 0}},
		{"left", []float64{0, 0, 1, 0, 0, 1}},
		{"months_active", []float64{30, 14, 3, 2, 8, 2}},
	} {
		if err := t.AddNumeric(c.name, c.v, nil); err != nil {
			log.Fatal(err)
		}
	}
	roles, err := report.ParseRoles("mrr_start=MRR,mrr_end=MRR next month,churned=left,tenure=months_active")
	if err != nil {
		log.Fatal(err)
	}
	rep, err := report.Profile(t, []int{0, 0, 1, 1, 1, 1}, report.ProfileConfig{Roles: roles,
		AsOf: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC), DiscountRate: 0.1})
	if err != nil {
		log.Fatal(err)
	}
	b := rep.Bridge.Overall
	fmt.Printf("bridge: %v + %v - %v - %v = %v (NRR %s)\n", b.Start, b.Expansion, b.Contraction, b.Churn, b.End, b.NRR.Percent())
	for _, l := range rep.Lifetimes {
		fmt.Printf("segment %2d: %d accounts, %d churned, mean lifetime %s months, CLV of the active %s\n",
			l.Segment, l.Accounts, l.Churned, l.MeanLifetime, l.CLV)
	}
	fmt.Println("cohorts from", rep.Cohorts.SignupFrom)
	for _, c := range rep.Cohorts.Cohorts {
		if c.Segment == report.AllSegments {
			fmt.Printf("%s: %d accounts, logo retention %s\n", c.Month, c.Accounts, c.LogoRetention.Percent())
		}
	}
	// Output:
	// bridge: 2220 + 100 - 10 - 120 = 2190 (NRR 98.6%)
	// segment -1: 6 accounts, 2 churned, mean lifetime 19.7 months, CLV of the active 18,502
	// segment  0: 2 accounts, 0 churned, mean lifetime 30.0 months, CLV of the active 16,528
	// segment  1: 4 accounts, 2 churned, mean lifetime 12.9 months, CLV of the active 1,733
	// cohorts from "months_active" counted back from 2025-06-30
	// 2022-12: 1 accounts, logo retention 100.0%
	// 2024-04: 1 accounts, logo retention 100.0%
	// 2024-10: 1 accounts, logo retention 100.0%
	// 2025-03: 1 accounts, logo retention 0.0%
	// 2025-04: 2 accounts, logo retention 50.0%
}
