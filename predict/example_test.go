package predict_test

import (
	"fmt"

	"github.com/segmenta/segmenta/predict"
	"gonum.org/v1/gonum/mat"
)

func ExampleLogistic() {
	// seat utilisation and support tickets of eight accounts; 1 = churned
	X := mat.NewDense(8, 2, []float64{
		0.9, 1, 0.8, 0, 0.7, 2, 0.3, 5,
		0.2, 4, 0.6, 1, 0.1, 6, 0.4, 3,
	})
	y := []float64{0, 0, 0, 1, 1, 0, 1, 1}
	m, err := predict.Logistic{C: 10, FeatureNames: []string{"seat_utilisation", "tickets"}, Tol: 1e-10}.Fit(X, y)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("coef %.3f, intercept %.3f\n", m.Coef(), m.Intercept())
	p, _ := m.PredictProba(mat.NewDense(1, 2, []float64{0.25, 4}))
	fmt.Printf("churn probability %.3f\n", p[0])
	reasons, _ := m.Explain([]float64{0.25, 4}, predict.ExplainOptions{Top: 2})
	for _, r := range reasons {
		fmt.Println(r)
	}
	// Output:
	// coef [-0.692 2.661], intercept -6.322
	// churn probability 0.984
	// tickets 4 vs 2.75 average: +3.33 log-odds
	// seat_utilisation 0.25 vs 0.5 average: +0.17 log-odds
}

func ExampleLiftTable() {
	y := []float64{1, 0, 1, 1, 0, 0, 0, 1, 0, 0}
	p := []float64{0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05}
	rows, _ := predict.LiftTable(y, p, 5)
	for _, r := range rows[:2] {
		fmt.Printf("group %d: lift %.2f, cumulative gain %.2f\n", r.Group, r.Lift, r.CumGain)
	}
	auc, _ := predict.ROCAUC(y, p, nil)
	fmt.Printf("ROC AUC %.3f\n", auc)
	// Output:
	// group 1: lift 1.25, cumulative gain 0.25
	// group 2: lift 2.50, cumulative gain 0.75
	// ROC AUC 0.750
}
