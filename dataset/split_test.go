package dataset

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStratifiedSplitIndex(t *testing.T) {
	labels := make([]string, 1000)
	for i := range labels {
		switch {
		case i%10 == 0:
			labels[i] = "churn" // 100
		case i%10 < 4:
			labels[i] = "upsell" // 300
		default:
			labels[i] = "stay" // 600
		}
	}
	train, test, err := StratifiedSplitIndex(labels, 0.25, 42)
	require.NoError(t, err)
	assert.Len(t, test, 250)
	assert.Len(t, train, 750)
	count := func(idx []int) map[string]int {
		m := map[string]int{}
		for _, i := range idx {
			m[labels[i]]++
		}
		return m
	}
	assert.Equal(t, map[string]int{"churn": 25, "upsell": 75, "stay": 150}, count(test))
	assert.Equal(t, map[string]int{"churn": 75, "upsell": 225, "stay": 450}, count(train))
	// Disjoint and complete, sorted.
	seen := make([]bool, len(labels))
	for _, idx := range [][]int{train, test} {
		for k, i := range idx {
			require.False(t, seen[i])
			seen[i] = true
			if k > 0 {
				require.Less(t, idx[k-1], i)
			}
		}
	}
	// Deterministic for a seed, different across seeds.
	train2, test2, err := StratifiedSplitIndex(labels, 0.25, 42)
	require.NoError(t, err)
	assert.Equal(t, test, test2)
	assert.Equal(t, train, train2)
	_, test3, err := StratifiedSplitIndex(labels, 0.25, 43)
	require.NoError(t, err)
	assert.NotEqual(t, test, test3)
}

func TestStratifiedSplitIndexRounding(t *testing.T) {
	// 7 + 3 rows, 30% test: ceil(3) = 3 test rows shared 2.1 / 0.9 -> 2 / 1.
	labels := []string{"a", "a", "a", "a", "a", "a", "a", "b", "b", "b"}
	train, test, err := StratifiedSplitIndex(labels, 0.3, 1)
	require.NoError(t, err)
	assert.Len(t, test, 3)
	assert.Len(t, train, 7)
	nb := 0
	for _, i := range test {
		if labels[i] == "b" {
			nb++
		}
	}
	assert.Equal(t, 1, nb)
}

func TestStratifiedSplitBadInput(t *testing.T) {
	for _, f := range []float64{0, 1, -0.1, 1.5} {
		_, _, err := StratifiedSplitIndex([]string{"a", "b", "a"}, f, 1)
		require.ErrorIs(t, err, ErrSplit, "fraction %v", f)
	}
	_, _, err := StratifiedSplitIndex([]string{"a"}, 0.5, 1)
	require.ErrorIs(t, err, ErrSplit)
	_, _, err = StratifiedSplitIndex([]string{"a", "b"}, 0.99, 1)
	require.ErrorIs(t, err, ErrSplit)
}

func TestStratifiedSplitTable(t *testing.T) {
	n := 200
	ids := make([]string, n)
	y := make([]float64, n)
	seg := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("acct%03d", i)
		if i%4 == 0 {
			y[i] = 1
		}
		seg[i] = []string{"smb", "mid", "ent"}[i%3]
	}
	tb := NewTable("account_id", ids)
	require.NoError(t, tb.AddNumeric("churned", y, nil))
	require.NoError(t, tb.AddCategorical("segment", seg, nil))
	train, test, err := StratifiedSplit(tb, "churned", 0.2, 7)
	require.NoError(t, err)
	assert.Equal(t, 160, train.Len())
	assert.Equal(t, 40, test.Len())
	yt, err := test.Numeric("churned")
	require.NoError(t, err)
	pos := 0
	for _, v := range yt.Num {
		if v == 1 {
			pos++
		}
	}
	assert.Equal(t, 10, pos)
	// Rows keep their IDs and values.
	st, err := test.Categorical("segment")
	require.NoError(t, err)
	for i, id := range test.IDs {
		var k int
		fmt.Sscanf(id, "acct%d", &k)
		assert.Equal(t, seg[k], st.Str[i])
	}

	_, _, err = StratifiedSplit(tb, "segment", 0.5, 1)
	require.NoError(t, err)
	_, _, err = StratifiedSplit(tb, "nope", 0.5, 1)
	require.ErrorIs(t, err, ErrColumnNotFound)

	require.NoError(t, tb.AddNumeric("partial", y, append([]bool{true}, make([]bool, n-1)...)))
	_, _, err = StratifiedSplit(tb, "partial", 0.5, 1)
	require.ErrorIs(t, err, ErrMissing)
	assert.Contains(t, err.Error(), "row 0")
}

func TestSplitLabels(t *testing.T) {
	y := make([]float64, 1000)
	for i := range 200 {
		y[i*5] = 1
	}
	tr, ca, te, err := SplitLabels(y, 0.2, 1)
	require.NoError(t, err)
	assert.Len(t, te, 100)
	assert.Len(t, ca, 100)
	assert.Len(t, tr, 800)
	pos := 0
	for _, i := range te {
		pos += int(y[i])
	}
	assert.Equal(t, 20, pos, "stratified")
	tr2, _, _, err := SplitLabels(y, 0.2, 1)
	require.NoError(t, err)
	assert.Equal(t, tr, tr2)
}
