package snapshot

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSnapshotFixture(t *testing.T) {
	d, err := loadFixture(t, fixtureSpec, nil)
	require.NoError(t, err)
	out, rep, err := d.Snapshot(fixtureCutoff)
	require.NoError(t, err)
	assert.Equal(t, []string{"a1", "a2", "a3"}, out.IDs)
	assert.Equal(t, "account_id", out.IDName)
	assert.Equal(t, 5, rep.Accounts)
	assert.Equal(t, 1, rep.NotYet)
	assert.Equal(t, 1, rep.Excluded)
	assert.Equal(t, 3, rep.Rows)
	assert.False(t, rep.Censored)
	assert.Equal(t, 1, rep.Overlapping)

	// Load counts: usage of unknown subscription s9 and the ticket of zz
	// are orphans; the repeated ticket of a2 is a duplicate (dropped).
	byTable := map[string]TableReport{}
	for _, r := range rep.Tables {
		byTable[r.Table] = r
	}
	// s4's login (a2, 05-25) comes after s2's rows of a2 dated 05-30: out
	// of time order, so compared with no earlier row for duplicates.
	assert.Equal(t, TableReport{Table: "usage", Rows: 7, Kept: 6, Orphans: 1, Unordered: 1}, byTable["usage"])
	// a1's ticket of 2024-10-05 is after the data end.
	assert.Equal(t, TableReport{Table: "tickets", Rows: 5, Kept: 2, Orphans: 1, Duplicates: 1, AfterEnd: 1}, byTable["tickets"])

	// Subscriptions at the cutoff.
	assert.Equal(t, []float64{1, 2, 1}, column(t, out, "subscriptions_active"))
	assert.Equal(t, []float64{120, 80, 80}, column(t, out, "subscriptions_mrr"))
	assert.Equal(t, []float64{12, 8, 8}, column(t, out, "subscriptions_seats"))
	// 30 days before (2024-05-02): a1 100, a2 50, a3 80.
	assert.Equal(t, []float64{20, 30, 0}, column(t, out, "subscriptions_mrr_change_30d"))
	plan, err := out.Categorical("subscriptions_plan")
	require.NoError(t, err)
	assert.Equal(t, []string{"pro", "addon", "basic"}, plan.Str)

	// Usage through the bridge, in Berlin time (UTC+2 in summer): a2's
	// export at 2024-05-31 23:30 local is 21:30 UTC, before the cutoff; its
	// login of 2024-06-05 is after it.
	assert.Equal(t, []float64{3, 2, 0}, column(t, out, "usage_frequency"))
	assert.Equal(t, []float64{18, 3, 0}, column(t, out, "usage_duration_sum"))
	assert.Equal(t, []float64{10, 2, 0}, column(t, out, "usage_duration_max"))
	assert.Equal(t, []float64{0, 0, 1}, column(t, out, "usage_no_events"))
	assert.Equal(t, []string{"login", "export"}, rep.PivotLevels["usage.event_type"])
	assert.Equal(t, []float64{2, 1, 0}, column(t, out, "usage_event_type_login"))
	assert.Equal(t, []float64{1, 0, 0}, column(t, out, "usage_event_type_other"))
	rec, err := out.Numeric("usage_recency_days")
	require.NoError(t, err)
	assert.Equal(t, []bool{false, false, true}, rec.Missing)
	assert.InDelta(t, 1.0/24*2.5, rec.Num[1], 1e-12) // 21:30 UTC: 2.5 hours before the cutoff

	// Tickets: a2 has one (the duplicate dropped), a3 one outside 30 days.
	assert.Equal(t, []float64{0, 1, 1}, column(t, out, "tickets_frequency"))
	assert.Equal(t, []float64{0, 1, 0}, column(t, out, "tickets_frequency_30d"))

	ind, err := out.Categorical("industry")
	require.NoError(t, err)
	assert.Equal(t, []string{"retail", "health", "retail"}, ind.Str)

	// Labels at 2024-07-31: a1 has s7 (150 > 120·1.2 = 144: upsell); a2
	// keeps s3 but has a churn event; a3's only subscription ended.
	assert.Equal(t, []float64{0, 1, 1}, column(t, out, ChurnLabel))
	assert.Equal(t, []float64{1, 0, 0}, column(t, out, UpsellLabel))
	assert.Equal(t, 2, rep.Churned)
	assert.Equal(t, 1, rep.Upsold)

	// A cutoff whose horizon passes the data end: labels censored.
	late, lrep, err := d.Snapshot(time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.True(t, lrep.Censored)
	ch, _ := late.Numeric(ChurnLabel)
	assert.Equal(t, []bool{true, true}, ch.Missing)
	_, _, err = d.Snapshot(time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC))
	require.ErrorIs(t, err, ErrCutoff)
}

// TestLabelEvents: upsell by an upgrade event (a where filter on text),
// churn by inactivity (a where filter on numbers).
func TestLabelEvents(t *testing.T) {
	spec := replaceSpec(`labels:
  horizon_days: 60
  churn:
    subscriptions: subscriptions
    event: {table: churn_events}
  upsell: {subscriptions: subscriptions, fraction: 0.2}
`, `  - name: plan_changes
    path: plan_changes.csv
    account: account_id
    time: at
labels:
  horizon_days: 60
  churn:
    inactivity: {table: plan_changes, where: {column: delta, above: 0}}
  upsell:
    event: {table: plan_changes, where: {column: kind, equals: upgrade}}
`)
	d, err := loadFixture(t, spec, nil)
	require.NoError(t, err)
	out, rep, err := d.Snapshot(fixtureCutoff)
	require.NoError(t, err)
	// Active = a plan change before the cutoff: a1 only (a5 not yet).
	assert.Equal(t, []string{"a1"}, out.IDs)
	assert.Equal(t, 3, rep.Excluded)
	assert.Equal(t, []float64{1}, column(t, out, ChurnLabel))
	assert.Equal(t, []float64{0}, column(t, out, UpsellLabel))
	// At 2024-07-01 a1, a2 and a3 have changed plans, and none buys more
	// in the 60 days after (a2's upgrade of 2024-09-01 is past them).
	out, _, err = d.Snapshot(time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, []string{"a1", "a2", "a3"}, out.IDs)
	assert.Equal(t, []float64{1, 1, 1}, column(t, out, ChurnLabel))
	assert.Equal(t, []float64{0, 0, 0}, column(t, out, UpsellLabel))
	out, _, err = d.Snapshot(time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 0, 1}, column(t, out, ChurnLabel)) // a2 upgrades on 2024-09-01 (+5)
	assert.Equal(t, []float64{0, 1, 0}, column(t, out, UpsellLabel))
}
