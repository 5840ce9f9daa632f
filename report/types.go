package report

import (
	"fmt"
	"strconv"
)

// Report is the result of Profile: per-segment personas and KPIs. It is a
// plain value; render it with Markdown, CSV, JSON or HTML.
type Report struct {
	Title string `json:"title"`
	// Accounts is the number of rows profiled.
	Accounts int `json:"accounts"`
	// ARR is the total annual recurring revenue (12 * MRR at start).
	ARR Metric `json:"arr"`
	// Overall holds the KPIs of all accounts together.
	Overall KPIs `json:"overall"`
	// Segments are ordered by label.
	Segments []Segment `json:"segments"`
	// RiskyAccounts lists accounts to act on, most at risk first (by
	// RankBy: "loss", expected loss, or "prob", churn probability).
	RiskyAccounts []AccountRow `json:"risky_accounts,omitempty"`
	RankBy        string       `json:"rank_by,omitempty"`
	// Bands are the red, yellow and green health bands with their
	// accounts and revenue at risk (when churn probabilities are given).
	Bands []Band `json:"bands,omitempty"`
	// Outliers are the money values flagged as likely recording errors
	// (see FlagOutliers); WithoutOutliers the overall KPIs and ARR of the
	// accounts without any flag, nil when nothing was flagged.
	Outliers        []Outlier        `json:"outliers,omitempty"`
	WithoutOutliers *OutlierFreeKPIs `json:"without_outliers,omitempty"`
	// Playbook lists the playbook's actions, in file order.
	Playbook []PlaybookEntry `json:"playbook,omitempty"`
	// Bridge is the MRR bridge from the start to the end of the period,
	// overall and per segment (Bridge); Lifetimes the Kaplan-Meier
	// lifetimes, first of all accounts then per segment (Lifetimes);
	// Cohorts the retention by segment and signup month (Cohorts). Each is
	// absent when its columns are, with the reason in Unavailable. In a
	// model's profile (ProfileSegments) the cohorts and the lifetime
	// curves are left out.
	Bridge    *MRRBridge        `json:"mrr_bridge,omitempty"`
	Lifetimes []SegmentLifetime `json:"lifetimes,omitempty"`
	Cohorts   *CohortTable      `json:"cohorts,omitempty"`
	// Fairness audits each protected column (or proxy) of the table and
	// each column of ProfileConfig.Protected: segment and score disparity
	// across its groups, with warnings.
	Fairness []Fairness `json:"fairness,omitempty"`
	// Unavailable says which figures could not be computed and why (for
	// example "CSAT: column \"csat\" absent").
	Unavailable []string `json:"unavailable,omitempty"`
	// Warnings are input problems the figures worked around (for example
	// NPS answers outside 0..10, left out and counted).
	Warnings []string `json:"warnings,omitempty"`
}

// OutlierFreeKPIs are the overall figures of the accounts without a
// flagged money value.
type OutlierFreeKPIs struct {
	Accounts int    `json:"accounts"`
	ARR      Metric `json:"arr"`
	KPIs     KPIs   `json:"kpis"`
}

// Segment is the persona and KPIs of the accounts sharing one label.
type Segment struct {
	Label int `json:"label"`
	// Name is the segment's persona name from the traits of largest
	// effect (see the package documentation), or ProfileConfig.SegmentNames.
	Name string `json:"name"`
	// Size is the number of accounts; Share is Size over all accounts.
	Size  int     `json:"size"`
	Share float64 `json:"share"`
	// ARR is the segment's annual recurring revenue, ARRShare its share of
	// the total.
	ARR      Metric `json:"arr"`
	ARRShare Metric `json:"arr_share"`
	KPIs     KPIs   `json:"kpis"`
	// Traits are the numeric columns that set the segment apart, largest
	// |standardised difference| first.
	Traits []Trait `json:"traits"`
	// Levels are the over-represented categorical levels, largest excess
	// share (segment share - population share) first.
	Levels        []LevelTrait  `json:"levels"`
	Firmographics Firmographics `json:"firmographics"`
	// Health is the mean health score (HealthScore) of the segment's
	// accounts; Red, Yellow and Green count them per band; ROI is what
	// acting on its red accounts is expected to return. Present when
	// churn probabilities are given.
	Health Metric `json:"health,omitzero"`
	Red    int    `json:"red,omitempty"`
	Yellow int    `json:"yellow,omitempty"`
	Green  int    `json:"green,omitempty"`
	ROI    ROI    `json:"roi,omitzero"`
	// Action is the playbook's action for the segment ("" when none).
	Action string `json:"action,omitempty"`
}

// KPIs are the business figures of a group of accounts. Each is computed
// over the accounts whose inputs are not missing (Metric.N of them).
type KPIs struct {
	// NRR, net revenue retention: sum(mrr_end) / sum(mrr_start).
	NRR Metric `json:"nrr"`
	// GRR, gross revenue retention: sum(min(mrr_end, mrr_start)) /
	// sum(mrr_start).
	GRR Metric `json:"grr"`
	// ChurnRate and UpsellRate are the shares of accounts flagged churned or
	// upsold.
	ChurnRate  Metric `json:"churn_rate"`
	UpsellRate Metric `json:"upsell_rate"`
	// MeanCSAT averages the answered surveys (N answers).
	MeanCSAT Metric `json:"mean_csat"`
	// NPS is the net promoter score, -100..100: the percentage of
	// promoters (answers 9-10) minus that of detractors (0-6), over the N
	// valid 0..10 answers (Reichheld 2003). MeanNPSAnswer is the mean of
	// the same answers, 0..10: not a net promoter score (its JSON key
	// stays "mean_nps", so model files written before keep loading and
	// re-save unchanged).
	NPS           Metric `json:"nps,omitzero"`
	MeanNPSAnswer Metric `json:"mean_nps"`
	// MeanChurnProb and MeanUpsellProb average the predicted probabilities.
	MeanChurnProb  Metric `json:"mean_churn_prob"`
	MeanUpsellProb Metric `json:"mean_upsell_prob"`
	// RevenueAtRisk is the expected ARR lost to churn: sum(churn_prob *
	// ARR), ARR being the ARR column or 12 * mrr_start.
	RevenueAtRisk Metric `json:"revenue_at_risk"`
}

// Trait is a numeric column whose segment mean differs from the population
// mean, in the column's own units.
type Trait struct {
	Column string `json:"column"`
	// Mean is the segment mean, Overall the population mean.
	Mean    float64 `json:"mean"`
	Overall float64 `json:"overall"`
	// Z is (Mean - Overall) / population standard deviation.
	Z float64 `json:"z"`
}

// String gives "logins_per_week 14.2 vs 6.1 overall (+1.3 sd)".
func (t Trait) String() string {
	return fmt.Sprintf("%s %s vs %s overall (%s sd)", t.Column, fmtNum(t.Mean), fmtNum(t.Overall), signed(t.Z))
}

func signed(z float64) string {
	s := strconv.FormatFloat(z, 'f', 1, 64)
	if z >= 0 || s == "-0.0" {
		s = "+" + strconv.FormatFloat(abs(z), 'f', 1, 64)
	}
	return s
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// LevelTrait is a categorical level more common in the segment than in the
// population.
type LevelTrait struct {
	Column string `json:"column"`
	Level  string `json:"level"`
	// Share is the level's share of the segment's non-missing values,
	// Overall its share in the population; Lift = Share / Overall.
	Share   float64 `json:"share"`
	Overall float64 `json:"overall"`
	Lift    float64 `json:"lift"`
}

// String gives "industry = fintech: 45% vs 12% overall (lift 3.8x)".
func (l LevelTrait) String() string {
	return fmt.Sprintf("%s = %s: %s vs %s overall (lift %.1fx)", l.Column, l.Level, pct(l.Share), pct(l.Overall), l.Lift)
}

func pct(v float64) string { return strconv.FormatFloat(100*v, 'f', 0, 64) + "%" }

// Firmographics are the typical company attributes of a segment.
type Firmographics struct {
	// TopIndustry and TopCountry are the most common levels (Level is empty
	// when the column is absent or all missing).
	TopIndustry LevelShare `json:"top_industry"`
	TopCountry  LevelShare `json:"top_country"`
	// MedianEmployees is the median of the non-missing employee counts.
	MedianEmployees Metric `json:"median_employees"`
	// PlanMix gives every plan's share of the segment, largest first.
	PlanMix []LevelShare `json:"plan_mix"`
}

// LevelShare is a categorical level with its count and share of the
// non-missing values of a group.
type LevelShare struct {
	Level string  `json:"level"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// String gives "fintech (45%)", or "n/a".
func (l LevelShare) String() string {
	if l.Level == "" && l.Count == 0 {
		return "n/a"
	}
	return l.Level + " (" + pct(l.Share) + ")"
}

// AccountRow is one line of the risky-accounts table.
type AccountRow struct {
	ID          string  `json:"id"`
	Segment     int     `json:"segment"`
	SegmentName string  `json:"segment_name"`
	ChurnProb   float64 `json:"churn_prob"`
	// ARR is the account's annual recurring revenue (0 when unknown).
	ARR float64 `json:"arr"`
	// ExpectedLoss is ChurnProb * ARR (0 when the ARR is unknown), Health
	// the HealthScore, Band its health band.
	ExpectedLoss float64 `json:"expected_loss"`
	Health       float64 `json:"health"`
	Band         string  `json:"band,omitempty"`
	// Action is the playbook's action for the account's band and segment.
	Action string `json:"action,omitempty"`
	// Flags are the account's money values flagged as outliers.
	Flags []string `json:"flags,omitempty"`
	// Reasons are short explanations, most important first.
	Reasons []string `json:"reasons"`
}
