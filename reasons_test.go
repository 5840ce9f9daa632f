package segmenta

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reasons are one per column and add up to the decision value.
func TestColumnReasonsAddUp(t *testing.T) {
	tab, m := fixture(t)
	X, err := m.Pipeline().Transform(tab)
	require.NoError(t, err)
	for _, outcome := range []string{"churn", "upsell"} {
		o := m.churn
		if outcome == "upsell" {
			o = m.upsell
		}
		for _, i := range []int{0, 17, 256, 2999} {
			base, rs, err := m.ColumnReasons(tab, i, outcome)
			require.NoError(t, err)
			seen := map[string]bool{}
			sum := base
			for _, r := range rs {
				assert.False(t, seen[r.Column], "one reason per column: %s twice", r.Column)
				seen[r.Column] = true
				sum += r.Contribution
				assert.NotEmpty(t, r.Typical, r.Column)
			}
			assert.InDelta(t, o.Decision().DecisionRow(X.RawRowView(i)), sum, 1e-9, "%s row %d", outcome, i)
			assert.Len(t, rs, len(m.Pipeline().InputColumns()))
		}
	}
	_, _, err = m.ColumnReasons(tab, 0, "growth")
	assert.ErrorIs(t, err, ErrConfig)
}
