package features

import (
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// InputValue undoes Transform on every value feature: log1p, a ratio, a
// date's days and robust scaling give back the row's input; the other
// features have no single input value.
func TestInputValueUndoesTransform(t *testing.T) {
	tb := accounts(t)
	s := basicSpec()
	s.Columns = append(s.Columns,
		ColumnSpec{Name: "signup_date", Role: RoleDate},
		ColumnSpec{Name: "seats_used", Role: RoleNumeric, Log1p: true, Scale: ScaleRobust},
		ColumnSpec{Name: "seats_purchased", Role: RoleNumeric, Buckets: []float64{5, 50}, BucketEncoding: BucketOrdinal})
	p, err := s.Fit(tb)
	require.NoError(t, err)
	X, err := p.Transform(tb)
	require.NoError(t, err)
	names := p.Names()
	used, _ := tb.Numeric("seats_used")
	bought, _ := tb.Numeric("seats_purchased")
	csat, _ := tb.Numeric("csat")
	emp, _ := tb.Numeric("employees")
	want := map[string]func(i int) (float64, bool){
		"log1p(employees)":         func(i int) (float64, bool) { return emp.Num[i], !emp.Missing[i] },
		"csat":                     func(i int) (float64, bool) { return csat.Num[i], !csat.Missing[i] },
		"seat_utilisation":         func(i int) (float64, bool) { return used.Num[i] / bought.Num[i], bought.Num[i] != 0 },
		"days_before(signup_date)": func(i int) (float64, bool) { return []float64{365, 335, 265, 360, 0, 165, 355, 315}[i], true },
		"log1p(seats_used)":        func(i int) (float64, bool) { return used.Num[i], true },
	}
	for j, name := range names {
		w, isValue := want[name]
		for i := range tb.Len() {
			v, ok := p.InputValue(j, X.At(i, j))
			if !isValue {
				assert.False(t, ok, "%s has no input value", name)
				continue
			}
			require.True(t, ok, name)
			if in, observed := w(i); observed {
				assert.InDelta(t, in, v, 1e-9*max(1, in), "%s row %d", name, i)
			}
		}
	}
	_, ok := p.InputValue(-1, 0)
	assert.False(t, ok)
	_, ok = p.InputValue(len(names), 0)
	assert.False(t, ok)
}

// On the wholesale customers, read and inferred as a user would (the
// spending columns log1p-scaled, two-valued Channel a number, Region's
// codes one-hot), every value feature gives back each client's input.
func TestInputValueWholesale(t *testing.T) {
	tb, err := dataset.ReadCSVFile(sharedFile(t, "wholesale_customers.csv"), dataset.CSVOptions{IDColumn: dataset.NoID})
	require.NoError(t, err)
	p, err := (&Spec{}).Fit(tb)
	require.NoError(t, err)
	X, err := p.Transform(tb)
	require.NoError(t, err)
	values := 0
	for j, f := range p.Features() {
		if f.Kind != KindNumeric {
			_, ok := p.InputValue(j, 0)
			assert.False(t, ok, f.Name)
			continue
		}
		values++
		col, err := tb.Numeric(f.Source)
		require.NoError(t, err)
		for i := range tb.Len() {
			v, ok := p.InputValue(j, X.At(i, j))
			require.True(t, ok, f.Name)
			assert.InDelta(t, col.Num[i], v, 1e-9*max(1, col.Num[i]), "%s row %d", f.Name, i)
		}
	}
	assert.Equal(t, 7, values, "Channel and the six spending columns")
}
