package report

import (
	"math"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOutliersSynthetic compares the flags on synthetic accounts with the
// generator's planted errors: the same accounts with Clean true have the
// true mrr_start, so every value 100 times larger is a planted error.
func TestOutliersSynthetic(t *testing.T) {
	const n = 20000
	dirty, truth, err := synth.Generate(synth.Config{N: n, Seed: 3})
	require.NoError(t, err)
	clean, _, err := synth.Generate(synth.Config{N: n, Seed: 3, Clean: true})
	require.NoError(t, err)
	d, _ := dirty.Numeric("mrr_start")
	c, _ := clean.Numeric("mrr_start")
	planted := map[string]bool{}
	for i := range d.Num {
		if math.Abs(d.Num[i]-100*c.Num[i]) < 1e-6*d.Num[i] {
			planted[dirty.IDs[i]] = true
		}
	}
	require.NotEmpty(t, planted)

	rep, err := Profile(dirty, truth.Segment, ProfileConfig{})
	require.NoError(t, err)
	found, false_ := 0, 0
	for _, o := range rep.Outliers {
		switch {
		case o.Column == "mrr_start" && planted[o.ID]:
			found++
			assert.Greater(t, o.Value, 10*o.Typical, o.ID)
		default:
			false_++
		}
	}
	t.Logf("planted %d, found %d, other flags %d of %d accounts", len(planted), found, false_, n)
	assert.Equal(t, len(planted), found, "every planted error found")
	// |z| > 3.5 flags about 0.05% of a log-normal column by chance: with
	// two MRR columns, about 1 account in 1000.
	assert.LessOrEqual(t, false_, 2*n/1000, "at most 2 false flags per 1000 accounts")

	// The KPIs without the flagged accounts: the planted errors inflate
	// ARR and drag NRR down (mrr_end was drawn from the true MRR).
	w := rep.WithoutOutliers
	require.NotNil(t, w)
	assert.Less(t, w.ARR.Value, rep.ARR.Value)
	assert.Greater(t, w.KPIs.NRR.Value, rep.Overall.NRR.Value)
	assert.Contains(t, rep.Warnings[len(rep.Warnings)-1], "look like recording errors")

	// On the clean data, nothing planted: few flags.
	rc, err := Profile(clean, truth.Segment, ProfileConfig{})
	require.NoError(t, err)
	t.Logf("clean data: %d flags", len(rc.Outliers))
	assert.LessOrEqual(t, len(rc.Outliers), 2*n/1000)
}

// TestOutliersWholesale flags the annual spending of the real wholesale
// clients (UCI, Cardoso 2014) with the total as ARR: a handful, each far
// from its segment's median.
func TestOutliersWholesale(t *testing.T) {
	tb, err := dataset.ReadCSVFile("../examples/wholesale/testdata/wholesale_customers.csv", dataset.CSVOptions{IDColumn: dataset.NoID})
	require.NoError(t, err)
	total := make([]float64, tb.Len())
	for _, name := range []string{"Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen"} {
		c, err := tb.Numeric(name)
		require.NoError(t, err)
		for i, v := range c.Num {
			total[i] += v
		}
	}
	require.NoError(t, tb.AddNumeric("annual_spend", total, nil))
	ch, _ := tb.Numeric("Channel")
	labels := make([]int, tb.Len())
	for i, v := range ch.Num {
		labels[i] = int(v) - 1
	}
	rep, err := Profile(tb, labels, ProfileConfig{Roles: Roles{RoleARR: "annual_spend"}})
	require.NoError(t, err)
	t.Logf("wholesale: %d of %d flagged", len(rep.Outliers), tb.Len())
	for _, o := range rep.Outliers {
		t.Log(o)
		assert.Greater(t, math.Abs(o.Z), outlierZ)
	}
	assert.LessOrEqual(t, len(rep.Outliers), tb.Len()/20)
}

func TestOutlierRulesHandMade(t *testing.T) {
	// 12 accounts in one segment, MRR 100..111; one recorded 100x, one
	// whose MRR jumps 20x in the period, one negative.
	n := 12
	ids := make([]string, n)
	start, end := make([]float64, n), make([]float64, n)
	for i := range start {
		ids[i] = string(rune('a' + i))
		start[i] = 100 + float64(i)
		end[i] = start[i]
	}
	start[3] *= 100
	end[5] *= 20
	start[7] = -5
	end[8] = 0 // churned: never flagged
	tb := dataset.NewTable("id", ids)
	require.NoError(t, tb.AddNumeric("mrr_start", start, nil))
	require.NoError(t, tb.AddNumeric("mrr_end", end, nil))
	rep, err := Profile(tb, make([]int, n), ProfileConfig{})
	require.NoError(t, err)
	got := map[string]string{}
	for _, o := range rep.Outliers {
		got[o.ID+" "+o.Column] = o.Rule
	}
	assert.Len(t, got, 3, "%v", got)
	assert.Contains(t, got["d mrr_start"], "modified z")
	assert.Equal(t, "negative amount", got["h mrr_start"])
	assert.Contains(t, got["f mrr_end"], "modified z") // 20x is also far from its segment
	assert.Equal(t, n-3, rep.WithoutOutliers.Accounts)
}
