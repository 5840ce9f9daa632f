package privacy

import (
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseConsent(t *testing.T) {
	for _, s := range []string{"true", "TRUE", "t", "yes", "Yes", "y", "ja", "JA", "j", "1", "x", "on", "wahr", " yes "} {
		c, ok := ParseConsent(s)
		assert.True(t, ok && c, s)
	}
	for _, s := range []string{"false", "f", "no", "N", "nein", "0", "off", "falsch"} {
		c, ok := ParseConsent(s)
		assert.True(t, ok && !c, s)
	}
	for _, s := range []string{"", "maybe", "vielleicht", "2", "yess"} {
		_, ok := ParseConsent(s)
		assert.False(t, ok, s)
	}
}

func TestFilterConsent(t *testing.T) {
	tb := dataset.NewTable("account_id", []string{"a", "b", "c", "d", "e", "f", "g"})
	require.NoError(t, tb.AddCategorical("einwilligung", []string{"ja", "nein", "", "Yes", "vielleicht", "1", "N"},
		[]bool{false, false, true, false, false, false, false}))
	require.NoError(t, tb.AddNumeric("mrr", []float64{1, 2, 3, 4, 5, 6, 7}, nil))
	out, cnt, err := FilterConsent(tb, "einwilligung")
	require.NoError(t, err)
	assert.Equal(t, ConsentCounts{Rows: 7, Given: 3, Refused: 2, Missing: 1, Invalid: 1, FirstInvalidRow: 4}, cnt)
	assert.Equal(t, 4, cnt.Without())
	assert.Equal(t, []string{"a", "d", "f"}, out.IDs)
	mrr, err := out.Numeric("mrr")
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 4, 6}, mrr.Num)
	assert.Equal(t, 7, tb.Len(), "the input is not changed")

	// Numeric 1/0 columns; every row with consent returns the table itself.
	require.NoError(t, tb.AddNumeric("opt_in", []float64{1, 1, 1, 1, 1, 1, 1}, nil))
	same, cnt, err := FilterConsent(tb, "opt_in")
	require.NoError(t, err)
	assert.Same(t, tb, same)
	assert.Equal(t, ConsentCounts{Rows: 7, Given: 7, FirstInvalidRow: -1}, cnt)
	require.NoError(t, tb.AddNumeric("opt_in2", []float64{1, 0, 2, 1, 0, 0, 0.5}, nil))
	rows, cnt, err := ConsentRows(tb, "opt_in2")
	require.NoError(t, err)
	assert.Equal(t, []int{0, 3}, rows)
	assert.Equal(t, ConsentCounts{Rows: 7, Given: 2, Refused: 3, Invalid: 2, FirstInvalidRow: 2}, cnt)

	_, _, err = FilterConsent(tb, "absent")
	require.ErrorIs(t, err, dataset.ErrColumnNotFound)
	require.NoError(t, tb.AddDate("signed", make([]time.Time, 7), nil))
	_, _, err = FilterConsent(tb, "signed")
	require.ErrorIs(t, err, dataset.ErrKind)
	var ce *dataset.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "signed", ce.Column)
}
