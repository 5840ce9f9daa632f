package features

import (
	"math"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// accounts builds a small B2B table: 8 accounts with a skewed numeric
// column, a categorical one with a rare level, missing values, a ratio pair
// with a zero denominator, a date, an outcome and an e-mail.
func accounts(t testing.TB) *dataset.Table {
	t.Helper()
	tb := dataset.NewTable("account_id", []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"})
	day := func(d int) time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	require.NoError(t, tb.AddNumeric("employees", []float64{5, 12, 40, 8, 250, 3000, 0, 20}, []bool{false, false, false, false, false, false, true, false}))
	require.NoError(t, tb.AddCategorical("industry", []string{"fintech", "retail", "fintech", "health", "retail", "mining", "fintech", ""}, []bool{false, false, false, false, false, false, false, true}))
	require.NoError(t, tb.AddNumeric("csat", []float64{4, 3.5, 0, 5, 4.5, 2, 3, 4}, []bool{false, false, true, false, false, false, false, false}))
	require.NoError(t, tb.AddNumeric("seats_used", []float64{3, 10, 7, 1, 50, 400, 2, 9}, nil))
	require.NoError(t, tb.AddNumeric("seats_purchased", []float64{5, 10, 10, 0, 60, 500, 2, 10}, nil))
	require.NoError(t, tb.AddDate("signup_date", []time.Time{day(0), day(30), day(100), day(5), day(365), day(200), day(10), day(50)}, nil))
	require.NoError(t, tb.AddNumeric("churned", []float64{0, 1, 0, 0, 1, 0, 0, 1}, nil))
	require.NoError(t, tb.AddCategorical("contact_email", []string{"a@x", "b@x", "c@x", "d@x", "e@x", "f@x", "g@x", "h@x"}, nil))
	return tb
}

func basicSpec() *Spec {
	return &Spec{
		ID: "account_id",
		Columns: []ColumnSpec{
			{Name: "employees", Role: RoleNumeric, Log1p: true},
			{Name: "industry", Role: RoleCategorical, MinFrequency: 2},
			{Name: "csat", Role: RoleNumeric},
			{Name: "churned", Role: "label"},
		},
		Ratios: []RatioSpec{{Name: "seat_utilisation", Numerator: "seats_used", Denominator: "seats_purchased"}},
	}
}

func requireFinite(t testing.TB, X *mat.Dense) {
	t.Helper()
	r, c := X.Dims()
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v := X.At(i, j)
			require.False(t, math.IsNaN(v) || math.IsInf(v, 0), "X[%d,%d] = %v", i, j, v)
		}
	}
}

func col(X *mat.Dense, names []string, name string) []float64 {
	for j, n := range names {
		if n == name {
			return mat.Col(nil, j, X)
		}
	}
	return nil
}
