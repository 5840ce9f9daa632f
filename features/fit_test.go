package features

import (
	"errors"
	"math"
	"sort"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestFitNamesAndValues(t *testing.T) {
	tb := accounts(t)
	p, err := basicSpec().Fit(tb)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"log1p(employees)", "employees_missing",
		"industry=fintech", "industry=retail", "industry=other", "industry_missing",
		"csat", "csat_missing",
		"seat_utilisation", "seat_utilisation_missing",
	}, p.Names())
	assert.Equal(t, []string{"employees", "industry", "csat", "seats_used", "seats_purchased"}, p.InputColumns())
	assert.Empty(t, p.Warnings())

	X, rep, err := p.TransformReport(tb)
	require.NoError(t, err)
	requireFinite(t, X)
	names := p.Names()

	// employees: observed 5,12,40,8,250,3000,20 -> median 20 imputes row 7.
	st, ok := p.Stat("employees")
	require.True(t, ok)
	assert.Equal(t, 20.0, st.Median)
	assert.Equal(t, 1, st.Missing)
	assert.InDelta(t, (5+12+40+8+250+3000+20)/7.0, st.Mean, 1e-12)
	raw := []float64{5, 12, 40, 8, 250, 3000, 20, 20}
	z := make([]float64, len(raw))
	for i, v := range raw {
		z[i] = math.Log1p(v)
	}
	m, s := meanStd(z)
	got := col(X, names, "log1p(employees)")
	for i := range raw {
		assert.InDelta(t, (z[i]-m)/s, got[i], 1e-12, "row %d", i)
	}
	assert.Equal(t, []float64{0, 0, 0, 0, 0, 0, 1, 0}, col(X, names, "employees_missing"))
	// Standardised output: mean 0, population sd 1.
	gm, gs := meanStd(got)
	assert.InDelta(t, 0, gm, 1e-12)
	assert.InDelta(t, 1, gs, 1e-12)

	// industry: fintech 3, retail 2 kept (MinFrequency 2 rows), health and
	// mining to other; the missing row takes the mode (fintech).
	assert.Equal(t, []float64{1, 0, 1, 0, 0, 0, 1, 1}, col(X, names, "industry=fintech"))
	assert.Equal(t, []float64{0, 1, 0, 0, 1, 0, 0, 0}, col(X, names, "industry=retail"))
	assert.Equal(t, []float64{0, 0, 0, 1, 0, 1, 0, 0}, col(X, names, "industry=other"))
	assert.Equal(t, []float64{0, 0, 0, 0, 0, 0, 0, 1}, col(X, names, "industry_missing"))

	// Ratio: 4/0 is missing -> imputed with the median of the others.
	ratios := []float64{0.6, 1, 0.7, 50.0 / 60, 0.8, 1, 0.9}
	sorted := append([]float64(nil), ratios...)
	sort.Float64s(sorted)
	rs, _ := p.Stat("seat_utilisation")
	assert.Equal(t, sorted[3], rs.Median)
	assert.Equal(t, []float64{0, 0, 0, 1, 0, 0, 0, 0}, col(X, names, "seat_utilisation_missing"))
	assert.Equal(t, map[string]int{"employees": 1, "industry": 1, "csat": 1, "seat_utilisation": 1}, rep.Imputed)
	assert.Empty(t, rep.Unseen)

	fi := p.Features()
	assert.Equal(t, FeatureInfo{Name: "industry=other", Source: "industry", Kind: KindOneHot, Level: "other"}, fi[4])
	assert.Equal(t, KindRatio, fi[8].Kind)
	assert.Equal(t, KindIndicator, fi[9].Kind)
}

func TestTransformMissingColumn(t *testing.T) {
	tb := accounts(t)
	p, err := basicSpec().Fit(tb)
	require.NoError(t, err)
	small, err := tb.Select("employees", "csat", "seats_used")
	require.NoError(t, err)
	_, err = p.Transform(small)
	require.Error(t, err)
	assert.True(t, errors.Is(err, dataset.ErrColumnNotFound))
	assert.Contains(t, err.Error(), `"industry"`)
	assert.Contains(t, err.Error(), `"seats_purchased"`)
	var ce *dataset.ColumnError
	require.True(t, errors.As(err, &ce))
}

func TestTransformWrongKind(t *testing.T) {
	p, err := basicSpec().Fit(accounts(t))
	require.NoError(t, err)
	bad := dataset.NewTable("account_id", []string{"x"})
	require.NoError(t, bad.AddCategorical("employees", []string{"many"}, nil))
	require.NoError(t, bad.AddCategorical("industry", []string{"fintech"}, nil))
	require.NoError(t, bad.AddNumeric("csat", []float64{1}, nil))
	require.NoError(t, bad.AddNumeric("seats_used", []float64{1}, nil))
	require.NoError(t, bad.AddNumeric("seats_purchased", []float64{1}, nil))
	_, err = p.Transform(bad)
	require.ErrorIs(t, err, dataset.ErrKind)
	assert.Contains(t, err.Error(), "employees")
}

func TestUnseenCategoryGoesToOther(t *testing.T) {
	tb := accounts(t)
	p, err := basicSpec().Fit(tb)
	require.NoError(t, err)
	nt := tb.Subset([]int{0, 1, 2})
	c, _ := nt.Column("industry")
	c.Str[0], c.Str[1] = "aerospace", "mining" // unseen, then rare-at-fit
	X, rep, err := p.TransformReport(nt)
	require.NoError(t, err)
	names := p.Names()
	assert.Equal(t, []float64{1, 1, 0}, col(X, names, "industry=other"))
	assert.Equal(t, []float64{0, 0, 1}, col(X, names, "industry=fintech"))
	assert.Equal(t, map[string]int{"industry": 1}, rep.Unseen, "only never-seen levels count as unseen")
}

func TestConstantColumnDropped(t *testing.T) {
	tb := accounts(t)
	require.NoError(t, tb.AddNumeric("plan_tier", []float64{2, 2, 2, 2, 2, 2, 2, 2}, nil))
	require.NoError(t, tb.AddNumeric("nps", []float64{7, 7, 0, 7, 7, 7, 7, 7}, []bool{false, false, true, false, false, false, false, false}))
	require.NoError(t, tb.AddCategorical("region", []string{"eu", "eu", "eu", "eu", "eu", "eu", "eu", "eu"}, nil))
	s := &Spec{Columns: []ColumnSpec{
		{Name: "plan_tier", Role: RoleNumeric},
		{Name: "nps", Role: RoleNumeric},
		{Name: "region", Role: RoleCategorical},
		{Name: "csat", Role: RoleNumeric},
	}}
	p, err := s.Fit(tb)
	require.NoError(t, err)
	assert.Equal(t, []string{"nps_missing", "csat", "csat_missing"}, p.Names())
	assert.Equal(t, []string{"nps", "csat"}, p.InputColumns())
	w := p.Warnings()
	require.Len(t, w, 3)
	assert.Equal(t, "plan_tier", w[0].Column)
	assert.Equal(t, "nps", w[1].Column)
	assert.Contains(t, w[1].Message, "indicator kept")
	assert.Equal(t, "region", w[2].Column)
	X, err := p.Transform(tb)
	require.NoError(t, err)
	requireFinite(t, X)
	st, _ := p.Stat("plan_tier")
	assert.Equal(t, 2.0, st.Mean)
	// Only constant columns: no feature left is an error, not an empty matrix.
	_, err = (&Spec{Columns: []ColumnSpec{{Name: "plan_tier", Role: RoleNumeric}}}).Fit(tb)
	require.ErrorIs(t, err, ErrSpec)
}

func TestAllMissingColumn(t *testing.T) {
	tb := accounts(t)
	miss := make([]bool, tb.Len())
	for i := range miss {
		miss[i] = true
	}
	require.NoError(t, tb.AddNumeric("arr", make([]float64, tb.Len()), miss))
	require.NoError(t, tb.AddCategorical("segment", make([]string, tb.Len()), miss))
	for _, c := range []ColumnSpec{{Name: "arr", Role: RoleNumeric}, {Name: "segment", Role: RoleCategorical}} {
		_, err := (&Spec{Columns: []ColumnSpec{c, {Name: "csat", Role: RoleNumeric}}}).Fit(tb)
		require.ErrorIs(t, err, ErrAllMissing)
		assert.Contains(t, err.Error(), c.Name)
	}
	inf, err := InferSpec(tb)
	require.NoError(t, err)
	for _, c := range inf.Columns {
		if c.Name == "arr" || c.Name == "segment" {
			assert.Equal(t, RoleIgnore, c.Role)
			assert.Equal(t, "no observed value", c.Note)
		}
	}
}

func TestPersonalDataRefused(t *testing.T) {
	tb := accounts(t)
	s := &Spec{Columns: []ColumnSpec{{Name: "csat", Role: RoleNumeric}, {Name: "contact_email", Role: RoleCategorical}}}
	_, err := s.Fit(tb)
	require.ErrorIs(t, err, ErrPersonalData)
	var ce *dataset.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "contact_email", ce.Column)

	s.AllowPersonal = []string{"contact_email"}
	p, err := s.Fit(tb)
	require.NoError(t, err)
	assert.Contains(t, p.Names(), "contact_email=a@x")

	// Ratio inputs are checked too: a birth year is a protected attribute
	// (age), a count of phone calls is not personal data.
	require.NoError(t, tb.AddNumeric("Geburtsjahr", []float64{1970, 1982, 1991, 1975, 1968, 2001, 1988, 1979}, nil))
	_, err = (&Spec{Ratios: []RatioSpec{{Name: "r", Numerator: "Geburtsjahr", Denominator: "seats_used"}}}).Fit(tb)
	require.ErrorIs(t, err, ErrPersonalData)
	require.ErrorIs(t, err, ErrProtected)
	require.NoError(t, tb.AddNumeric("phone_calls", []float64{1, 2, 3, 4, 5, 6, 7, 8}, nil))
	_, err = (&Spec{Ratios: []RatioSpec{{Name: "r", Numerator: "phone_calls", Denominator: "seats_used"}}}).Fit(tb)
	require.NoError(t, err)
}

func TestLooksPersonal(t *testing.T) {
	for _, n := range []string{"name", "first_name", "LastName", "contact_name", "e-mail", "Email", "contactEmail",
		"phone", "mobile_number", "dob", "date_of_birth", "birthday", "gender", "sex", "address", "street_address", "ssn", "ip"} {
		assert.True(t, LooksPersonal(n), n)
	}
	for _, n := range []string{"company_name", "plan_name", "employees", "mrr", "industry", "seats_used", "business_size", "tickets", "Description", "Country", "Channel", "sessions"} {
		assert.False(t, LooksPersonal(n), n)
	}
}

func TestNaNNeverOut(t *testing.T) {
	tb := accounts(t)
	s := &Spec{Columns: []ColumnSpec{
		{Name: "employees", Role: RoleNumeric, Log1p: true},
		{Name: "csat", Role: RoleNumeric, Log1p: true, Scale: ScaleRobust},
	}, Ratios: []RatioSpec{{Name: "u", Numerator: "seats_used", Denominator: "seats_purchased"}}}
	p, err := s.Fit(tb)
	require.NoError(t, err)
	// Values the fit never saw: negative under log1p, zero denominators,
	// huge values, everything missing.
	nt := dataset.NewTable("account_id", []string{"x", "y", "z"})
	require.NoError(t, nt.AddNumeric("employees", []float64{-5, 1e300, 0}, []bool{false, false, true}))
	require.NoError(t, nt.AddNumeric("csat", []float64{-1e300, 0, 0}, []bool{false, true, true}))
	require.NoError(t, nt.AddNumeric("seats_used", []float64{1, 1e308, 0}, []bool{false, false, true}))
	require.NoError(t, nt.AddNumeric("seats_purchased", []float64{0, 1e-308, 0}, nil))
	X, err := p.Transform(nt)
	require.NoError(t, err)
	requireFinite(t, X)

	// A NaN smuggled past Table.AddColumn is an error naming column and row.
	bad := nt.Subset([]int{0, 1, 2})
	c, _ := bad.Column("employees")
	c.Num[1] = math.NaN()
	_, err = p.Transform(bad)
	require.ErrorIs(t, err, dataset.ErrNonFinite)
	var ce *dataset.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "employees", ce.Column)
	assert.Equal(t, 1, ce.Row)

	// Scaled output overflowing is an error, not Inf.
	tiny := dataset.NewTable("id", []string{"a", "b", "c"})
	require.NoError(t, tiny.AddNumeric("v", []float64{0, 1e-150, 2e-150}, nil))
	pt, err := (&Spec{Columns: []ColumnSpec{{Name: "v", Role: RoleNumeric}}}).Fit(tiny)
	require.NoError(t, err)
	big := dataset.NewTable("id", []string{"a"})
	require.NoError(t, big.AddNumeric("v", []float64{1e300}, nil))
	_, err = pt.Transform(big)
	require.ErrorIs(t, err, dataset.ErrNonFinite)
}

func TestImputeNone(t *testing.T) {
	tb := accounts(t)
	_, err := (&Spec{Columns: []ColumnSpec{{Name: "csat", Role: RoleNumeric, Impute: ImputeNone}}}).Fit(tb)
	require.ErrorIs(t, err, ErrMissingValue)
	p, err := (&Spec{Columns: []ColumnSpec{{Name: "seats_used", Role: RoleNumeric, Impute: ImputeNone}}}).Fit(tb)
	require.NoError(t, err)
	nt := tb.Subset([]int{0, 1})
	c, _ := nt.Column("seats_used")
	c.Missing = []bool{false, true}
	_, err = p.Transform(nt)
	require.ErrorIs(t, err, ErrMissingValue)
	assert.Contains(t, err.Error(), "row 1")
}

func TestBatchesEqualWhole(t *testing.T) {
	tb := synthAccounts(t, 6007, 3)
	p, err := (&Spec{}).Fit(tb)
	require.NoError(t, err)
	whole, err := p.Transform(tb)
	require.NoError(t, err)
	n := tb.Len()
	rows := func(lo, hi int) []int {
		r := make([]int, hi-lo)
		for i := range r {
			r[i] = lo + i
		}
		return r
	}
	for _, cut := range []int{1, 4096, 5003, n - 1} {
		a, err := p.Transform(tb.Subset(rows(0, cut)))
		require.NoError(t, err)
		b, err := p.Transform(tb.Subset(rows(cut, n)))
		require.NoError(t, err)
		var st mat.Dense
		st.Stack(a, b)
		require.True(t, mat.Equal(whole, &st), "cut %d", cut)
	}
}

func TestBucketsWinsorizeRobustDate(t *testing.T) {
	tb := accounts(t)
	s := &Spec{Columns: []ColumnSpec{
		{Name: "employees", Role: RoleNumeric, Buckets: []float64{10, 100}},
		{Name: "seats_used", Role: RoleNumeric, Buckets: []float64{5, 50}, BucketEncoding: BucketOrdinal, Scale: ScaleNone},
		{Name: "seats_purchased", Role: RoleNumeric, Winsorize: []float64{0.1, 0.9}, Scale: ScaleRobust},
		{Name: "signup_date", Role: RoleDate, Scale: ScaleNone},
	}}
	p, err := s.Fit(tb)
	require.NoError(t, err)
	assert.Equal(t, []string{"employees<10", "employees[10,100)", "employees>=100", "employees_missing",
		"seats_used_bucket", "seats_purchased", "days_before(signup_date)"}, p.Names())
	X, err := p.Transform(tb)
	require.NoError(t, err)
	names := p.Names()
	// employees 5,12,40,8,250,3000,(20 imputed),20
	assert.Equal(t, []float64{1, 0, 0, 1, 0, 0, 0, 0}, col(X, names, "employees<10"))
	assert.Equal(t, []float64{0, 1, 1, 0, 0, 0, 1, 1}, col(X, names, "employees[10,100)"))
	assert.Equal(t, []float64{0, 0, 0, 0, 1, 1, 0, 0}, col(X, names, "employees>=100"))
	assert.Equal(t, []float64{0, 1, 1, 0, 2, 2, 0, 1}, col(X, names, "seats_used_bucket"))
	// Latest signup is day 365: days before it.
	assert.Equal(t, []float64{365, 335, 265, 360, 0, 165, 355, 315}, col(X, names, "days_before(signup_date)"))
	// Winsorized then robust scaled: bounds are the 10% and 90% quantiles.
	sorted := []float64{0, 2, 5, 10, 10, 10, 60, 500}
	lo, hi := quantileSorted(sorted, 0.1), quantileSorted(sorted, 0.9)
	clipped := []float64{5, 10, 10, 0, 60, 500, 2, 10}
	for i := range clipped {
		clipped[i] = math.Max(lo, math.Min(hi, clipped[i]))
	}
	cs := append([]float64(nil), clipped...)
	sort.Float64s(cs)
	med := quantileSorted(cs, 0.5)
	iqr := quantileSorted(cs, 0.75) - quantileSorted(cs, 0.25)
	got := col(X, names, "seats_purchased")
	for i := range clipped {
		assert.InDelta(t, (clipped[i]-med)/iqr, got[i], 1e-12)
	}
}

func TestNumericCodesAsCategorical(t *testing.T) {
	tb := dataset.NewTable("", nil)
	require.NoError(t, tb.AddNumeric("Region", []float64{1, 2, 3, 3, 3, 1}, nil))
	require.NoError(t, tb.AddNumeric("Fresh", []float64{10, 20, 30, 40, 50, 60}, nil))
	p, err := (&Spec{Columns: []ColumnSpec{{Name: "Region", Role: RoleCategorical}, {Name: "Fresh", Role: RoleNumeric}}}).Fit(tb)
	require.NoError(t, err)
	assert.Equal(t, []string{"Region=1", "Region=2", "Region=3", "Region=other", "Fresh"}, p.Names())
}

func TestFitErrors(t *testing.T) {
	tb := accounts(t)
	_, err := (&Spec{Columns: []ColumnSpec{{Name: "nope", Role: RoleNumeric}}}).Fit(tb)
	require.ErrorIs(t, err, dataset.ErrColumnNotFound)
	_, err = (&Spec{Columns: []ColumnSpec{{Name: "industry", Role: RoleNumeric}}}).Fit(tb)
	require.ErrorIs(t, err, dataset.ErrKind)
	_, err = (&Spec{Columns: []ColumnSpec{{Name: "csat", Role: "weird"}}}).Fit(tb)
	require.ErrorIs(t, err, ErrSpec)
	_, err = (&Spec{Columns: []ColumnSpec{{Name: "csat", Role: RoleNumeric, Clip: []float64{3, 1}}}}).Fit(tb)
	require.ErrorIs(t, err, ErrSpec)
	_, err = (&Spec{Columns: []ColumnSpec{{Name: "csat", Role: RoleNumeric}}}).Fit(dataset.NewTable("id", nil))
	require.ErrorIs(t, err, dataset.ErrEmpty)
	p, err := basicSpec().Fit(tb)
	require.NoError(t, err)
	_, err = p.Transform(tb.Subset(nil))
	require.ErrorIs(t, err, dataset.ErrEmpty)
}

func TestTransformIntoReuse(t *testing.T) {
	tb := synthAccounts(t, 5000, 2)
	p, err := (&Spec{}).Fit(tb)
	require.NoError(t, err)
	want, err := p.Transform(tb)
	require.NoError(t, err)
	X := mat.NewDense(tb.Len(), p.NumFeatures(), nil)
	for i := range X.RawMatrix().Data {
		X.RawMatrix().Data[i] = 42 // stale values must be cleared
	}
	_, err = p.TransformInto(X, tb)
	require.NoError(t, err)
	require.True(t, mat.Equal(want, X))
	_, err = p.TransformInto(mat.NewDense(3, p.NumFeatures(), nil), tb)
	require.ErrorIs(t, err, mat.ErrShape)
}

func TestConcurrentTransform(t *testing.T) {
	tb := synthAccounts(t, 3000, 4)
	p, err := (&Spec{}).Fit(tb)
	require.NoError(t, err)
	want, err := p.Transform(tb)
	require.NoError(t, err)
	done := make(chan *mat.Dense, 4)
	for range 4 {
		go func() {
			X, err := p.Transform(tb)
			if err != nil {
				X = nil
			}
			done <- X
		}()
	}
	for range 4 {
		X := <-done
		require.NotNil(t, X)
		require.True(t, mat.Equal(want, X))
	}
}

// The small-integer table must agree bit for bit with math.Log1p, and the
// values around it (fractions, negatives, the table's end) take the slow path.
func TestSlog1pTable(t *testing.T) {
	for _, x := range []float64{0, 1, 2, 3.5, 17, 1022, 1023, 1023.5, 1024, 1e6, 0.25} {
		assert.Equal(t, math.Float64bits(math.Log1p(x)), math.Float64bits(slog1p(x)), "x=%v", x)
		assert.Equal(t, math.Float64bits(-math.Log1p(x)), math.Float64bits(slog1p(-x)), "x=-%v", x)
	}
	assert.True(t, math.IsNaN(slog1p(math.NaN())))
}
