package report

import (
	"math"
	"strconv"
	"strings"
)

// Tabular views shared by the Markdown, CSV and HTML writers.

var segmentHeader = []string{"Label", "Segment", "Accounts", "Share", "ARR", "ARR share"}

func segmentRow(s Segment) []string {
	return []string{strconv.Itoa(s.Label), s.Name, strconv.Itoa(s.Size), pct1(s.Share), s.ARR.String(), s.ARRShare.Percent()}
}

var kpiHeader = []string{"Segment", "NRR", "GRR", "Churn rate", "Upsell rate", "CSAT (answers)", "NPS (answers)", "Mean P(churn)", "Mean P(upsell)", "Revenue at risk"}

func kpiRow(name string, k KPIs) []string {
	return []string{name, k.NRR.Percent(), k.GRR.Percent(), k.ChurnRate.Percent(), k.UpsellRate.Percent(),
		withN(k.MeanCSAT), withN(k.MeanNPS), k.MeanChurnProb.Percent(), k.MeanUpsellProb.Percent(), k.RevenueAtRisk.String()}
}

var riskyHeader = []string{"Account", "Segment", "P(churn)", "ARR", "Reasons"}

func riskyRow(a AccountRow) []string {
	seg := strconv.Itoa(a.Segment)
	if a.SegmentName != "" {
		seg += ": " + a.SegmentName
	}
	arr := "n/a"
	if a.ARR != 0 {
		arr = fmtNum(a.ARR)
	}
	return []string{a.ID, seg, pct1(a.ChurnProb), arr, strings.Join(a.Reasons, "; ")}
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
