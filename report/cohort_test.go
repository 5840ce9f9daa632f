package report

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Two snapshots only: churned means flagged or MRR at the end 0.
func TestCohortsSnapshot(t *testing.T) {
	in := CohortInput{
		Labels:   []int{0, 0, 0, 1, 1},
		Signup:   []time.Time{day("2025-01-05"), day("2025-01-31"), day("2025-02-01"), day("2025-01-10"), {}},
		Churned:  []bool{false, true, false, false, false},
		MRRStart: []float64{100, 50, 20, 10, 5},
		MRREnd:   []float64{150, 50, 0, 8, 5},
	}
	tab, err := Cohorts(in, CohortConfig{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		seg              int
		month            string
		accounts, kept   int
		logo, revenue    float64
		revenueAvailable bool
	}
	want := []row{
		{AllSegments, "2025-01", 3, 2, 2.0 / 3, 158.0 / 160, true},
		{AllSegments, "2025-02", 1, 0, 0, 0, true},
		{0, "2025-01", 2, 1, 0.5, 150.0 / 150, true},
		{0, "2025-02", 1, 0, 0, 0, true},
		{1, "2025-01", 1, 1, 1, 0.8, true},
	}
	if len(tab.Cohorts) != len(want) || tab.Dated || tab.UnknownSignup != 1 || len(tab.Warnings) != 1 {
		t.Fatalf("%+v", tab)
	}
	for k, w := range want {
		c := tab.Cohorts[k]
		if c.Segment != w.seg || c.Month != w.month || c.Accounts != w.accounts || c.Retained != w.kept ||
			c.LogoRetention.Value != w.logo || math.Abs(c.RevenueRetention.Value-w.revenue) > 1e-15 || c.Curve != nil {
			t.Errorf("cohort %d: %+v, want %+v", k, c, w)
		}
	}
	b, err := json.Marshal(tab)
	if err != nil || strings.Contains(string(b), "NaN") {
		t.Fatalf("JSON %s: %v", b, err)
	}
}

// Dated churns give the retention curve; the month is clamped at the
// month's end (January 31 + 1 month = February 28).
func TestCohortsDated(t *testing.T) {
	in := CohortInput{
		Signup:    []time.Time{day("2025-01-31"), day("2025-01-31"), day("2025-01-15"), day("2025-01-20")},
		ChurnDate: []time.Time{day("2025-02-28"), day("2025-03-01"), {}, {}},
		Churned:   []bool{true, true, false, true},
		AsOf:      day("2025-04-20"),
	}
	tab, err := Cohorts(in, CohortConfig{Months: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Cohorts) != 1 || !tab.Dated || tab.UndatedChurn != 1 || len(tab.Warnings) != 1 {
		t.Fatalf("%+v", tab)
	}
	c := tab.Cohorts[0]
	if c.Accounts != 4 || c.Retained != 1 {
		t.Errorf("accounts %d retained %d, want 4 and 1", c.Accounts, c.Retained)
	}
	// Account 3 (flagged, no date) is left out of the curve. Month 1 ends
	// Feb 28 for the 31sts (account 0 churned that day, account 1 on Mar 1),
	// Feb 15 for account 2: 2 of 3 alive. Month 2 (Mar 31, Mar 15): 1 of 3.
	// Month 3: Apr 30 is after AsOf, Apr 15 is not: account 2 alone, alive.
	// Month 4: nobody observed.
	want := []Metric{{Value: 1, N: 3, Valid: true}, {Value: 2.0 / 3, N: 3, Valid: true}, {Value: 1.0 / 3, N: 3, Valid: true},
		{Value: 1, N: 1, Valid: true}, {N: 0}}
	if len(c.Curve) != len(want) {
		t.Fatalf("curve %v", c.Curve)
	}
	for m, w := range want {
		if c.Curve[m] != w {
			t.Errorf("month %d: %+v, want %+v", m, c.Curve[m], w)
		}
	}
}

func TestAddMonths(t *testing.T) {
	for _, c := range [][3]string{{"2025-01-31", "1", "2025-02-28"}, {"2024-01-31", "1", "2024-02-29"}, {"2025-01-15", "13", "2026-02-15"}, {"2025-03-31", "-1", "2025-02-28"}} {
		m := map[string]int{"1": 1, "13": 13, "-1": -1}[c[1]]
		if got := addMonths(day(c[0]), m).Format(time.DateOnly); got != c[2] {
			t.Errorf("%s + %s months = %s, want %s", c[0], c[1], got, c[2])
		}
	}
}

func TestCohortsErrors(t *testing.T) {
	jan := []time.Time{day("2025-01-01"), day("2025-01-02")}
	cases := []struct {
		name string
		in   CohortInput
		cfg  CohortConfig
		want error
		col  string
		row  int
	}{
		{"empty", CohortInput{}, CohortConfig{}, ErrEmpty, "signup", -1},
		{"no churn", CohortInput{Signup: jan}, CohortConfig{}, ErrEmpty, "churned", -1},
		{"length", CohortInput{Signup: jan, Churned: []bool{true}}, CohortConfig{}, ErrLength, "churned", -1},
		{"label", CohortInput{Signup: jan, Churned: []bool{true, false}, Labels: []int{0, -1}}, CohortConfig{}, ErrNegativeLabel, "labels", 1},
		{"money", CohortInput{Signup: jan, MRREnd: []float64{1, -1}}, CohortConfig{}, ErrValue, "mrr_end", 1},
		{"as of", CohortInput{Signup: jan, ChurnDate: make([]time.Time, 2)}, CohortConfig{}, ErrValue, "as_of", -1},
		{"churn before signup", CohortInput{Signup: jan, ChurnDate: []time.Time{{}, day("2024-12-31")}, AsOf: day("2025-06-01")}, CohortConfig{}, ErrValue, "churn_date", 1},
	}
	for _, c := range cases {
		_, err := Cohorts(c.in, c.cfg)
		var ce *dataset.ColumnError
		if !errors.Is(err, c.want) || !errors.As(err, &ce) || ce.Column != c.col || ce.Row != c.row {
			t.Errorf("%s: %v, want %v at %q row %d", c.name, err, c.want, c.col, c.row)
		}
	}
	if _, err := Cohorts(CohortInput{Signup: jan, Churned: []bool{true, false}}, CohortConfig{Months: -1}); !errors.Is(err, ErrValue) {
		t.Errorf("Months -1: %v", err)
	}
}
