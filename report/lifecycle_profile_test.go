package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/report/internal/pagecheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// synthLifecycle is 3,000 synthetic accounts in segments by plan, with
// tenure_months, churned, mrr_start and mrr_end.
func synthLifecycle(t *testing.T) (*dataset.Table, []int) {
	t.Helper()
	tb, _, err := synth.Generate(synth.Config{N: 3000, Seed: 5})
	require.NoError(t, err)
	plan, err := tb.Categorical("plan")
	require.NoError(t, err)
	codes := map[string]int{}
	labels := make([]int, tb.Len())
	for i, p := range plan.Str {
		if _, ok := codes[p]; !ok {
			codes[p] = len(codes)
		}
		labels[i] = codes[p]
	}
	return tb, labels
}

func numCol(t *testing.T, tb *dataset.Table, name string) []float64 {
	t.Helper()
	c, err := tb.Numeric(name)
	require.NoError(t, err)
	return money(c)
}

var asOf = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)

// TestProfileLifecycleEqualsPureFunctions: the report's bridge, lifetimes
// and cohorts are those of Bridge, Lifetimes and Cohorts on the same
// columns.
func TestProfileLifecycleEqualsPureFunctions(t *testing.T) {
	tb, labels := synthLifecycle(t)
	rep, err := Profile(tb, labels, ProfileConfig{AsOf: asOf, DiscountRate: 0.1})
	require.NoError(t, err)
	start, end, tenure := numCol(t, tb, "mrr_start"), numCol(t, tb, "mrr_end"), numCol(t, tb, "tenure_months")
	churned := make([]bool, tb.Len())
	for i, v := range numCol(t, tb, "churned") {
		churned[i] = v == 1
	}

	b, err := Bridge(labels, start, end, churned)
	require.NoError(t, err)
	assert.Equal(t, b, rep.Bridge)

	arr := make([]float64, len(start))
	for i, s := range start {
		arr[i] = 12 * s
	}
	cfg := LifetimeConfig{}
	cfg.KaplanMeier.DiscountRate = 0.1
	lt, err := Lifetimes(labels, tenure, churned, arr, cfg)
	require.NoError(t, err)
	assert.Equal(t, lt, rep.Lifetimes)
	require.NotEmpty(t, rep.Lifetimes[0].Curve)

	signup := make([]time.Time, len(tenure))
	for i, m := range tenure {
		require.Equal(t, math.Trunc(m), m, "synth tenures are whole months")
		signup[i] = addMonths(asOf, -int(m))
	}
	ct, err := Cohorts(CohortInput{Labels: labels, Signup: signup, Churned: churned, MRRStart: start, MRREnd: end}, CohortConfig{})
	require.NoError(t, err)
	require.NotNil(t, rep.Cohorts)
	assert.Equal(t, `"tenure_months" counted back from 2025-12-31`, rep.Cohorts.SignupFrom)
	got := *rep.Cohorts
	got.SignupFrom = ""
	assert.Equal(t, *ct, got)
	for _, u := range rep.Unavailable {
		assert.NotRegexp(t, "bridge|lifetime|cohort", u)
	}

	// No NaN reaches the JSON (encoding/json refuses it), and it reads back.
	var buf bytes.Buffer
	require.NoError(t, rep.JSON(&buf))
	back, err := ReadJSON(&buf)
	require.NoError(t, err)
	assert.Equal(t, rep.Bridge, back.Bridge)
	assert.Len(t, back.Lifetimes, len(rep.Lifetimes))
	assert.Equal(t, rep.Lifetimes[1].Median, back.Lifetimes[1].Median)
}

func TestProfileLifecycleDiscount(t *testing.T) {
	tb, labels := synthLifecycle(t)
	flat, err := Profile(tb, labels, ProfileConfig{})
	require.NoError(t, err)
	disc, err := Profile(tb, labels, ProfileConfig{DiscountRate: 0.2})
	require.NoError(t, err)
	assert.Less(t, disc.Lifetimes[0].CLV.Value, flat.Lifetimes[0].CLV.Value, "discounting lowers the lifetime value")
	assert.Equal(t, flat.Lifetimes[0].MeanLifetime, disc.Lifetimes[0].MeanLifetime)
	_, err = Profile(tb, labels, ProfileConfig{DiscountRate: -0.1})
	assert.ErrorIs(t, err, ErrValue)
	_, err = Profile(tb, labels, ProfileConfig{TenureUnit: "weeks"})
	assert.ErrorIs(t, err, ErrValue)
}

// TestProfileLifecycleUnavailable: without the columns, no lifecycle
// figure, and Not available says why; without AsOf the cohorts are not
// derived.
func TestProfileLifecycleUnavailable(t *testing.T) {
	tb := dataset.NewTable("account_id", []string{"a", "b", "c"})
	require.NoError(t, tb.AddNumeric("logins_per_week", []float64{1, 2, 3}, nil))
	rep, err := Profile(tb, []int{0, 1, 1}, ProfileConfig{})
	require.NoError(t, err)
	assert.Nil(t, rep.Bridge)
	assert.Nil(t, rep.Lifetimes)
	assert.Nil(t, rep.Cohorts)
	assert.Contains(t, rep.Unavailable, "MRR bridge: needs MRR at start and end (mrr_start, mrr_end roles)")
	assert.Contains(t, rep.Unavailable, `lifetimes, customer lifetime value: column "tenure_months" absent`)
	assert.Contains(t, rep.Unavailable, `cohorts: column "signup_date" absent and no tenure to derive signup months from`)

	tb2, labels := synthLifecycle(t)
	rep, err = Profile(tb2, labels, ProfileConfig{})
	require.NoError(t, err)
	assert.Nil(t, rep.Cohorts)
	assert.Contains(t, rep.Unavailable, `cohorts: column "signup_date" absent; give the snapshot date (AsOf, -as-of) to derive signup months from the tenure`)

	// A negative MRR leaves the bridge out, with the row, and the rest stands.
	tb3, labels3 := tinyTable(t)
	c, err := tb3.Numeric("mrr_start")
	require.NoError(t, err)
	c.Num[4] = -20
	rep, err = Profile(tb3, labels3, ProfileConfig{})
	require.NoError(t, err)
	assert.Nil(t, rep.Bridge)
	assert.Contains(t, strings.Join(rep.Unavailable, "\n"), `MRR bridge: column "mrr_start", row 4`)
	assert.True(t, rep.Overall.ChurnRate.Valid)
}

// TestProfileSignupDateColumn: a signup date column (text or dates) gives
// the cohorts; a value that is not a date is an error naming its row.
func TestProfileSignupDateColumn(t *testing.T) {
	tb, labels := tinyTable(t)
	dates := []string{"2025-01-10", "2025-01-31", "2025-02-01", "", "2025-02-20T10:00:00Z", "2025-01-02"}
	require.NoError(t, tb.AddCategorical("joined", dates, []bool{false, false, false, true, false, false}))
	rep, err := Profile(tb, labels, ProfileConfig{Roles: Roles{RoleSignupDate: "joined"}})
	require.NoError(t, err)
	require.NotNil(t, rep.Cohorts)
	assert.Equal(t, 1, rep.Cohorts.UnknownSignup)
	assert.Equal(t, `column "joined"`, rep.Cohorts.SignupFrom)
	var all []string
	for _, c := range rep.Cohorts.Cohorts {
		if c.Segment == AllSegments {
			all = append(all, c.Month+":"+c.LogoRetention.Percent())
		}
	}
	// January: a0, a1, a5 (none churned); February: a2 (churned), a4 (churned).
	assert.Equal(t, []string{"2025-01:100.0%", "2025-02:0.0%"}, all)

	dates[2] = "soon"
	tb, labels = tinyTable(t)
	require.NoError(t, tb.AddCategorical("joined", dates, nil))
	_, err = Profile(tb, labels, ProfileConfig{Roles: Roles{RoleSignupDate: "joined"}})
	var ce *dataset.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "joined", ce.Column)
	assert.Equal(t, 2, ce.Row)
}

// TestProfileTenureDays: a tenure in days gives the lifetimes of the same
// tenure in months.
func TestProfileTenureDays(t *testing.T) {
	tb, labels := synthLifecycle(t)
	months := numCol(t, tb, "tenure_months")
	days := make([]float64, len(months))
	for i, m := range months {
		days[i] = m * daysPerMonth
	}
	require.NoError(t, tb.AddNumeric("tenure_days", days, nil))
	want, err := Profile(tb, labels, ProfileConfig{})
	require.NoError(t, err)
	got, err := Profile(tb, labels, ProfileConfig{Roles: Roles{RoleTenure: "tenure_days"}, TenureUnit: TenureDays})
	require.NoError(t, err)
	require.Len(t, got.Lifetimes, len(want.Lifetimes))
	for i := range want.Lifetimes {
		assert.InDelta(t, want.Lifetimes[i].MeanLifetime.Value, got.Lifetimes[i].MeanLifetime.Value, 1e-9)
		assert.Equal(t, want.Lifetimes[i].Churned, got.Lifetimes[i].Churned)
	}
}

// TestProfileSegmentsCompact: a model's profile keeps the bridge and the
// lifetime summaries, not the cohorts or the curves.
func TestProfileSegmentsCompact(t *testing.T) {
	tb, labels := synthLifecycle(t)
	rep, _, err := ProfileSegments(tb, labels, 3, tb.Names(), ProfileConfig{AsOf: asOf})
	require.NoError(t, err)
	assert.NotNil(t, rep.Bridge)
	assert.Nil(t, rep.Cohorts)
	require.NotEmpty(t, rep.Lifetimes)
	for _, l := range rep.Lifetimes {
		assert.Nil(t, l.Curve)
	}
	full, err := Profile(tb, labels, ProfileConfig{AsOf: asOf})
	require.NoError(t, err)
	for i := range full.Lifetimes {
		full.Lifetimes[i].Curve = nil
	}
	assert.Equal(t, full.Lifetimes, rep.Lifetimes)
	var small, big bytes.Buffer
	require.NoError(t, json.NewEncoder(&small).Encode(rep.Lifetimes))
	require.NoError(t, json.NewEncoder(&big).Encode(full))
	assert.Less(t, small.Len(), 8000, "the lifetimes of a model file")
}

type placedFigure struct {
	explainedFigure
	section string
}

func (f placedFigure) Section() string { return f.section }

// TestHTMLLifecycleSections: the three sections with their tables, each
// explained, and the figures placed in them; a figure placed nowhere is an
// error.
func TestHTMLLifecycleSections(t *testing.T) {
	tb, labels := synthLifecycle(t)
	rep, err := Profile(tb, labels, ProfileConfig{AsOf: asOf})
	require.NoError(t, err)
	fig := func(title, section string) Figure {
		return placedFigure{explainedFigure{pngFigure{title: title, explain: "A test figure."}}, section}
	}
	var page bytes.Buffer
	require.NoError(t, rep.HTML(&page, fig("km", SectionLifetimes), fig("wf", SectionBridge), fig("co", SectionCohorts), fig("other", "")))
	h := page.String()
	for _, c := range []struct{ section, table, figure string }{
		{SectionBridge, "bridge-table", "wf"}, {SectionLifetimes, "lifetime-table", "km"}, {SectionCohorts, "cohort-table", "co"},
	} {
		i := strings.Index(h, `<section id="`+c.section+`">`)
		require.Positive(t, i, c.section)
		sec := h[i : i+strings.Index(h[i:], "</section>")]
		assert.Contains(t, sec, `<table class="st" id="`+c.table+`"`)
		assert.Contains(t, sec, `alt="`+c.figure+`"`)
	}
	figs := h[strings.Index(h, `<section id="figures">`):]
	assert.Contains(t, figs[:strings.Index(figs, "</section>")], `alt="other"`)
	_, err = pagecheck.Check(strings.NewReader(h), pagecheck.Want{MinFigures: 4, NAFree: map[string][]string{
		"bridge-table":   {"MRR at start", "Expansion", "Churn", "NRR", "GRR"},
		"lifetime-table": {"Accounts", "Mean lifetime (months)", "Lifetime value of the active"},
		"cohort-table":   {"Accounts", "Logo retention", "Revenue retention"},
	}})
	require.NoError(t, err)

	err = rep.HTML(&page, fig("lost", "nowhere"))
	assert.ErrorContains(t, err, `figure "lost": no section "nowhere"`)
}
