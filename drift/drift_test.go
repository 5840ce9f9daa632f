package drift_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/drift"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statuses maps each column of rep to its status.
func statuses(rep *drift.Report) map[string]string {
	m := map[string]string{}
	for _, c := range rep.Columns {
		m[c.Column] = c.Status
	}
	return m
}

// The training rows against themselves: every PSI is exactly 0, and the
// counts of blocks merged equal the counts of the whole.
func TestIdenticalIsZero(t *testing.T) {
	tab, horeca, _, score := wholesale(t)
	ref, err := drift.Config{}.Fit(tab, horeca, wholesaleColumns, []drift.ScoreValues{{Name: "detergent_share", Values: score}})
	require.NoError(t, err)
	b := drift.NewBinner(ref)
	whole := tallyRows(t, b, tab, horeca, score)
	rep, err := whole.Report(drift.Thresholds{})
	require.NoError(t, err)
	for _, c := range rep.Columns {
		assert.Equal(t, 0.0, c.PSI, c.Column)
		assert.Equal(t, drift.StatusOK, c.Status)
		assert.Equal(t, int64(len(horeca)), c.Rows)
	}
	merged := b.NewTally()
	for lo := 0; lo < len(horeca); lo += 37 {
		require.NoError(t, merged.Merge(tallyRows(t, b, tab, horeca[lo:min(lo+37, len(horeca))], score)))
	}
	assert.Equal(t, whole.Counts, merged.Counts)
	other := drift.NewBinner(ref).NewTally()
	assert.ErrorIs(t, merged.Merge(other), drift.ErrConfig)
}

// The wholesale customers split by channel: retailers buy far more
// grocery, milk and detergents and paper, hotels, restaurants and cafés
// more frozen food, in every region alike (Abreu 2011, as summarised by
// UCI #292): those columns alert, the region does not.
func TestWholesaleChannels(t *testing.T) {
	_, b := goldenReference(t)
	tab, _, retail, score := wholesale(t)
	rep, err := tallyRows(t, b, tab, retail, score).Report(drift.Thresholds{})
	require.NoError(t, err)
	st := statuses(rep)
	for _, c := range []string{"Grocery", "Milk", "Detergents_Paper", "Frozen", "detergent_share"} {
		assert.Equal(t, drift.StatusAlert, st[c], c)
	}
	assert.Equal(t, drift.StatusOK, st["Region"])
	assert.Equal(t, 5, rep.Count(drift.StatusAlert))
	assert.Equal(t, drift.Score, rep.Columns[len(rep.Columns)-1].Kind)
}

// synthColumns are the synthetic accounts' behavioural and firmographic
// columns (no ID, labels or contact data).
var synthColumns = []string{"industry", "country", "employees", "revenue_band", "plan", "contract", "seats_purchased",
	"seats_used", "mrr_start", "tenure_months", "logins_per_week", "feature_adoption", "support_tickets", "csat", "nps",
	"email_open_rate", "web_visits", "days_since_last_login", "sales_stage"}

// Another synthetic month (another seed) with one column tripled: that
// column alerts, no other one warns.
func TestSyntheticShift(t *testing.T) {
	train, _, err := synth.Generate(synth.Config{N: 5000, Seed: 1})
	require.NoError(t, err)
	ref, err := drift.Config{}.Fit(train, nil, synthColumns, nil)
	require.NoError(t, err)
	month, _, err := synth.Generate(synth.Config{N: 5000, Seed: 2})
	require.NoError(t, err)
	b := drift.NewBinner(ref)
	tl := b.NewTally()
	require.NoError(t, tl.AddTable(month, nil))
	rep, err := tl.Report(drift.Thresholds{})
	require.NoError(t, err)
	assert.Equal(t, 0, rep.Count(drift.StatusWarn)+rep.Count(drift.StatusAlert), "another seed, same generator: %v", statuses(rep))

	mrr, err := month.Numeric("mrr_start")
	require.NoError(t, err)
	for i := range mrr.Num {
		mrr.Num[i] *= 3
	}
	tl = b.NewTally()
	require.NoError(t, tl.AddTable(month, nil))
	rep, err = tl.Report(drift.Thresholds{})
	require.NoError(t, err)
	for _, c := range rep.Columns {
		if c.Column == "mrr_start" {
			assert.Equal(t, drift.StatusAlert, c.Status, "PSI %v", c.PSI)
		} else {
			assert.Equal(t, drift.StatusOK, c.Status, "%s: PSI %v", c.Column, c.PSI)
		}
	}
}

// Bins: edges at inverse-CDF deciles (repeated ones merged), a missing
// bin, levels by frequency with "other" and missing, dates labelled as
// dates; a value equal to an edge falls in the bin the edge closes.
func TestBins(t *testing.T) {
	tab := dataset.NewTable("id", []string{"a", "b", "c", "d", "e", "f"})
	require.NoError(t, tab.AddNumeric("flag", []float64{0, 0, 0, 1, 1, 0}, []bool{false, false, false, false, false, true}))
	require.NoError(t, tab.AddCategorical("plan", []string{"pro", "basic", "pro", "team", "", "pro"}, []bool{false, false, false, false, true, false}))
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	var days []time.Time
	for i := range 6 {
		days = append(days, day.AddDate(0, 0, i))
	}
	require.NoError(t, tab.AddDate("signup", days, nil))
	ref, err := drift.Config{Bins: 4, MaxLevels: 2}.Fit(tab, nil, []string{"flag", "plan", "signup"}, nil)
	require.NoError(t, err)
	flag, plan, signup := ref.Columns[0], ref.Columns[1], ref.Columns[2]
	assert.Equal(t, []float64{0, 1}, flag.Edges) // quartiles 0, 0, 1 of 0 0 0 1 1
	assert.Equal(t, []float64{3.0 / 6, 2.0 / 6, 0, 1.0 / 6}, flag.Shares)
	assert.Equal(t, []string{"pro", "basic"}, plan.Levels)
	assert.Equal(t, []float64{3.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6}, plan.Shares)
	assert.Equal(t, drift.Date, signup.Type)
	require.NoError(t, ref.Check(dataset.SchemaOf(tab)))

	tl := drift.NewBinner(ref).NewTally()
	require.NoError(t, tl.AddTable(tab, nil))
	rep, err := tl.Report(drift.Thresholds{})
	require.NoError(t, err)
	var labels []string
	for _, c := range rep.Columns {
		for _, b := range c.Bins {
			labels = append(labels, b.Label)
		}
	}
	assert.Equal(t, []string{"<= 0", "(0, 1]", "> 1", "missing", "pro", "basic", "other", "missing",
		"<= 2025-03-02", "(2025-03-02, 2025-03-03]", "(2025-03-03, 2025-03-05]", "> 2025-03-05", "missing"}, labels)

	// A table of another kind, or without the column, is refused before
	// anything is counted.
	other := dataset.NewTable("id", []string{"a"})
	require.NoError(t, other.AddCategorical("flag", []string{"x"}, nil))
	tl = drift.NewBinner(ref).NewTally()
	assert.ErrorIs(t, tl.AddTable(other, nil), dataset.ErrKind)
	assert.ErrorIs(t, tl.AddTable(dataset.NewTable("id", []string{"a"}), nil), dataset.ErrColumnNotFound)
	_, err = tl.Report(drift.Thresholds{})
	assert.ErrorIs(t, err, drift.ErrEmpty)
}

func TestPSIAndThresholds(t *testing.T) {
	assert.Equal(t, 0.0, drift.PSI([]float64{0.5, 0.5, 0}, []float64{0.5, 0.5, 0}))
	// (0.6-0.4) ln(1.5) + (0.4-0.6) ln(2/3)
	assert.InDelta(t, 0.4*0.4054651081081644, drift.PSI([]float64{0.4, 0.6}, []float64{0.6, 0.4}), 1e-15)
	// An empty training bin counts as Epsilon.
	assert.InDelta(t, (0.1-1e-4)*2.302585092994046*3, drift.PSI([]float64{0, 1}, []float64{0.1, 0.9})-(0.9-1)*-0.10536051565782628, 1e-12)
	th := drift.Thresholds{}
	assert.Equal(t, drift.StatusOK, drift.Thresholds{Warn: 0.1, Alert: 0.25}.Status(0.0999))
	assert.Equal(t, drift.StatusWarn, drift.Thresholds{Warn: 0.1, Alert: 0.25}.Status(0.1))
	assert.Equal(t, drift.StatusAlert, drift.Thresholds{Warn: 0.1, Alert: 0.25}.Status(0.25))
	_, b := goldenReference(t)
	tab, horeca, _, score := wholesale(t)
	tl := tallyRows(t, b, tab, horeca, score)
	for _, bad := range []drift.Thresholds{{Warn: -1}, {Warn: 0.3, Alert: 0.2}, {Alert: math.Inf(1)}} {
		_, err := tl.Report(bad)
		assert.ErrorIs(t, err, drift.ErrConfig, "%+v", bad)
	}
	rep, err := tl.Report(th)
	require.NoError(t, err)
	assert.Equal(t, drift.DefaultWarn, rep.Warn)
	assert.Equal(t, drift.DefaultAlert, rep.Alert)
}

func TestWrite(t *testing.T) {
	_, b := goldenReference(t)
	tab, _, retail, score := wholesale(t)
	rep, err := tallyRows(t, b, tab, retail, score).Report(drift.Thresholds{})
	require.NoError(t, err)
	var csv bytes.Buffer
	require.NoError(t, rep.WriteCSV(&csv))
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	require.Len(t, lines, len(rep.Columns)+1)
	assert.Equal(t, "column,kind,psi,status,bins", lines[0])
	assert.Regexp(t, `^Region,feature,0\.04\d+,ok,5$`, lines[7])
	assert.Regexp(t, `^detergent_share,score,2\.\d+,alert,10$`, lines[8])
	var js bytes.Buffer
	require.NoError(t, rep.WriteJSON(&js))
	var back drift.Report
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	assert.Equal(t, *rep, back)
}

func TestFitErrors(t *testing.T) {
	tab, _, _, score := wholesale(t)
	_, err := drift.Config{Bins: -1}.Fit(tab, nil, wholesaleColumns, nil)
	assert.ErrorIs(t, err, drift.ErrConfig)
	_, err = drift.Config{}.Fit(tab, []int{}, wholesaleColumns, nil)
	assert.ErrorIs(t, err, drift.ErrEmpty)
	_, err = drift.Config{}.Fit(tab, nil, []string{"Fresh", "Channel"}, nil)
	var ce *dataset.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "Channel", ce.Column)
	_, err = drift.Config{}.Fit(tab, nil, nil, []drift.ScoreValues{{Name: "p", Values: score[:3]}})
	assert.ErrorIs(t, err, dataset.ErrLength)
	bad := append([]float64(nil), score...)
	bad[5] = math.NaN()
	_, err = drift.Config{}.Fit(tab, nil, nil, []drift.ScoreValues{{Name: "p", Values: bad}})
	require.ErrorIs(t, err, dataset.ErrNonFinite)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 5, ce.Row)
	ref, err := drift.Config{}.Fit(tab, nil, nil, []drift.ScoreValues{{Name: "p"}})
	require.NoError(t, err)
	assert.Empty(t, ref.Columns, "a score without values is left out")
}

// Interned categorical columns (counted through the level cache) give the
// counts of plain ones, also when the flag is stale (values copied).
func TestInternedSameCounts(t *testing.T) {
	train, _, err := synth.Generate(synth.Config{N: 3000, Seed: 1})
	require.NoError(t, err)
	ref, err := drift.Config{MaxLevels: 5}.Fit(train, nil, synthColumns, nil)
	require.NoError(t, err)
	b := drift.NewBinner(ref)
	month, _, err := synth.Generate(synth.Config{N: 3000, Seed: 2})
	require.NoError(t, err)
	plain := b.NewTally()
	require.NoError(t, plain.AddTable(month, func(i int) bool { return i%7 == 0 }))
	for _, c := range month.Columns() {
		c.Intern()
	}
	interned := b.NewTally()
	require.NoError(t, interned.AddTable(month, func(i int) bool { return i%7 == 0 }))
	assert.Equal(t, plain.Counts, interned.Counts)
	for _, c := range month.Columns() {
		for i, v := range c.Str {
			c.Str[i] = strings.Clone(v)
		}
	}
	stale := b.NewTally()
	require.NoError(t, stale.AddTable(month, func(i int) bool { return i%7 == 0 }))
	assert.Equal(t, plain.Counts, stale.Counts)
}
