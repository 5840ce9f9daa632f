package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Tabular views shared by the Markdown, CSV and HTML writers.

var segmentHeader = []string{"Label", "Segment", "Accounts", "Share", "ARR", "ARR share"}

func segmentRow(s Segment) []string {
	return []string{strconv.Itoa(s.Label), s.Name, strconv.Itoa(s.Size), pct1(s.Share), s.ARR.String(), s.ARRShare.Percent()}
}

var kpiHeader = []string{"Segment", "NRR", "GRR", "Churn rate", "Upsell rate", "CSAT (answers)", "NPS -100..100 (answers)", "Mean NPS answer 0-10", "Mean P(churn)", "Mean P(upsell)", "Revenue at risk"}

func kpiRow(name string, k KPIs) []string {
	return []string{name, k.NRR.Percent(), k.GRR.Percent(), k.ChurnRate.Percent(), k.UpsellRate.Percent(),
		withN(k.MeanCSAT), npsCell(k.NPS), k.MeanNPSAnswer.String(), k.MeanChurnProb.Percent(), k.MeanUpsellProb.Percent(), k.RevenueAtRisk.String()}
}

// npsCell gives "+23 (412)": a signed whole score and the answers.
func npsCell(m Metric) string {
	if !m.Valid {
		return "n/a"
	}
	return fmt.Sprintf("%+.0f (%d)", m.Value, m.N)
}

var healthHeader = []string{"Segment", "Mean health", "Red", "Yellow", "Green", "Revenue at risk", "Acted on", "Expected saved ARR", "Cost", "Net return", "Action"}

func healthRow(s Segment) []string {
	return []string{s.Name, s.Health.String(), strconv.Itoa(s.Red), strconv.Itoa(s.Yellow), strconv.Itoa(s.Green),
		s.KPIs.RevenueAtRisk.String(), strconv.Itoa(s.ROI.Acted), s.ROI.SavedARR.String(), s.ROI.Cost.String(), s.ROI.Net.String(), s.Action}
}

var bandHeader = []string{"Band", "Accounts", "ARR", "Revenue at risk", "Mean health", "Rule", "Action"}

func bandRow(b Band) []string {
	return []string{b.Name, strconv.Itoa(b.Accounts), b.ARR.String(), b.RevenueAtRisk.String(), b.MeanHealth.String(), b.Rule, b.Action}
}

var outlierHeader = []string{"Account", "Column", "Value", "Typical in segment", "Why"}

func outlierRow(o Outlier) []string {
	return []string{o.ID, o.Column, fmtNum(o.Value), fmtNum(o.Typical), o.Rule}
}

var riskyHeader = []string{"Account", "Segment", "P(churn)", "ARR", "Expected loss", "Health", "Band", "Reasons", "Action", "Flags"}

func riskyRow(a AccountRow) []string {
	seg := strconv.Itoa(a.Segment)
	if a.SegmentName != "" {
		seg += ": " + a.SegmentName
	}
	arr := "n/a"
	if a.ARR != 0 {
		arr = fmtNum(a.ARR)
	}
	return []string{a.ID, seg, pct1(a.ChurnProb), arr, fmtNum(a.ExpectedLoss), strconv.FormatFloat(a.Health, 'f', 0, 64), a.Band,
		strings.Join(a.Reasons, "; "), a.Action, strings.Join(a.Flags, "; ")}
}

func withN(m Metric) string {
	if !m.Valid {
		return "n/a"
	}
	return m.String() + " (" + strconv.Itoa(m.N) + ")"
}

func pct1(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) + "%" }

// typical describes the firmographics of a segment in one line.
func typical(f Firmographics) string {
	var parts []string
	if f.TopIndustry.Level != "" {
		parts = append(parts, "industry "+f.TopIndustry.String())
	}
	if f.TopCountry.Level != "" {
		parts = append(parts, "country "+f.TopCountry.String())
	}
	if f.MedianEmployees.Valid {
		parts = append(parts, "median employees "+groupThousands(strconv.FormatFloat(math.Round(f.MedianEmployees.Value), 'f', 0, 64)))
	}
	if len(f.PlanMix) > 0 {
		parts = append(parts, "plans "+planMix(f.PlanMix))
	}
	if len(parts) == 0 {
		return "n/a"
	}
	return strings.Join(parts, ", ")
}

func planMix(mix []LevelShare) string {
	s := make([]string, len(mix))
	for i, l := range mix {
		s[i] = l.Level + " " + pct(l.Share)
	}
	return strings.Join(s, " / ")
}

// One plain sentence per table, shared by the Markdown and HTML writers.
const (
	outlierIntro = "Money values that look mis-recorded: on the log scale, more than 3.5 robust deviations from their segment's median (modified z-score), or an MRR that changes more than tenfold in one period."
	healthIntro  = "Health is 100 x (1 - churn probability); the bands say whom to act on, and the return of acting on each segment's red accounts uses the intervention cost and save rate given."
)

func riskyIntro(rankBy string) string {
	if rankBy == RankProb {
		return "The accounts most likely to churn, by churn probability."
	}
	return "The accounts whose churn would cost the most: ranked by expected loss, churn probability x ARR."
}

var outlierKPIHeader = []string{"Accounts", "Count", "ARR", "NRR", "GRR", "Revenue at risk"}

func outlierKPIRows(r *Report) [][]string {
	w := r.WithoutOutliers
	row := func(name string, n int, arr Metric, k KPIs) []string {
		return []string{name, strconv.Itoa(n), arr.String(), k.NRR.Percent(), k.GRR.Percent(), k.RevenueAtRisk.String()}
	}
	return [][]string{row("All", r.Accounts, r.ARR, r.Overall), row("Without flagged", w.Accounts, w.ARR, w.KPIs)}
}
