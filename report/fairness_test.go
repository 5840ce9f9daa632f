package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fairnessTable is 400 accounts in four segments of 100: "Frau" (Anrede,
// a proxy for gender) is 25% of all accounts but 80% of segment 0 and 20%
// of segment 1; the churn probability is higher for "Frau", so the top
// band selects only them. region is neutral and marked protected by the
// user.
func fairnessTable(t *testing.T) (*dataset.Table, []int, []float64) {
	n := 400
	ids := make([]string, n)
	anrede := make([]string, n)
	region := make([]string, n)
	mrr := make([]float64, n)
	labels := make([]int, n)
	prob := make([]float64, n)
	for i := range n {
		ids[i] = fmt.Sprintf("a%d", i)
		labels[i] = i % 4
		anrede[i] = "Herr"
		if (labels[i] == 0 && i%20 != 0) || (labels[i] == 1 && i%20 == 1) {
			anrede[i] = "Frau"
		}
		region[i] = []string{"nord", "sued"}[(i/4)%2]
		mrr[i] = float64(100 + i%37)
		prob[i] = 0.05 + 0.001*float64(i%50)
		if anrede[i] == "Frau" {
			prob[i] += 0.3
		}
	}
	tb := dataset.NewTable("account_id", ids)
	require.NoError(t, tb.AddNumeric("mrr_start", mrr, nil))
	require.NoError(t, tb.AddCategorical("Anrede", anrede, nil))
	require.NoError(t, tb.AddCategorical("region", region, nil))
	return tb, labels, prob
}

func TestFairnessAudit(t *testing.T) {
	tb, labels, prob := fairnessTable(t)
	rep, err := report.Profile(tb, labels, report.ProfileConfig{ChurnProb: prob, Protected: []string{"region"}})
	require.NoError(t, err)
	require.Len(t, rep.Fairness, 2)
	a := rep.Fairness[0]
	assert.Equal(t, "Anrede", a.Column)
	assert.Equal(t, "gender", a.Attribute)
	assert.True(t, a.Proxy)
	require.Len(t, a.Groups, 2)
	assert.Equal(t, "Herr", a.Groups[0].Group) // 300 Herr, 100 Frau
	assert.Equal(t, 300, a.Groups[0].Size)
	assert.InDelta(t, 0.75, a.Groups[0].Share, 1e-12)
	assert.Equal(t, []float64{0.8, 0.2, 0, 0}, a.Groups[1].SegmentShare)
	assert.InDelta(t, 0.0, a.Groups[0].TopBandRate.Value, 1e-12, "the top 10% are all Frau")
	assert.InDelta(t, 0.4, a.Groups[1].TopBandRate.Value, 1e-12)
	assert.True(t, a.TopBandRatio.Valid)
	assert.Equal(t, 0.0, a.TopBandRatio.Value)
	// Table [[80 20 0 0] [20 80 100 100]], expected 25 and 75 per cell:
	// chi² = (55² + 5² + 2·25²)/25 + (55² + 5² + 2·25²)/75 = 172 + 57.33.
	chi2 := 172 + 4300.0/75
	assert.InDelta(t, chi2/400, a.CramersV.Value*a.CramersV.Value, 1e-12)
	warn := strings.Join(a.Warnings, "\n")
	assert.Contains(t, warn, `drives segment`)
	assert.Contains(t, warn, "Cramér's V")
	assert.Contains(t, warn, "four-fifths rule")

	b := rep.Fairness[1]
	assert.Equal(t, "region", b.Column)
	assert.True(t, b.Marked)
	assert.Empty(t, b.Warnings, "region is spread evenly")
	assert.InDelta(t, 0, b.CramersV.Value, 1e-12)

	for _, s := range rep.Segments {
		for _, l := range s.Levels {
			assert.NotContains(t, l.String(), "Anrede", "a protected column is never a trait")
		}
	}
	var md, html bytes.Buffer
	require.NoError(t, rep.Markdown(&md))
	require.NoError(t, rep.HTML(&html))
	for _, out := range []string{md.String(), html.String()} {
		assert.Contains(t, out, "Fairness audit")
		assert.Contains(t, out, "Anrede (a proxy for gender)")
		assert.Contains(t, out, "region (marked protected)")
		assert.Contains(t, out, "four-fifths rule")
	}
	_, err = report.Profile(tb, labels, report.ProfileConfig{Protected: []string{"nope"}})
	assert.ErrorIs(t, err, dataset.ErrColumnNotFound)
}

// A numeric protected column (an age) is audited in quantile bands.
func TestFairnessNumericBands(t *testing.T) {
	n := 200
	ids := make([]string, n)
	age := make([]float64, n)
	labels := make([]int, n)
	for i := range n {
		ids[i] = fmt.Sprintf("a%d", i)
		age[i] = float64(20 + i%40)
		labels[i] = i % 3
	}
	tb := dataset.NewTable("id", ids)
	require.NoError(t, tb.AddNumeric("Alter", age, nil))
	rep, err := report.Profile(tb, labels, report.ProfileConfig{})
	require.NoError(t, err)
	require.Len(t, rep.Fairness, 1)
	a := rep.Fairness[0]
	assert.Equal(t, "age", a.Attribute)
	require.Len(t, a.Groups, 4)
	assert.Equal(t, "Q1: 20 to under 30", a.Groups[0].Group)
	assert.Equal(t, "Q4: 50 to 59", a.Groups[3].Group)
	for _, g := range a.Groups {
		assert.Equal(t, 50, g.Size)
	}
	assert.False(t, a.TopBandRatio.Valid, "no churn probabilities")
}
