package features

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMarkOutcomes(t *testing.T) {
	s := &Spec{Columns: []ColumnSpec{{Name: "mrr", Role: RoleNumeric}, {Name: "mrr_end", Role: RoleNumeric}, {Name: "churned", Role: RoleNumeric}},
		Ratios: []RatioSpec{{Name: "growth", Numerator: "mrr_end", Denominator: "mrr"}, {Name: "self", Numerator: "mrr", Denominator: "mrr"}}}
	s.MarkOutcomes(map[string]string{"mrr_end": "after the snapshot", "churned": "a label"})
	assert.Equal(t, RoleNumeric, s.Columns[0].Role)
	assert.Equal(t, RoleOutcome, s.Columns[1].Role)
	assert.Equal(t, "a label", s.Columns[2].Note)
	assert.Equal(t, []RatioSpec{{Name: "self", Numerator: "mrr", Denominator: "mrr"}}, s.Ratios, "a ratio reading an outcome goes")
}

func TestCheckNotFeatures(t *testing.T) {
	s := &Spec{Columns: []ColumnSpec{{Name: "mrr", Role: RoleNumeric}, {Name: "churned", Role: RoleOutcome}}}
	assert.NoError(t, s.CheckNotFeatures([]string{"churned"}))
	assert.ErrorIs(t, s.CheckNotFeatures([]string{"mrr"}), ErrSpec)
	s.Ratios = []RatioSpec{{Name: "r", Numerator: "mrr", Denominator: "churned"}}
	err := s.CheckNotFeatures([]string{"churned"})
	assert.ErrorIs(t, err, ErrSpec)
	assert.Contains(t, err.Error(), `ratio "r"`)
}
