package features

import (
	"fmt"
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

// What the values of each feature column mean, read back from the spec:
// a numeric code is a level, 0/1 is a flag, a log1p amount is skewed.
func ExampleSpec_ValueKinds() {
	t := dataset.NewTable("account_id", []string{"a", "b", "c", "d"})
	_ = t.AddNumeric("Channel", []float64{1, 2, 2, 1}, nil)
	_ = t.AddNumeric("at_risk", []float64{0, 1, 0, 0}, nil)
	_ = t.AddNumeric("mrr", []float64{10, 2000, 45, 90}, nil)
	_ = t.AddCategorical("plan", []string{"pro", "std", "std", "ent"}, nil)
	spec := &Spec{Columns: []ColumnSpec{
		{Name: "Channel", Role: RoleNumeric}, {Name: "at_risk", Role: RoleNumeric},
		{Name: "mrr", Role: RoleNumeric, Log1p: true}, {Name: "plan", Role: RoleCategorical},
	}}
	k := spec.ValueKinds(t)
	fmt.Println(k["Channel"], k["at_risk"], k["mrr"], k["plan"])
	// Output:
	// code flag skewed level
}

// The features of some input columns, as a segmentation on those columns
// takes them.
func ExamplePipeline_SourceFeatures() {
	t := dataset.NewTable("account_id", []string{"a", "b", "c", "d"})
	_ = t.AddNumeric("mrr", []float64{10, 2000, 45, 90}, nil)
	_ = t.AddCategorical("plan", []string{"pro", "std", "std", "ent"}, nil)
	_ = t.AddNumeric("logins", []float64{1, 0, 7, 3}, nil)
	spec := &Spec{Columns: []ColumnSpec{
		{Name: "mrr", Role: RoleNumeric}, {Name: "plan", Role: RoleCategorical}, {Name: "logins", Role: RoleNumeric},
	}}
	p, err := spec.Fit(t)
	if err != nil {
		fmt.Println(err)
		return
	}
	idx, err := p.SourceFeatures([]string{"logins", "plan"})
	if err != nil {
		fmt.Println(err)
		return
	}
	var names []string
	for _, j := range idx {
		names = append(names, p.Names()[j])
	}
	fmt.Println(names)
	_, err = p.SourceFeatures([]string{"login"})
	fmt.Println(err)
	// Output:
	// [plan=ent plan=pro plan=std plan=other logins]
	// column "login": column not found: not a column of the feature spec (did you mean logins?)
}
