package features_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
	"gonum.org/v1/gonum/mat"
)

func exampleTable() *dataset.Table {
	t := dataset.NewTable("account_id", []string{"a1", "a2", "a3", "a4"})
	_ = t.AddNumeric("employees", []float64{10, 120, 0, 45}, []bool{false, false, true, false})
	_ = t.AddCategorical("industry", []string{"fintech", "retail", "fintech", "health"}, nil)
	_ = t.AddNumeric("seats_used", []float64{8, 30, 2, 10}, nil)
	_ = t.AddNumeric("seats_purchased", []float64{10, 100, 0, 10}, nil)
	_ = t.AddNumeric("churned", []float64{0, 1, 0, 0}, nil)
	return t
}

func ExampleSpec_Fit() {
	spec := &features.Spec{
		ID: "account_id",
		Columns: []features.ColumnSpec{
			{Name: "employees", Role: features.RoleNumeric, Log1p: true},
			{Name: "industry", Role: features.RoleCategorical, MinFrequency: 2},
			{Name: "churned", Role: features.RoleOutcome},
		},
		Ratios: []features.RatioSpec{{Name: "seat_utilisation", Numerator: "seats_used", Denominator: "seats_purchased"}},
	}
	t := exampleTable()
	p, err := spec.Fit(t)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Names())
	fmt.Println(p.InputColumns())
	st, _ := p.Stat("seat_utilisation")
	fmt.Printf("seat utilisation: mean %.2f, median %.2f (original units)\n", st.Mean, st.Median)

	// An unseen industry goes to industry=other and is counted.
	c, _ := t.Column("industry")
	c.Str[3] = "aerospace"
	X, rep, _ := p.TransformReport(t)
	fmt.Printf("%.3f\n", mat.Formatted(X.RowView(3).T()))
	fmt.Println("unseen:", rep.Unseen, "imputed:", rep.Imputed)
	// Output:
	// [log1p(employees) employees_missing industry=fintech industry=other seat_utilisation seat_utilisation_missing]
	// [employees industry seats_used seats_purchased]
	// seat utilisation: mean 0.70, median 0.80 (original units)
	// [0.135  0.000  0.000  1.000  1.063  0.000]
	// unseen: map[industry:1] imputed: map[employees:1 seat_utilisation:1]
}

func ExampleInferSpec() {
	spec, _ := features.InferSpec(exampleTable())
	for _, c := range spec.Columns {
		fmt.Printf("%-16s %-12s %s\n", c.Name, c.Role, c.Note)
	}
	// Output:
	// employees        numeric      median imputation, standard scaling; 1 missing: indicator
	// industry         categorical  3 levels: one-hot, rare levels to other, mode imputation
	// seats_used       numeric      median imputation, standard scaling
	// seats_purchased  numeric      non-negative, skewness 1.12 > 1: log1p; median imputation, standard scaling
	// churned          outcome      name looks like an outcome or label (or a value measured after the observation window): not used as a feature
}

func ExamplePipeline_Save() {
	p, _ := (&features.Spec{}).Fit(exampleTable())
	var buf bytes.Buffer
	_ = p.Save(&buf)
	q, err := features.LoadPipeline(&buf)
	fmt.Println(err, q.Hash() == p.Hash(), len(p.Hash()))
	// Output: <nil> true 64
}

func ExampleAggregation() {
	events := dataset.NewTable("", nil)
	day := func(d int) time.Time { return time.Date(2011, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	_ = events.AddCategorical("customer", []string{"17850", "17850", "12347", "17850"}, nil)
	_ = events.AddDate("at", []time.Time{day(-100), day(-20), day(-3), day(5)}, nil)
	_ = events.AddNumeric("amount", []float64{120, -20, 55.5, 999}, nil)
	agg := features.Aggregation{ID: "customer", Time: "at", Amount: "amount", Cutoff: day(0), Windows: []int{30}}
	out, _ := agg.Apply(events)
	for i, id := range out.IDs {
		r, _ := out.Numeric("recency_days")
		m, _ := out.Numeric("monetary")
		m30, _ := out.Numeric("monetary_30d")
		fmt.Println(id, r.Num[i], m.Num[i], m30.Num[i])
	}
	// Output:
	// 12347 3 55.5 55.5
	// 17850 20 100 -20
}

func ExampleReadSpec() {
	spec, err := features.ReadSpec(strings.NewReader(`
id: account_id
columns:
  - {name: employees, role: numeric, log1p: true, winsorize: [0.01, 0.99]}
  - {name: industry, role: categorical, min_frequency: 0.05}
  - {name: churned, role: label}
ratios:
  - {name: seat_utilisation, numerator: seats_used, denominator: seats_purchased}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := spec.Fit(exampleTable())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range p.Features() {
		fmt.Printf("%-26s %-9s %s\n", f.Name, f.Kind, f.Source)
	}
	// Output:
	// log1p(employees)           numeric   employees
	// employees_missing          indicator employees
	// industry=fintech           onehot    industry
	// industry=health            onehot    industry
	// industry=retail            onehot    industry
	// industry=other             onehot    industry
	// seat_utilisation           ratio     seat_utilisation
	// seat_utilisation_missing   indicator seat_utilisation
}
