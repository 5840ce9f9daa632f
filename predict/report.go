package predict

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// EvaluationReport gathers the held-out metrics of one target.
type EvaluationReport struct {
	Target           string          `json:"target"`
	Rows             int             `json:"rows"`
	Positives        int             `json:"positives"`
	PositiveRate     float64         `json:"positive_rate"`
	ROCAUC           float64         `json:"roc_auc"`
	AveragePrecision float64         `json:"average_precision"`
	LogLoss          float64         `json:"log_loss"`
	Brier            float64         `json:"brier"`
	ECE              float64         `json:"ece"` // expected calibration error over 10 bins
	TopDecileGain    float64         `json:"top_decile_gain"`
	TopDecileLift    float64         `json:"top_decile_lift"`
	Confusion        ConfusionMatrix `json:"confusion"`
	Lift             []LiftRow       `json:"lift"`
	Calibration      Calibration     `json:"calibration"`
}

// Evaluate computes every metric of probabilities p against labels y; the
// confusion matrix uses threshold (0 means 0.5).
func Evaluate(target string, y, p []float64, threshold float64) (EvaluationReport, error) {
	if threshold == 0 {
		threshold = 0.5
	}
	r := EvaluationReport{Target: target, Rows: len(y)}
	var err error
	if r.ROCAUC, err = ROCAUC(y, p, nil); err != nil {
		return r, fmt.Errorf("predict: evaluating %s: %w", target, err)
	}
	for _, v := range y {
		r.Positives += int(v)
	}
	r.PositiveRate = float64(r.Positives) / float64(len(y))
	if r.AveragePrecision, err = AveragePrecision(y, p, nil); err != nil {
		return r, err
	}
	if r.LogLoss, err = LogLoss(y, p, nil); err != nil {
		return r, fmt.Errorf("predict: evaluating %s: %w", target, err)
	}
	if r.Brier, err = Brier(y, p, nil); err != nil {
		return r, err
	}
	if r.Calibration, err = CalibrationCurve(y, p, 10); err != nil {
		return r, err
	}
	r.ECE = r.Calibration.ECE
	if r.Confusion, err = Confusion(y, p, threshold); err != nil {
		return r, err
	}
	if r.Lift, err = LiftTable(y, p, min(10, len(y))); err != nil {
		return r, err
	}
	r.TopDecileGain, r.TopDecileLift = r.Lift[0].CumGain, r.Lift[0].Lift
	return r, nil
}

// Markdown renders the report as a one-row table (see MarkdownTable).
func (r EvaluationReport) Markdown() string { return MarkdownTable([]EvaluationReport{r}) }

// MarkdownTable renders reports side by side, one row per target.
func MarkdownTable(reports []EvaluationReport) string {
	var b strings.Builder
	b.WriteString("| target | rows | positive rate | ROC AUC | PR AUC | log loss | Brier | ECE | top-decile gain | top-decile lift | precision | recall | F1 |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range reports {
		fmt.Fprintf(&b, "| %s | %d | %.3f | %.4f | %.4f | %.4f | %.4f | %.4f | %.3f | %.2f | %.3f | %.3f | %.3f |\n",
			r.Target, r.Rows, r.PositiveRate, r.ROCAUC, r.AveragePrecision, r.LogLoss, r.Brier, r.ECE,
			r.TopDecileGain, r.TopDecileLift, r.Confusion.Precision, r.Confusion.Recall, r.Confusion.F1)
	}
	return b.String()
}

// TwoTargets fits a churn and an upsell model on one feature matrix,
// concurrently.
type TwoTargets struct {
	Churn, Upsell Logistic
}

// TwoModels is the pair of fitted models.
type TwoModels struct {
	Churn, Upsell *LogisticModel
}

// Fit fits both models. A model that stopped at MaxIter is kept and the
// ErrNotConverged error returned beside the models.
func (t TwoTargets) Fit(ctx context.Context, X mat.Matrix, churn, upsell []float64) (*TwoModels, error) {
	var out TwoModels
	var errC, errU error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); out.Churn, errC = t.Churn.FitContext(ctx, X, churn) }()
	go func() { defer wg.Done(); out.Upsell, errU = t.Upsell.FitContext(ctx, X, upsell) }()
	wg.Wait()
	if errC != nil {
		errC = fmt.Errorf("churn: %w", errC)
	}
	if errU != nil {
		errU = fmt.Errorf("upsell: %w", errU)
	}
	err := errors.Join(errC, errU)
	if out.Churn == nil || out.Upsell == nil {
		return nil, err
	}
	return &out, err
}

// Score returns both probabilities for every row of X.
func (m *TwoModels) Score(X mat.Matrix) (churn, upsell []float64, err error) {
	if churn, err = m.Churn.PredictProba(X); err != nil {
		return nil, nil, err
	}
	if upsell, err = m.Upsell.PredictProba(X); err != nil {
		return nil, nil, err
	}
	return churn, upsell, nil
}

// Evaluate scores held-out rows and reports the metrics of both targets
// (threshold 0 means 0.5).
func (m *TwoModels) Evaluate(X mat.Matrix, churn, upsell []float64, threshold float64) ([]EvaluationReport, error) {
	pc, pu, err := m.Score(X)
	if err != nil {
		return nil, err
	}
	rc, err := Evaluate("churn", churn, pc, threshold)
	if err != nil {
		return nil, err
	}
	ru, err := Evaluate("upsell", upsell, pu, threshold)
	if err != nil {
		return nil, err
	}
	return []EvaluationReport{rc, ru}, nil
}
