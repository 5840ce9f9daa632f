package synth_test

import (
	"fmt"
	"os"

	"github.com/segmenta/segmenta/dataset/synth"
)

func ExampleWriteAccountsCSV() {
	cfg := synth.Config{N: 3, Seed: 1, Clean: true}
	if err := synth.WriteAccountsCSV(os.Stdout, cfg); err != nil {
		fmt.Println(err)
	}
	// Output:
	// account_id,industry,country,employees,revenue_band,plan,contract,seats_purchased,seats_used,mrr_start,mrr_end,tenure_months,logins_per_week,feature_adoption,support_tickets,csat,nps,email_open_rate,web_visits,days_since_last_login,sales_stage,churned,upsold,contact_name,contact_email
	// A0000001,education,NL,12931,250M+,enterprise,annual,611,310,62243.74,0,31,2.6,0.321,9,3.2,8,0.363,39,12,none,1,0,Rosa Brown,rosa.brown1@example.com
	// A0000002,software,IN,23,1-10M,starter,monthly,14,1,233.44,237.92,5,1,0.099,0,3.1,8,0.137,2,50,none,0,0,Jonas Smith,jonas.smith2@example.com
	// A0000003,retail,US,3565,250M+,enterprise,annual,218,77,20071.05,19535.27,60,3.6,0.138,10,3.3,5,0.15,27,3,none,0,0,Fatima Kowalski,fatima.kowalski3@example.com
}

func ExampleGenerate() {
	tab, truth, err := synth.Generate(synth.Config{N: 5000, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	churned, _ := tab.Numeric("churned")
	csat, _ := tab.Numeric("csat")
	n := 0.0
	for _, v := range churned.Num {
		n += v
	}
	fmt.Printf("%d accounts, %d columns, churn rate %.3f, csat missing %d\n",
		tab.Len(), tab.NumColumns(), n/float64(tab.Len()), csat.NumMissing())
	fmt.Println("first account:", tab.IDs[0], truth.SegmentNames[truth.Segment[0]])
	// Output:
	// 5000 accounts, 24 columns, churn rate 0.129, csat missing 1505
	// first account: A0000001 Enterprise manufacturing low adoption
}

func ExampleChurnModel() {
	m := synth.ChurnModel()
	fmt.Printf("intercept %+.2f\n", m.Intercept)
	for _, t := range m.Terms {
		fmt.Printf("%+.2f  %s\n", t.Coef, t.Name)
	}
	// Output:
	// intercept -0.15
	// -1.60  seats_used/seats_purchased
	// -0.70  log1p(logins_per_week)
	// -1.60  feature_adoption
	// +0.45  log1p(support_tickets)
	// +0.90  days_since_last_login/30
	// +0.80  contract==monthly
	// -0.35  log1p(tenure_months)
}
