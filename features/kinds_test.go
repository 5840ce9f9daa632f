package features

import (
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The kinds read back InferSpec's decisions on the real wholesale data:
// Channel and Region are codes, spending is skewed.
func TestValueKindsWholesale(t *testing.T) {
	tb, err := dataset.ReadCSVFile(sharedFile(t, "wholesale_customers.csv"), dataset.CSVOptions{IDColumn: dataset.NoID})
	require.NoError(t, err)
	spec, err := InferSpec(tb)
	require.NoError(t, err)
	k := spec.ValueKinds(tb)
	assert.Equal(t, ValueCode, k["Channel"])
	assert.Equal(t, ValueCode, k["Region"])
	assert.Equal(t, ValueSkewed, k["Fresh"])
	assert.Len(t, k, 8)
}

func TestValueKinds(t *testing.T) {
	tb := accounts(t)
	require.NoError(t, tb.AddNumeric("at_risk", []float64{0, 1, 1, 0, 0, 1, 0, 0}, nil))
	require.NoError(t, tb.AddCategorical("trial", []string{"yes", "no", "no", "yes", "no", "no", "no", "yes"}, nil))
	spec := &Spec{Columns: []ColumnSpec{
		{Name: "employees", Role: RoleNumeric, Log1p: true},
		{Name: "csat", Role: RoleNumeric},
		{Name: "industry", Role: RoleCategorical},
		{Name: "at_risk", Role: RoleNumeric},
		{Name: "trial", Role: RoleCategorical},
		{Name: "signup_date", Role: RoleDate},
		{Name: "churned", Role: RoleOutcome},
		{Name: "absent", Role: RoleNumeric},
	}}
	assert.Equal(t, map[string]ValueKind{"employees": ValueSkewed, "csat": ValueQuantity, "industry": ValueLevel,
		"at_risk": ValueFlag, "trial": ValueFlag, "signup_date": ValueDate}, spec.ValueKinds(tb))
	var nilSpec *Spec
	assert.Empty(t, nilSpec.ValueKinds(tb))
}

func TestSourceFeatures(t *testing.T) {
	tb := accounts(t)
	spec := &Spec{Columns: []ColumnSpec{
		{Name: "employees", Role: RoleNumeric, Log1p: true}, // missing: an indicator too
		{Name: "industry", Role: RoleCategorical},
		{Name: "csat", Role: RoleNumeric},
		{Name: "seats_used", Role: RoleIgnore},
	}}
	p, err := spec.Fit(tb)
	require.NoError(t, err)
	idx, err := p.SourceFeatures([]string{"csat", "employees"})
	require.NoError(t, err)
	names := p.Names()
	var got []string
	for _, j := range idx {
		got = append(got, names[j])
	}
	assert.Equal(t, []string{"log1p(employees)", "employees_missing", "csat", "csat_missing"}, got)
	assert.Equal(t, []string{"employees", "csat"}, p.Sources(idx))
	assert.Equal(t, p.InputColumns(), p.Sources(nil))
	idx, err = p.SourceFeatures(nil)
	assert.NoError(t, err)
	assert.Nil(t, idx)

	_, err = p.SourceFeatures([]string{"csat", "employes"})
	assert.ErrorIs(t, err, dataset.ErrColumnNotFound)
	assert.ErrorContains(t, err, "did you mean employees?")
	var ce *dataset.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "employes", ce.Column)
	_, err = p.SourceFeatures([]string{"seats_used"})
	assert.ErrorIs(t, err, ErrNotFeature)
}
