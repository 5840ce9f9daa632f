package report_test

import (
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/report"
)

// accounts builds a small table: two large fintech accounts that use the
// product a lot, and three small retailers that do not.
func accounts() (*dataset.Table, []int) {
	t := dataset.NewTable("account_id", []string{"a1", "a2", "a3", "a4", "a5"})
	must := func(err error) {
		if err != nil {
			log.Fatal(err)
		}
	}
	must(t.AddNumeric("mrr_start", []float64{900, 1100, 50, 40, 60}, nil))
	must(t.AddNumeric("mrr_end", []float64{1000, 1100, 0, 40, 50}, nil))
	must(t.AddNumeric("churned", []float64{0, 0, 1, 0, 0}, nil))
	must(t.AddNumeric("csat", []float64{5, 4, 0, 3, 0}, []bool{false, false, true, false, true}))
	must(t.AddNumeric("employees", []float64{2500, 4000, 12, 30, 8}, nil))
	must(t.AddCategorical("industry", []string{"fintech", "fintech", "retail", "retail", "retail"}, nil))
	must(t.AddNumeric("logins_per_week", []float64{20, 25, 1, 2, 3}, nil))
	return t, []int{0, 0, 1, 1, 1}
}

func ExampleProfile() {
	t, labels := accounts()
	rep, err := report.Profile(t, labels, report.ProfileConfig{
		ChurnProb: []float64{0.05, 0.1, 0.8, 0.3, 0.4},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range rep.Segments {
		k := s.KPIs
		fmt.Printf("%d %s: %d accounts, ARR %s (%s), NRR %s, churn %s, CSAT %s from %d answers, revenue at risk %s\n",
			s.Label, s.Name, s.Size, s.ARR, s.ARRShare.Percent(), k.NRR.Percent(), k.ChurnRate.Percent(),
			k.MeanCSAT, k.MeanCSAT.N, k.RevenueAtRisk)
		fmt.Println("  ", s.Traits[0])
	}
	fmt.Println("upsell rate:", rep.Overall.UpsellRate) // no "upsold" column
	// Output:
	// 0 High MRR, mostly fintech, ~25 logins/week: 2 accounts, ARR 24,000 (93.0%), NRR 105.0%, churn 0.0%, CSAT 4.50 from 2 answers, revenue at risk 1,860
	//    mrr_start 1,000 vs 430 overall (+1.2 sd)
	// 1 Low MRR, low CSAT, mostly retail: 3 accounts, ARR 1,800 (7.0%), NRR 60.0%, churn 33.3%, CSAT 3.00 from 1 answers, revenue at risk 912
	//    csat 3.00 vs 4.00 overall (-1.2 sd)
	// upsell rate: n/a
}

func ExampleReport_CSV() {
	t, labels := accounts()
	rep, err := report.Profile(t, labels, report.ProfileConfig{Title: "Accounts", SegmentNames: []string{"Whales", "Minnows"}})
	if err != nil {
		log.Fatal(err)
	}
	if err := rep.CSV(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// label,name,accounts,share,arr,arr_share,nrr,grr,churn_rate,upsell_rate,mean_csat,csat_answers,nps,mean_nps_answer,nps_answers,mean_churn_prob,mean_upsell_prob,revenue_at_risk,mean_health,red,yellow,green,roi_acted,roi_saved_arr,roi_cost,roi_net,action,top_industry,top_country,median_employees,plan_mix,traits
	// 0,Whales,2,0.4,24000,0.9302325581395349,1.05,1,0,,4.5,2,,,0,,,,,,,,,,,,,fintech,,3250,,"mrr_start 1,000 vs 430 overall (+1.2 sd); logins_per_week 22.5 vs 10.2 overall (+1.2 sd); employees 3,250 vs 1,310 overall (+1.2 sd); csat 4.50 vs 4.00 overall (+0.6 sd); industry = fintech: 100% vs 40% overall (lift 2.5x)"
	// 1,Minnows,3,0.6,1800,0.06976744186046512,0.6,0.6,0.3333333333333333,,3,1,,,0,,,,,,,,,,,,,retail,,12,,"csat 3.00 vs 4.00 overall (-1.2 sd); mrr_start 50.0 vs 430 overall (-0.8 sd); logins_per_week 2.00 vs 10.2 overall (-0.8 sd); employees 16.7 vs 1,310 overall (-0.8 sd); industry = retail: 100% vs 60% overall (lift 1.7x)"
}

func ExampleReport_Markdown() {
	t, labels := accounts()
	rep, err := report.Profile(t, labels, report.ProfileConfig{Title: "Accounts", MaxTraits: 1, TopRisky: 2,
		ChurnProb: []float64{0.05, 0.1, 0.8, 0.3, 0.4}})
	if err != nil {
		log.Fatal(err)
	}
	if err := rep.Markdown(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// # Accounts
	//
	// 5 accounts in 2 segments; total ARR 25,800.
	//
	// ## Segments
	//
	// | Label | Segment | Accounts | Share | ARR | ARR share |
	// | --- | --- | --- | --- | --- | --- |
	// | 0 | High MRR, mostly fintech, ~25 logins/week | 2 | 40.0% | 24,000 | 93.0% |
	// | 1 | Low MRR, low CSAT, mostly retail | 3 | 60.0% | 1,800 | 7.0% |
	//
	// ## KPIs
	//
	// | Segment | NRR | GRR | Churn rate | Upsell rate | CSAT (answers) | NPS -100..100 (answers) | Mean NPS answer 0-10 | Mean P(churn) | Mean P(upsell) | Revenue at risk |
	// | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
	// | All accounts | 101.9% | 97.2% | 20.0% | n/a | 4.00 (3) | n/a | n/a | 33.0% | n/a | 2,772 |
	// | High MRR, mostly fintech, ~25 logins/week | 105.0% | 100.0% | 0.0% | n/a | 4.50 (2) | n/a | n/a | 7.5% | n/a | 1,860 |
	// | Low MRR, low CSAT, mostly retail | 60.0% | 60.0% | 33.3% | n/a | 3.00 (1) | n/a | n/a | 50.0% | n/a | 912 |
	//
	// ## Health
	//
	// Health is 100 x (1 - churn probability); the bands say whom to act on, and the return of acting on each segment's red accounts uses the intervention cost and save rate given.
	//
	// | Band | Accounts | ARR | Revenue at risk | Mean health | Rule | Action |
	// | --- | --- | --- | --- | --- | --- | --- |
	// | red | 1 | 600 | 480 | 20.0 | health below 50 (P(churn) above 0.5) |  |
	// | yellow | 2 | 1,200 | 432 | 65.0 | health 50 to 80 |  |
	// | green | 2 | 24,000 | 1,860 | 92.5 | health 80 or more |  |
	//
	// | Segment | Mean health | Red | Yellow | Green | Revenue at risk | Acted on | Expected saved ARR | Cost | Net return | Action |
	// | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
	// | High MRR, mostly fintech, ~25 logins/week | 92.5 | 0 | 0 | 2 | 1,860 | 0 | n/a | n/a | n/a |  |
	// | Low MRR, low CSAT, mostly retail | 50.0 | 1 | 2 | 0 | 912 | 1 | n/a | n/a | n/a |  |
	//
	// ## Personas
	//
	// ### 0. High MRR, mostly fintech, ~25 logins/week
	//
	// - 2 accounts (40.0%), ARR 24,000 (93.0%)
	// - Typical: industry fintech (100%), median employees 3,250
	// - Sets it apart:
	//   - mrr_start 1,000 vs 430 overall (+1.2 sd)
	//   - industry = fintech: 100% vs 40% overall (lift 2.5x)
	//
	// ### 1. Low MRR, low CSAT, mostly retail
	//
	// - 3 accounts (60.0%), ARR 1,800 (7.0%)
	// - Typical: industry retail (100%), median employees 12
	// - Sets it apart:
	//   - csat 3.00 vs 4.00 overall (-1.2 sd)
	//   - industry = retail: 100% vs 60% overall (lift 1.7x)
	//
	// ## Risky accounts
	//
	// The accounts whose churn would cost the most: ranked by expected loss, churn probability x ARR.
	//
	// | Account | Segment | P(churn) | ARR | Expected loss | Health | Band | Reasons | Action | Flags |
	// | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
	// | a2 | 0: High MRR, mostly fintech, ~25 logins/week | 10.0% | 13,200 | 1,320 | 90 | green |  |  |  |
	// | a1 | 0: High MRR, mostly fintech, ~25 logins/week | 5.0% | 10,800 | 540 | 95 | green |  |  |  |
	//
	// ## MRR bridge
	//
	// How the monthly recurring revenue (MRR) of the accounts that paid at the start moved to the end: start + expansion - contraction - churn = end, per segment and for all accounts; new MRR (accounts that paid nothing at the start) is outside the bridge, as net revenue retention leaves it out.
	//
	// | Segment | Accounts | MRR at start | Expansion | Contraction | Churn | MRR at end | NRR | GRR | New MRR (accounts) |
	// | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
	// | High MRR, mostly fintech, ~25 logins/week | 2 | 2,000 | 100 | 0 | 0 | 2,100 | 105.0% | 100.0% | 0 (0) |
	// | Low MRR, low CSAT, mostly retail | 3 | 150 | 0 | 10.0 | 50.0 | 90.0 | 60.0% | 60.0% | 0 (0) |
	// | All accounts | 5 | 2,150 | 100 | 10.0 | 50.0 | 2,190 | 101.9% | 97.2% | 0 (0) |
	//
	// ## Not available
	//
	// - NPS, mean NPS answer: column "nps" absent
	// - usage level from feature adoption: column "feature_adoption" absent
	// - top country: column "country" absent
	// - plan mix: column "plan" absent
	// - upsell rate: column "upsold" absent
	// - mean upsell probability: no UpsellProb given
	// - lifetimes, customer lifetime value: column "tenure_months" absent
	// - cohorts: column "signup_date" absent and no tenure to derive signup months from
	// - ROI per segment: no intervention cost and save rate given (Cost, SaveRate; -cost, -save-rate)
}

// Roles map what each column means to the names of a CRM export.
func ExampleParseRoles() {
	roles, err := report.ParseRoles("churned=left_us,mrr_start=MRR", "nps=Recommend")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(roles[report.RoleChurned], roles[report.RoleMRRStart], roles[report.RoleNPS])
	_, err = report.ParseRoles("churn=left_us")
	fmt.Println(err != nil)
	// Output:
	// left_us MRR Recommend
	// true
}

// The health score is the chance to stay, in percent; a team that can
// call two accounts a week makes the two of largest expected loss red.
func ExampleHealthScore() {
	t, labels := accounts()
	rep, err := report.Profile(t, labels, report.ProfileConfig{
		ChurnProb: []float64{0.05, 0.1, 0.8, 0.3, 0.4},
		Capacity:  2, YellowCapacity: 1,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(report.HealthScore(0.3))
	for _, a := range rep.RiskyAccounts {
		fmt.Printf("%s loss %s health %.0f %s\n", a.ID, strconv.FormatFloat(a.ExpectedLoss, 'f', 0, 64), a.Health, a.Band)
	}
	// Output:
	// 70
	// a2 loss 1320 health 90 red
	// a1 loss 540 health 95 red
	// a3 loss 480 health 20 yellow
	// a5 loss 288 health 60 green
	// a4 loss 144 health 70 green
}

// A playbook maps segments (by label or name) and bands to actions.
func ExampleReadPlaybook() {
	t, labels := accounts()
	pb, err := report.ReadPlaybook(strings.NewReader("segment,action\nred,Call this week\n1,Onboarding webinar\n"), "playbook.csv")
	if err != nil {
		log.Fatal(err)
	}
	rep, err := report.Profile(t, labels, report.ProfileConfig{
		ChurnProb: []float64{0.05, 0.1, 0.8, 0.3, 0.4}, Playbook: pb, TopRisky: 1, RankBy: report.RankProb,
	})
	if err != nil {
		log.Fatal(err)
	}
	a := rep.RiskyAccounts[0]
	fmt.Printf("%s (%s): %s\n", a.ID, a.Band, a.Action)
	// Output:
	// a3 (red): Call this week; Onboarding webinar
}
