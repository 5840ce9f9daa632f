package figure

import (
	"errors"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lifecycleReport profiles 40 accounts in two segments with a tenure, a
// churn flag, MRR at start and end and a signup date counted back from the
// tenure.
func lifecycleReport(t *testing.T) *report.Report {
	t.Helper()
	const n = 40
	ids := make([]string, n)
	labels := make([]int, n)
	tenure, churned, start, end := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		ids[i] = string(rune('A'+i/26)) + string(rune('a'+i%26))
		labels[i] = i % 2
		tenure[i] = float64(1 + (i/2)%4) // five accounts per segment and month
		start[i] = float64(100 + 10*i)
		end[i] = start[i] * (1 + float64(i%5-2)/10)
		if i%3 == 0 {
			churned[i], end[i] = 1, 0
		}
	}
	tb := dataset.NewTable("account_id", ids)
	for name, v := range map[string][]float64{"tenure_months": tenure, "churned": churned, "mrr_start": start, "mrr_end": end} {
		require.NoError(t, tb.AddNumeric(name, v, nil))
	}
	rep, err := report.Profile(tb, labels, report.ProfileConfig{AsOf: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	require.NotNil(t, rep.Bridge)
	require.NotEmpty(t, rep.Lifetimes)
	require.NotNil(t, rep.Cohorts)
	return rep
}

func TestLifecyclePlotsPlaced(t *testing.T) {
	rep := lifecycleReport(t)
	for want, make := range map[string]func(*report.Report) (Figure, error){
		report.SectionLifetimes: LifetimePlot, report.SectionBridge: BridgePlot, report.SectionCohorts: CohortPlot,
	} {
		f, err := make(rep)
		require.NoError(t, err, want)
		assert.Equal(t, want, f.Section())
		png, err := f.PNG()
		require.NoError(t, err)
		assert.NotEmpty(t, png)
		var _ report.Placed = f
		// Without the data, an error wrapping ErrEmpty, never a blank chart.
		_, err = make(&report.Report{})
		assert.True(t, errors.Is(err, report.ErrEmpty), "%s: %v", want, err)
	}
	f, err := SegmentSizePlot([]string{"a"}, []int{1})
	require.NoError(t, err)
	assert.Empty(t, f.Section(), "other figures go under Figures")
}

// TestBridgeExplanationAddsUp: the waterfall's sentence gives the
// report's figures.
func TestBridgeExplanationAddsUp(t *testing.T) {
	rep := lifecycleReport(t)
	f, err := BridgePlot(rep)
	require.NoError(t, err)
	b := rep.Bridge.Overall
	for _, v := range []float64{b.Start, b.Expansion, b.Contraction, b.Churn, b.End} {
		assert.Contains(t, f.Explanation(), report.Metric{Value: v, Valid: true}.String())
	}
	assert.Contains(t, f.Explanation(), "net revenue retention "+b.NRR.Percent())
}

func TestSurvivalBandSteps(t *testing.T) {
	m := func(v float64) report.Metric { return report.Metric{Value: v, N: 1, Valid: true} }
	curve := []report.CurvePoint{
		{Months: 2, Survival: 0.5, Lower: m(0.2), Upper: m(0.9)},
		{Months: 4, Survival: 0, Lower: report.Metric{}, Upper: report.Metric{}},
	}
	got := survivalBand(curve)
	// Upper: (0,1) (2,1) (2,0.9); back along the lower: (2,0.2) (2,1) (0,1).
	assert.Equal(t, []float64{0, 2, 2, 2, 2, 0}, xs(got))
	assert.Equal(t, []float64{1, 1, 0.9, 0.2, 1, 1}, ys(got))
}

func xs(p interface {
	Len() int
	XY(int) (float64, float64)
}) []float64 {
	out := make([]float64, p.Len())
	for i := range out {
		out[i], _ = p.XY(i)
	}
	return out
}

func ys(p interface {
	Len() int
	XY(int) (float64, float64)
}) []float64 {
	out := make([]float64, p.Len())
	for i := range out {
		_, out[i] = p.XY(i)
	}
	return out
}
