package dataset

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFlag(t *testing.T) {
	for s, want := range map[string]bool{"1": true, " Yes ": true, "TRUE": true, "t": true, "y": true,
		"0": false, "no": false, "False": false, "f": false, " N": false} {
		v, ok := ParseFlag(s)
		assert.True(t, ok, s)
		assert.Equal(t, want, v, s)
	}
	for _, s := range []string{"", " ", "2", "maybe", "yes!"} {
		_, ok := ParseFlag(s)
		assert.False(t, ok, s)
	}
}

func TestBinaryLabels(t *testing.T) {
	tab := NewTable("id", []string{"a", "b", "c"})
	require.NoError(t, tab.AddNumeric("n", []float64{0, 1, 1}, nil))
	require.NoError(t, tab.AddCategorical("s", []string{"yes", "n", "T"}, nil))
	require.NoError(t, tab.AddNumeric("two", []float64{0, 2, 1}, nil))
	require.NoError(t, tab.AddCategorical("gap", []string{"yes", "", "no"}, []bool{false, true, false}))
	y, err := BinaryLabels(tab, "n")
	require.NoError(t, err)
	assert.Equal(t, []float64{0, 1, 1}, y)
	y, err = BinaryLabels(tab, "s")
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 0, 1}, y)
	var ce *ColumnError
	_, err = BinaryLabels(tab, "two")
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 1, ce.Row)
	assert.ErrorIs(t, err, ErrParse)
	_, err = BinaryLabels(tab, "gap")
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 1, ce.Row)
	assert.ErrorIs(t, err, ErrMissing)
}

// Each class is cut on its own, halves rounded up, and the parts cover every
// row once.
func TestStratifiedPartsIndex(t *testing.T) {
	labels := make([]string, 1000)
	for i := range labels {
		labels[i] = "a"
		if i%5 == 0 {
			labels[i] = "b" // 200 rows
		}
		if i%50 == 1 {
			labels[i] = "c" // 20 rows
		}
	}
	parts, err := StratifiedPartsIndex(labels, []float64{0.125, 0.125}, rand.New(rand.NewPCG(1, 2)))
	require.NoError(t, err)
	require.Len(t, parts, 3)
	seen := make([]int, len(labels))
	for p, rows := range parts {
		count := map[string]int{}
		for k, i := range rows {
			seen[i]++
			count[labels[i]]++
			if k > 0 {
				require.Less(t, rows[k-1], i, "ascending")
			}
		}
		if p < 2 {
			// 780·0.125 = 97.5 -> 98, 200·0.125 = 25, 20·0.125 = 2.5 -> 3
			assert.Equal(t, map[string]int{"a": 98, "b": 25, "c": 3}, count, "part %d", p)
		}
	}
	for i, n := range seen {
		require.Equal(t, 1, n, "row %d", i)
	}
	again, err := StratifiedPartsIndex(labels, []float64{0.125, 0.125}, rand.New(rand.NewPCG(1, 2)))
	require.NoError(t, err)
	assert.Equal(t, parts, again, "same generator, same parts")
	_, err = StratifiedPartsIndex(labels, []float64{0.6, 0.6}, rand.New(rand.NewPCG(1, 2)))
	assert.ErrorIs(t, err, ErrSplit)
}
