package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinyTable is six accounts in two segments; the expected figures in the
// tests below are computed by hand from these columns.
//
//	row seg mrr_start mrr_end churned upsold csat nps employees industry plan logins
//	a0  0   100       120     0       1      4    9   2000      fintech  ent  10
//	a1  0   200       200     0       0      -    8   3000      fintech  ent  12
//	a2  0   300       0       1       0      5    -   1000      retail   pro  8
//	a3  1   10        5       0       0      2    3   20        retail   std  1
//	a4  1   20        0       1       0      -    -   30        retail   std  2
//	a5  1   30        40      0       1      3    -   -         retail   std  3
func tinyTable(t *testing.T) (*dataset.Table, []int) {
	t.Helper()
	tb := dataset.NewTable("account_id", []string{"a0", "a1", "a2", "a3", "a4", "a5"})
	require.NoError(t, tb.AddNumeric("mrr_start", []float64{100, 200, 300, 10, 20, 30}, nil))
	require.NoError(t, tb.AddNumeric("mrr_end", []float64{120, 200, 0, 5, 0, 40}, nil))
	require.NoError(t, tb.AddNumeric("churned", []float64{0, 0, 1, 0, 1, 0}, nil))
	require.NoError(t, tb.AddCategorical("upsold", []string{"yes", "no", "no", "no", "no", "yes"}, nil))
	require.NoError(t, tb.AddNumeric("csat", []float64{4, 0, 5, 2, 0, 3}, []bool{false, true, false, false, true, false}))
	require.NoError(t, tb.AddNumeric("nps", []float64{9, 8, 0, 3, 0, 0}, []bool{false, false, true, false, true, true}))
	require.NoError(t, tb.AddNumeric("employees", []float64{2000, 3000, 1000, 20, 30, 0}, []bool{false, false, false, false, false, true}))
	require.NoError(t, tb.AddCategorical("industry", []string{"fintech", "fintech", "retail", "retail", "retail", "retail"}, nil))
	require.NoError(t, tb.AddCategorical("plan", []string{"ent", "ent", "pro", "std", "std", "std"}, nil))
	require.NoError(t, tb.AddNumeric("logins_per_week", []float64{10, 12, 8, 1, 2, 3}, nil))
	return tb, []int{0, 0, 0, 1, 1, 1}
}

func TestProfileHandComputed(t *testing.T) {
	tb, labels := tinyTable(t)
	churnP := []float64{0.1, 0.2, 0.9, 0.3, 0.8, 0.1}
	rep, err := Profile(tb, labels, ProfileConfig{ChurnProb: churnP})
	require.NoError(t, err)
	require.Len(t, rep.Segments, 2)
	const eps = 1e-12

	// Overall: sum start 660, sum end 365, sum min 100+200+0+5+0+30 = 335.
	o := rep.Overall
	assert.InDelta(t, 365.0/660, o.NRR.Value, eps)
	assert.InDelta(t, 335.0/660, o.GRR.Value, eps)
	assert.Equal(t, 6, o.NRR.N)
	assert.InDelta(t, 2.0/6, o.ChurnRate.Value, eps)
	assert.InDelta(t, 2.0/6, o.UpsellRate.Value, eps)
	assert.InDelta(t, 14.0/4, o.MeanCSAT.Value, eps)
	assert.Equal(t, 4, o.MeanCSAT.N)
	assert.InDelta(t, 20.0/3, o.MeanNPSAnswer.Value, eps)
	assert.Equal(t, 3, o.MeanNPSAnswer.N)
	// Answers 9, 8, 3: one promoter, one detractor of three.
	assert.InDelta(t, 0, o.NPS.Value, eps)
	assert.True(t, o.NPS.Valid)
	assert.InDelta(t, 2.4/6, o.MeanChurnProb.Value, eps)
	assert.False(t, o.MeanUpsellProb.Valid)
	// Risk: 12*(0.1*100 + 0.2*200 + 0.9*300 + 0.3*10 + 0.8*20 + 0.1*30) = 12*342.
	assert.InDelta(t, 12*342.0, o.RevenueAtRisk.Value, 1e-9)
	assert.InDelta(t, 12*660.0, rep.ARR.Value, eps)

	s0, s1 := rep.Segments[0], rep.Segments[1]
	assert.Equal(t, 3, s0.Size)
	assert.InDelta(t, 0.5, s0.Share, eps)
	assert.InDelta(t, 12*600.0, s0.ARR.Value, eps)
	assert.InDelta(t, 600.0/660, s0.ARRShare.Value, eps)
	assert.InDelta(t, 320.0/600, s0.KPIs.NRR.Value, eps)
	assert.InDelta(t, 300.0/600, s0.KPIs.GRR.Value, eps)
	assert.InDelta(t, 1.0/3, s0.KPIs.ChurnRate.Value, eps)
	assert.InDelta(t, 4.5, s0.KPIs.MeanCSAT.Value, eps)
	assert.InDelta(t, 8.5, s0.KPIs.MeanNPSAnswer.Value, eps)
	assert.InDelta(t, 50, s0.KPIs.NPS.Value, eps) // 9 and 8: 50% promoters, no detractor
	assert.InDelta(t, 45.0/60, s1.KPIs.NRR.Value, eps)
	assert.InDelta(t, 35.0/60, s1.KPIs.GRR.Value, eps)
	assert.InDelta(t, 2.5, s1.KPIs.MeanCSAT.Value, eps)
	assert.Equal(t, 1, s1.KPIs.MeanNPSAnswer.N)
	assert.InDelta(t, 12*(0.3*10+0.8*20+0.1*30), s1.KPIs.RevenueAtRisk.Value, 1e-9)

	// Firmographics: median employees 2000 and 25 (one missing).
	assert.Equal(t, 2000.0, s0.Firmographics.MedianEmployees.Value)
	assert.Equal(t, 25.0, s1.Firmographics.MedianEmployees.Value)
	assert.Equal(t, 2, s1.Firmographics.MedianEmployees.N)
	assert.Equal(t, LevelShare{Level: "fintech", Count: 2, Share: 2.0 / 3}, s0.Firmographics.TopIndustry)
	assert.Equal(t, []LevelShare{{"ent", 2, 2.0 / 3}, {"pro", 1, 1.0 / 3}}, s0.Firmographics.PlanMix)

	// logins: mean 6, population sd sqrt(((16+36+4+25+16+9)/6)) = sqrt(106/6).
	sd := math.Sqrt(106.0 / 6)
	var lg *Trait
	for i := range s0.Traits {
		if s0.Traits[i].Column == "logins_per_week" {
			lg = &s0.Traits[i]
		}
	}
	require.NotNil(t, lg)
	assert.InDelta(t, 10.0, lg.Mean, eps)
	assert.InDelta(t, 6.0, lg.Overall, eps)
	assert.InDelta(t, 4/sd, lg.Z, eps)
	assert.Equal(t, "logins_per_week 10.0 vs 6.00 overall (+1.0 sd)", lg.String())
	// fintech: 2/3 of segment 0, 1/3 overall: lift 2.
	require.NotEmpty(t, s0.Levels)
	assert.Contains(t, s0.Levels, LevelTrait{Column: "industry", Level: "fintech", Share: 2.0 / 3, Overall: 1.0 / 3, Lift: 2})
	// Outcome columns are never traits.
	for _, tr := range append(s0.Traits, s1.Traits...) {
		assert.NotContains(t, []string{"mrr_end", "churned", "upsold"}, tr.Column)
	}

	// Names: the traits of largest effect. Segment 0: logins z = 4/4.20 =
	// +0.95 (median 10 a week), csat z = 1/1.12 = +0.89, mrr_start +0.8;
	// employees (+0.7) and fintech ((2/3-1/3)/sqrt(2/9) = +0.71) come
	// after. Segment 1: nps -1.4, std plan (1-1/2)/(1/2) = +1.0 and
	// employees -1.0 (median 25: SMB, a size band, heads the name).
	assert.Equal(t, "High MRR, high CSAT, ~10 logins/week", s0.Name, "in table order")
	assert.Equal(t, "SMB, low NPS, mostly std plan", s1.Name)

	// Risky accounts by expected loss: a2 (0.9*3600), a1 (0.2*2400), ...
	require.Len(t, rep.RiskyAccounts, 6)
	assert.Equal(t, "a2", rep.RiskyAccounts[0].ID)
	assert.Equal(t, "a1", rep.RiskyAccounts[1].ID)
	assert.Equal(t, 3600.0, rep.RiskyAccounts[0].ARR)
	assert.Equal(t, s0.Name, rep.RiskyAccounts[0].SegmentName)
}

func TestProfileBadInput(t *testing.T) {
	tb, labels := tinyTable(t)
	var ie *dataset.ColumnError

	_, err := Profile(tb, labels[:5], ProfileConfig{})
	require.ErrorIs(t, err, ErrLength)
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "labels", ie.Column)

	_, err = Profile(dataset.NewTable("id", nil), nil, ProfileConfig{})
	require.ErrorIs(t, err, ErrEmpty)
	_, err = Profile(nil, nil, ProfileConfig{})
	require.ErrorIs(t, err, ErrEmpty)

	bad := append([]int(nil), labels...)
	bad[4] = -1
	_, err = Profile(tb, bad, ProfileConfig{})
	require.ErrorIs(t, err, ErrNegativeLabel)
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, 4, ie.Row)

	_, err = Profile(tb, labels, ProfileConfig{ChurnProb: []float64{0.1}})
	require.ErrorIs(t, err, ErrLength)
	_, err = Profile(tb, labels, ProfileConfig{UpsellProb: []float64{0, 0, math.NaN(), 0, 0, 0}})
	require.ErrorIs(t, err, ErrValue)
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "UpsellProb", ie.Column)
	assert.Equal(t, 2, ie.Row)
	_, err = Profile(tb, labels, ProfileConfig{ChurnProb: []float64{0, 0, 0, 1.5, 0, 0}})
	require.ErrorIs(t, err, ErrValue)

	// A configured column of the wrong kind.
	_, err = Profile(tb, labels, ProfileConfig{CSAT: "industry"})
	require.ErrorIs(t, err, ErrKind)
	// A flag that is not a boolean.
	_, err = Profile(tb, labels, ProfileConfig{Upsold: "plan"})
	require.ErrorIs(t, err, ErrValue)
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, 0, ie.Row)
}

func TestProfileAllMissingKPI(t *testing.T) {
	tb, labels := tinyTable(t)
	all := []bool{true, true, true, true, true, true}
	require.NoError(t, tb.AddNumeric("empty_csat", make([]float64, 6), all))
	rep, err := Profile(tb, labels, ProfileConfig{CSAT: "empty_csat", NPS: "no_such_column"})
	require.NoError(t, err)
	for _, k := range []KPIs{rep.Overall, rep.Segments[0].KPIs, rep.Segments[1].KPIs} {
		assert.False(t, k.MeanCSAT.Valid)
		assert.Equal(t, 0, k.MeanCSAT.N)
		assert.False(t, k.NPS.Valid)
		assert.False(t, k.MeanNPSAnswer.Valid)
		assert.Equal(t, "n/a", k.MeanCSAT.String())
	}
	assert.Contains(t, strings.Join(rep.Unavailable, "\n"), `"no_such_column" absent`)

	var js, md, cs, page bytes.Buffer
	require.NoError(t, rep.JSON(&js))
	require.NoError(t, rep.Markdown(&md))
	require.NoError(t, rep.CSV(&cs))
	require.NoError(t, rep.HTML(&page))
	for _, out := range []string{js.String(), md.String(), cs.String(), page.String()} {
		assert.NotContains(t, out, "NaN")
		assert.NotContains(t, out, "Inf")
	}
	var back map[string]any
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	overall := back["overall"].(map[string]any)
	assert.Nil(t, overall["mean_csat"].(map[string]any)["value"])
	assert.Contains(t, md.String(), "| n/a |")
}

func TestProfileWithoutBusinessColumns(t *testing.T) {
	tb := dataset.NewTable("", nil)
	require.NoError(t, tb.AddNumeric("x", []float64{1, 2, 10, 11}, nil))
	rep, err := Profile(tb, []int{3, 3, 7, 7}, ProfileConfig{})
	require.NoError(t, err)
	require.Len(t, rep.Segments, 2)
	assert.Equal(t, 3, rep.Segments[0].Label)
	assert.Equal(t, "Low x", rep.Segments[0].Name)
	assert.Equal(t, "High x", rep.Segments[1].Name)
	assert.False(t, rep.ARR.Valid)
	assert.False(t, rep.Overall.NRR.Valid)
	assert.Empty(t, rep.RiskyAccounts)
	for _, k := range []Metric{rep.Overall.ChurnRate, rep.Overall.RevenueAtRisk, rep.Segments[0].ARRShare} {
		assert.False(t, k.Valid)
	}
}

func TestSegmentNamesOverrideAndDuplicates(t *testing.T) {
	tb := dataset.NewTable("", nil)
	require.NoError(t, tb.AddNumeric("x", []float64{1, 1, 1, 1}, nil))
	rep, err := Profile(tb, []int{0, 1, 2, 2}, ProfileConfig{SegmentNames: []string{"", "Champions"}})
	require.NoError(t, err)
	// x is constant: no trait, so the fallback name; 0 and 2 share it.
	assert.Equal(t, "Typical accounts (segment 0)", rep.Segments[0].Name)
	assert.Equal(t, "Champions", rep.Segments[1].Name)
	assert.Equal(t, "Typical accounts (segment 2)", rep.Segments[2].Name)
}

func TestRiskyAccountsGiven(t *testing.T) {
	tb, labels := tinyTable(t)
	rows := []AccountRow{{ID: "a4", Segment: 1, ChurnProb: 0.8, Reasons: []string{"few logins"}}}
	rep, err := Profile(tb, labels, ProfileConfig{RiskyAccounts: rows})
	require.NoError(t, err)
	require.Len(t, rep.RiskyAccounts, 1)
	assert.Equal(t, 240.0, rep.RiskyAccounts[0].ARR)
	assert.Equal(t, rep.Segments[1].Name, rep.RiskyAccounts[0].SegmentName)
	assert.Equal(t, []string{"few logins"}, rep.RiskyAccounts[0].Reasons)
	rows[0].Reasons[0] = "changed"
	assert.Equal(t, "few logins", rep.RiskyAccounts[0].Reasons[0], "report keeps its own copy")
	assert.True(t, errors.Is(&dataset.ColumnError{Err: ErrEmpty}, ErrEmpty))
}

func TestJSONRoundTrip(t *testing.T) {
	tb, labels := tinyTable(t)
	rep, err := Profile(tb, labels, ProfileConfig{ChurnProb: []float64{0.1, 0.2, 0.9, 0.3, 0.8, 0.1}})
	require.NoError(t, err)
	var a, b bytes.Buffer
	require.NoError(t, rep.JSON(&a))
	back, err := ReadJSON(bytes.NewReader(a.Bytes()))
	require.NoError(t, err)
	require.NoError(t, back.JSON(&b))
	assert.JSONEq(t, a.String(), b.String())
	assert.Equal(t, rep.Overall, back.Overall)
	assert.Equal(t, rep.Segments[1].Firmographics, back.Segments[1].Firmographics)
	assert.False(t, back.Overall.MeanUpsellProb.Valid)
	_, err = ReadJSON(strings.NewReader("{"))
	assert.Error(t, err)
}

func TestNameRules(t *testing.T) {
	tb := dataset.NewTable("", nil)
	require.NoError(t, tb.AddCategorical("industry", []string{"a", "b", "c", "d", "e", "b", "c", "d", "e", "f"}, nil))
	require.NoError(t, tb.AddNumeric("employees", []float64{10, 20, 30, 40, 50, 100, 200, 300, 400, 500}, nil))
	rep, err := Profile(tb, []int{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, ProfileConfig{})
	require.NoError(t, err)
	// "a" is over-represented in segment 0 (lift 2) but only 20% of it:
	// too few to name the segment. Medians 30 and 300 employees.
	assert.Equal(t, "SMB", rep.Segments[0].Name)
	assert.Equal(t, "Mid-market", rep.Segments[1].Name)

	rep, err = Profile(tb, []int{0, 0, 0, 0, 0, 1, 1, 1, 1, 2}, ProfileConfig{})
	require.NoError(t, err)
	// Segment 2 is a single 500-employee "f" account: f is 100% of it
	// (lift 10), so it is named.
	assert.Equal(t, "Mid-market, mostly f", rep.Segments[2].Name)

	tb2 := dataset.NewTable("", nil)
	require.NoError(t, tb2.AddNumeric("employees", []float64{5000, 5000, 5000, 5000}, nil))
	rep, err = Profile(tb2, []int{0, 0, 1, 1}, ProfileConfig{})
	require.NoError(t, err)
	// A constant sets no segment apart: the fallback name, made unique by
	// the label.
	assert.Equal(t, "Typical accounts (segment 0)", rep.Segments[0].Name)
	assert.Equal(t, "Typical accounts (segment 1)", rep.Segments[1].Name)
}
