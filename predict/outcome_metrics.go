package predict

import "fmt"

// MinEvaluationEvents is the number of rows of each class below which
// OutcomeMetrics carry a Warning.
const MinEvaluationEvents = 50

// OutcomeMetrics are the figures of one Outcome on held-out rows (never
// seen by the fit or the calibration).
type OutcomeMetrics struct {
	Label string `json:"label"`
	// Rows and Positives count the test accounts and those with label 1.
	Rows      int `json:"rows"`
	Positives int `json:"positives"`
	// ROCAUC is the area under the ROC curve, PRAUC the average precision.
	ROCAUC float64 `json:"roc_auc"`
	PRAUC  float64 `json:"pr_auc"`
	// LogLoss and Brier score the calibrated probabilities (lower is
	// better).
	LogLoss float64 `json:"log_loss"`
	Brier   float64 `json:"brier"`
	// LiftTopDecile is the positive rate among the 10% highest scores over
	// the overall positive rate.
	LiftTopDecile float64 `json:"lift_top_decile"`
	// CalibrationError is the expected calibration error: the mean
	// |observed rate - mean probability| over 10 equal-width probability
	// bins, weighted by bin size.
	CalibrationError float64 `json:"calibration_error"`
	// BaseRate is the positive rate of the test accounts.
	BaseRate float64 `json:"base_rate"`
	// OutOfTime, for a model fitted on snapshots stacked over several
	// cutoffs, are the same figures on the test accounts at the latest
	// cutoff, which no fitted row reaches.
	OutOfTime *OutcomeMetrics `json:"out_of_time,omitempty"`
	// ROCAUCLow and ROCAUCHigh bound the percentile bootstrap 95% interval
	// of ROCAUC (1000 resamples of the test accounts).
	ROCAUCLow  float64 `json:"roc_auc_low,omitempty"`
	ROCAUCHigh float64 `json:"roc_auc_high,omitempty"`
	// Warning is set when the figures are unreliable: fewer than
	// MinEvaluationEvents accounts of either class.
	Warning string `json:"warning,omitempty"`
	// Calibration says how the probabilities were calibrated (or why not).
	Calibration string `json:"calibration,omitempty"`
	// Model says which model was fitted (linear or additive) and why, with
	// the cross-validated figures of the choice.
	Model string `json:"model,omitempty"`
}

// EvaluateOutcome computes the figures of probabilities p against labels y
// (Evaluate, at least ten rows) with a bootstrap interval of the ROC AUC.
// Labels of one class fail with an error wrapping ErrLabelColumn.
func EvaluateOutcome(label string, y, p []float64) (OutcomeMetrics, error) {
	m := OutcomeMetrics{Label: label, Rows: len(y)}
	for _, v := range y {
		if v == 1 {
			m.Positives++
		}
	}
	if m.Positives == 0 || m.Positives == len(y) {
		return m, fmt.Errorf("%w: the evaluation rows of %q hold a single class", ErrLabelColumn, label)
	}
	r, err := Evaluate(label, y, p, 0)
	if err != nil {
		return m, err
	}
	m.ROCAUC, m.PRAUC, m.LogLoss, m.Brier = r.ROCAUC, r.AveragePrecision, r.LogLoss, r.Brier
	m.LiftTopDecile, m.CalibrationError, m.BaseRate = r.TopDecileLift, r.ECE, r.PositiveRate
	if m.ROCAUCLow, m.ROCAUCHigh, err = BootstrapInterval(y, p, ROCAUC, 0.95, 1000, 1); err != nil {
		return m, err
	}
	if ev := min(m.Positives, m.Rows-m.Positives); ev < MinEvaluationEvents {
		m.Warning = fmt.Sprintf("only %d accounts of the rarer class in the evaluation (fewer than %d): the figures are uncertain, see the ROC AUC interval", ev, MinEvaluationEvents)
	}
	return m, nil
}
