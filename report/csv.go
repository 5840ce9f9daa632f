package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvHeader names the columns written by CSV.
var csvHeader = []string{"label", "name", "accounts", "share", "arr", "arr_share",
	"nrr", "grr", "churn_rate", "upsell_rate", "mean_csat", "csat_answers", "nps", "mean_nps_answer", "nps_answers",
	"mean_churn_prob", "mean_upsell_prob", "revenue_at_risk",
	"mean_health", "red", "yellow", "green", "roi_acted", "roi_saved_arr", "roi_cost", "roi_net", "action",
	"top_industry", "top_country", "median_employees", "plan_mix", "traits"}

// CSV writes one row per segment (after a header row) with raw numbers
// (shares as fractions); figures that are not available are empty cells.
// traits joins the segment's traits with "; ".
func (r *Report) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	met := func(m Metric) string {
		if !m.Valid {
			return ""
		}
		return num(m.Value)
	}
	for _, s := range r.Segments {
		// Band counts mean nothing without health scores: empty cells.
		count := func(n int) string {
			if !s.Health.Valid {
				return ""
			}
			return strconv.Itoa(n)
		}
		k := s.KPIs
		f := s.Firmographics
		var traits []string
		for _, t := range s.Traits {
			traits = append(traits, t.String())
		}
		for _, l := range s.Levels {
			traits = append(traits, l.String())
		}
		var plans []string
		for _, l := range f.PlanMix {
			plans = append(plans, l.Level+":"+num(l.Share))
		}
		rec := []string{strconv.Itoa(s.Label), s.Name, strconv.Itoa(s.Size), num(s.Share), met(s.ARR), met(s.ARRShare),
			met(k.NRR), met(k.GRR), met(k.ChurnRate), met(k.UpsellRate),
			met(k.MeanCSAT), strconv.Itoa(k.MeanCSAT.N), met(k.NPS), met(k.MeanNPSAnswer), strconv.Itoa(k.NPS.N),
			met(k.MeanChurnProb), met(k.MeanUpsellProb), met(k.RevenueAtRisk),
			met(s.Health), count(s.Red), count(s.Yellow), count(s.Green),
			count(s.ROI.Acted), met(s.ROI.SavedARR), met(s.ROI.Cost), met(s.ROI.Net), s.Action,
			f.TopIndustry.Level, f.TopCountry.Level, met(f.MedianEmployees), strings.Join(plans, " "), strings.Join(traits, "; ")}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
