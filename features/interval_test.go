package features

import (
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// subsTable: A renewed (term 1 ended, term 2 active, upgraded), B has two
// overlapping products, C cancelled before the cutoff, D starts after it.
func subsTable(t *testing.T) *dataset.Table {
	t.Helper()
	d := func(days int) time.Time { return cutoff.AddDate(0, 0, days) }
	tb := dataset.NewTable("", nil)
	require.NoError(t, tb.AddCategorical("account", []string{"A", "A", "B", "B", "C", "D", "Z"}, nil))
	require.NoError(t, tb.AddDate("start", []time.Time{d(-400), d(-35), d(-100), d(-50), d(-300), d(10), d(-5)}, nil))
	require.NoError(t, tb.AddDate("end", []time.Time{d(-35), d(330), {}, d(20), d(-10), {}, {}},
		[]bool{false, false, true, false, false, true, true}))
	require.NoError(t, tb.AddNumeric("mrr", []float64{100, 150, 40, 60, 80, 10, 5}, nil))
	require.NoError(t, tb.AddNumeric("seats", []float64{10, 12, 4, 6, 8, 1, 1}, nil))
	require.NoError(t, tb.AddCategorical("plan", []string{"basic", "pro", "team", "addon", "basic", "basic", "x"}, nil))
	require.NoError(t, tb.AddDate("renewal", []time.Time{d(-35), d(330), d(265), d(20), d(-10), d(375), d(1)}, nil))
	return tb
}

func TestIntervalState(t *testing.T) {
	s := IntervalState{ID: "account", Start: "start", End: "end", MRR: "mrr", Seats: "seats", Plan: "plan", Renewal: "renewal",
		Cutoff: cutoff, ChangeDays: 60, Accounts: []string{"A", "B", "C", "D", "E"}, Prefix: "sub_"}
	out, rep, err := s.ApplyReport(subsTable(t))
	require.NoError(t, err)
	assert.Equal(t, IntervalReport{Rows: 7, Used: 5, Future: 1, Orphans: 1, Overlapping: 1}, *rep)
	num := func(name string) []float64 {
		c, err := out.Numeric(name)
		require.NoError(t, err, name)
		return c.Num
	}
	assert.Equal(t, []float64{1, 2, 0, 0, 0}, num("sub_active"))
	assert.Equal(t, []float64{150, 100, 0, 0, 0}, num("sub_mrr"))
	assert.Equal(t, []float64{12, 10, 0, 0, 0}, num("sub_seats"))
	assert.Equal(t, []float64{400, 100, 300, 0, 0}, num("sub_tenure_days"))
	assert.Equal(t, []float64{330, 20, 0, 0, 0}, num("sub_days_to_renewal"))
	// 60 days ago: A had term 1 (100), B only product 1 (40), C 80.
	assert.Equal(t, []float64{50, 60, -80, 0, 0}, num("sub_mrr_change_60d"))
	assert.Equal(t, []float64{0, 1, 0, 0, 0}, num("sub_overlapping"))
	assert.Equal(t, []float64{0, 0, 0, 1, 1}, num("sub_no_rows"))
	plan, err := out.Categorical("sub_plan")
	require.NoError(t, err)
	assert.Equal(t, []string{"pro", "addon", "", "", ""}, plan.Str)
	assert.Equal(t, []bool{false, false, true, true, true}, plan.Missing)
	ten, _ := out.Numeric("sub_tenure_days")
	assert.Equal(t, []bool{false, false, false, true, true}, ten.Missing)

	// Latest policy: B counts only its later product.
	s.Overlap = OverlapLatest
	act, mrr, err := s.ActiveAt(subsTable(t), cutoff)
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 1, 0, 0, 0}, act)
	assert.Equal(t, []float64{150, 60, 0, 0, 0}, mrr)
	// 30 days after the cutoff B's addon has ended and D has started.
	s.Overlap = ""
	act, mrr, err = s.ActiveAt(subsTable(t), cutoff.AddDate(0, 0, 30))
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 1, 0, 1, 0}, act)
	assert.Equal(t, []float64{150, 40, 0, 10, 0}, mrr)

	for _, bad := range []IntervalState{
		{ID: "account", Start: "start", Cutoff: cutoff},
		{ID: "account", Start: "start", Cutoff: cutoff, Accounts: []string{"A"}, Overlap: "max"},
		{ID: "account", Start: "plan", Cutoff: cutoff, Accounts: []string{"A"}},
		{ID: "account", Start: "start", MRR: "nope", Cutoff: cutoff, Accounts: []string{"A"}},
	} {
		_, err := bad.Apply(subsTable(t))
		require.Error(t, err)
	}
}
