package survival_test

import (
	"fmt"

	"github.com/segmenta/segmenta/survival"
)

// Months from signup to churn (event 1) or to today (event 0, still a
// customer).
func ExampleKaplanMeier_Fit() {
	months := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	churned := []float64{1, 1, 1, 1, 0, 0, 1, 1}
	c, err := survival.KaplanMeier{}.Fit(months, churned)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range c.Steps[:4] {
		fmt.Printf("t=%g at risk %d churned %d S=%.3f 95%% CI %.3f-%.3f\n", s.Time, s.AtRisk, s.Events, s.Surv, s.Lower, s.Upper)
	}
	m := c.Median()
	fmt.Printf("median lifetime %g months (lower limit %g)\n", m.Median, m.Lower)
	mean, se := c.RestrictedMean()
	fmt.Printf("mean lifetime up to %g months: %.3f (se %.3f)\n", c.Horizon(), mean, se)
	// Output:
	// t=1 at risk 8 churned 1 S=0.875 95% CI 0.673-1.000
	// t=2 at risk 7 churned 1 S=0.750 95% CI 0.503-1.000
	// t=3 at risk 6 churned 1 S=0.625 95% CI 0.365-1.000
	// t=4 at risk 5 churned 1 S=0.500 95% CI 0.250-1.000
	// median lifetime 5.5 months (lower limit 3)
	// mean lifetime up to 8 months: 5.000 (se 0.944)
}

// The lifetime value of an account 3 months in, paying 12,000 a year,
// counted up to 24 months and discounted at 8% a year. (R agrees on the
// remaining lifetime: (rmean at 24 - rmean at 3) / S(3) = 13.43.)
func ExampleCurve_LifetimeValue() {
	months := []float64{1, 2, 3, 5, 8, 9, 12, 14, 20, 24}
	churned := []float64{1, 0, 1, 1, 0, 1, 0, 1, 0, 0}
	c, err := survival.KaplanMeier{Horizon: 24, DiscountRate: 0.08}.Fit(months, churned)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("expected remaining lifetime %.2f months, CLV %.0f\n", c.Remaining(3), c.LifetimeValue(12000, 3))
	// Output:
	// expected remaining lifetime 13.43 months, CLV 12702
}

func ExampleKaplanMeier_FitGroups() {
	segment := []int{0, 0, 0, 0, 1, 1, 1, 1}
	months := []float64{2, 4, 6, 8, 3, 9, 12, 12}
	churned := []float64{1, 1, 0, 1, 0, 1, 0, 0}
	groups, err := survival.KaplanMeier{}.FitGroups(segment, months, churned)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range groups {
		fmt.Printf("segment %d: median %g, S(6) = %.3f\n", g.Label, g.Curve.Median().Median, g.Curve.At(6))
	}
	// Output:
	// segment 0: median 6, S(6) = 0.500
	// segment 1: median NaN, S(6) = 1.000
}
