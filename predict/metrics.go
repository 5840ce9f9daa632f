package predict

import (
	"fmt"
	"math"
	"sort"
)

// checkScores validates labels, scores and optional weights of equal length.
// It returns the weights (all ones when w is nil).
func checkScores(y, p, w []float64, probs bool) ([]float64, error) {
	if len(y) != len(p) {
		return nil, fmt.Errorf("predict: %d labels, %d scores: %w", len(y), len(p), ErrDimension)
	}
	if len(y) == 0 {
		return nil, fmt.Errorf("predict: scores: %w", ErrEmpty)
	}
	if w != nil && len(w) != len(y) {
		return nil, fmt.Errorf("predict: %d weights for %d labels: %w", len(w), len(y), ErrDimension)
	}
	ww := w
	if ww == nil {
		ww = make([]float64, len(y))
		for i := range ww {
			ww[i] = 1
		}
	}
	for i := range y {
		if y[i] != 0 && y[i] != 1 {
			return nil, colErr("y", i, fmt.Errorf("label %v: %w", y[i], ErrLabel))
		}
		if math.IsNaN(p[i]) || math.IsInf(p[i], 0) {
			return nil, colErr("p", i, fmt.Errorf("score %v: %w", p[i], ErrNonFinite))
		}
		if probs && (p[i] < 0 || p[i] > 1) {
			return nil, colErr("p", i, fmt.Errorf("probability %v outside [0,1]: %w", p[i], ErrDimension))
		}
		if math.IsNaN(ww[i]) || math.IsInf(ww[i], 0) || ww[i] < 0 {
			return nil, colErr("w", i, fmt.Errorf("weight %v: %w", ww[i], ErrWeight))
		}
	}
	return ww, nil
}

// rocPoints returns the cumulative weighted false and true positives at each
// distinct score, in decreasing score order, and the score thresholds.
func rocPoints(y, p, w []float64) (fps, tps, thr []float64) {
	rocScan(y, p, w, func(fp, tp, t float64) {
		fps, tps, thr = append(fps, fp), append(tps, tp), append(thr, t)
	})
	return fps, tps, thr
}

// rocScan calls point with the cumulative weighted false and true
// positives at each distinct score, in decreasing score order. Scores
// already in decreasing order (BootstrapInterval sorts once and resamples
// by weights) are not sorted again: ties merge into one point whatever
// their order.
func rocScan(y, p, w []float64, point func(fp, tp, thr float64)) {
	var idx []int
	if !nonIncreasing(p) {
		idx = make([]int, len(p))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	}
	at := func(k int) int {
		if idx == nil {
			return k
		}
		return idx[k]
	}
	var fp, tp float64
	for k := range p {
		i := at(k)
		if y[i] == 1 {
			tp += w[i]
		} else {
			fp += w[i]
		}
		if k == len(p)-1 || p[at(k+1)] != p[i] {
			point(fp, tp, p[i])
		}
	}
}

// nonIncreasing reports whether p[i] >= p[i+1] for every i.
func nonIncreasing(p []float64) bool {
	for i := 1; i < len(p); i++ {
		if p[i] > p[i-1] {
			return false
		}
	}
	return true
}

// ROCAUC is the area under the ROC curve (trapezoidal rule over distinct
// scores, so ties count one half), as scikit-learn's roc_auc_score. w may be
// nil. Both classes must be present (ErrSingleClass).
func ROCAUC(y, p, w []float64) (float64, error) {
	ww, err := checkScores(y, p, w, false)
	if err != nil {
		return 0, err
	}
	area, fp0, tp0 := 0.0, 0.0, 0.0
	rocScan(y, p, ww, func(fp, tp, _ float64) {
		area += (fp - fp0) * (tp + tp0) / 2
		fp0, tp0 = fp, tp
	})
	P, N := tp0, fp0
	if P == 0 || N == 0 {
		return 0, fmt.Errorf("predict: ROC AUC: %w", ErrSingleClass)
	}
	return area / (P * N), nil
}

// ROC is a receiver operating characteristic curve: point k is (FPR[k],
// TPR[k]) when predicting positive for scores >= Thresholds[k]. The first
// point is (0, 0) at threshold +Inf.
type ROC struct {
	FPR, TPR, Thresholds []float64
}

// ROCCurve returns the ROC curve at every distinct score (scikit-learn's
// roc_curve with drop_intermediate=False, except that the first threshold is
// +Inf rather than max+1).
func ROCCurve(y, p, w []float64) (ROC, error) {
	ww, err := checkScores(y, p, w, false)
	if err != nil {
		return ROC{}, err
	}
	fps, tps, thr := rocPoints(y, p, ww)
	P, N := tps[len(tps)-1], fps[len(fps)-1]
	if P == 0 || N == 0 {
		return ROC{}, fmt.Errorf("predict: ROC curve: %w", ErrSingleClass)
	}
	r := ROC{FPR: []float64{0}, TPR: []float64{0}, Thresholds: []float64{math.Inf(1)}}
	for k := range fps {
		r.FPR = append(r.FPR, fps[k]/N)
		r.TPR = append(r.TPR, tps[k]/P)
		r.Thresholds = append(r.Thresholds, thr[k])
	}
	return r, nil
}

// AveragePrecision summarises the precision-recall curve as the
// recall-weighted mean of precision, sum_k (R_k - R_{k-1}) P_k over distinct
// scores (scikit-learn's average_precision_score; no interpolation).
func AveragePrecision(y, p, w []float64) (float64, error) {
	ww, err := checkScores(y, p, w, false)
	if err != nil {
		return 0, err
	}
	P := 0.0 // the positive weight, without a scan (which may sort)
	for i, v := range y {
		if v == 1 {
			P += ww[i]
		}
	}
	if P == 0 {
		return 0, fmt.Errorf("predict: average precision: no positive labels: %w", ErrSingleClass)
	}
	ap, r0 := 0.0, 0.0
	rocScan(y, p, ww, func(fp, tp, _ float64) {
		if tp+fp == 0 {
			return // only rows of weight 0 so far: no precision yet
		}
		r := tp / P
		ap += (r - r0) * (tp / (tp + fp))
		r0 = r
	})
	return ap, nil
}

// LogLoss is the weighted mean negative log-likelihood of probabilities p,
// clipped to [1e-15, 1-1e-15] as scikit-learn 1.2 does.
func LogLoss(y, p, w []float64) (float64, error) {
	ww, err := checkScores(y, p, w, true)
	if err != nil {
		return 0, err
	}
	const eps = 1e-15
	s, sw := 0.0, 0.0
	for i := range y {
		q := math.Min(math.Max(p[i], eps), 1-eps)
		if y[i] == 1 {
			s -= ww[i] * math.Log(q)
		} else {
			s -= ww[i] * math.Log1p(-q)
		}
		sw += ww[i]
	}
	if sw == 0 {
		return 0, fmt.Errorf("predict: log loss: %w", ErrWeight)
	}
	return s / sw, nil
}

// Brier is the weighted mean squared difference between p and y.
func Brier(y, p, w []float64) (float64, error) {
	ww, err := checkScores(y, p, w, true)
	if err != nil {
		return 0, err
	}
	s, sw := 0.0, 0.0
	for i := range y {
		s += ww[i] * (p[i] - y[i]) * (p[i] - y[i])
		sw += ww[i]
	}
	if sw == 0 {
		return 0, fmt.Errorf("predict: Brier score: %w", ErrWeight)
	}
	return s / sw, nil
}

// ConfusionMatrix counts predictions at a threshold (positive when
// p >= Threshold) and the rates derived from them. A rate whose denominator
// is zero is 0 (as scikit-learn's zero_division=0).
type ConfusionMatrix struct {
	Threshold          float64 `json:"threshold"`
	TP                 int     `json:"tp"`
	FP                 int     `json:"fp"`
	TN                 int     `json:"tn"`
	FN                 int     `json:"fn"`
	Accuracy           float64 `json:"accuracy"`
	Precision          float64 `json:"precision"`
	Recall             float64 `json:"recall"`
	F1                 float64 `json:"f1"`
	PredictedPositives int     `json:"predicted_positives"`
}

// Confusion builds the confusion matrix of y against p >= threshold.
func Confusion(y, p []float64, threshold float64) (ConfusionMatrix, error) {
	if _, err := checkScores(y, p, nil, false); err != nil {
		return ConfusionMatrix{}, err
	}
	c := ConfusionMatrix{Threshold: threshold}
	for i := range y {
		pos := p[i] >= threshold
		switch {
		case pos && y[i] == 1:
			c.TP++
		case pos:
			c.FP++
		case y[i] == 1:
			c.FN++
		default:
			c.TN++
		}
	}
	div := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	c.PredictedPositives = c.TP + c.FP
	c.Accuracy = div(c.TP+c.TN, len(y))
	c.Precision = div(c.TP, c.TP+c.FP)
	c.Recall = div(c.TP, c.TP+c.FN)
	if c.Precision+c.Recall > 0 {
		c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
	}
	return c, nil
}

// LiftRow is one group of a lift table, groups ordered from the highest
// scores down.
type LiftRow struct {
	Group        int     `json:"group"` // 1 = riskiest
	Count        int     `json:"count"`
	Positives    int     `json:"positives"`
	MinScore     float64 `json:"min_score"`
	MaxScore     float64 `json:"max_score"`
	Rate         float64 `json:"rate"`          // positives / count
	Lift         float64 `json:"lift"`          // rate / overall rate
	CumShare     float64 `json:"cum_share"`     // share of all rows in groups 1..g
	CumGain      float64 `json:"cum_gain"`      // share of all positives captured by groups 1..g
	CumLift      float64 `json:"cum_lift"`      // CumGain / CumShare
	CumPositives int     `json:"cum_positives"` // positives in groups 1..g
}

// LiftTable sorts rows by decreasing score (ties in row order) and cuts them
// into groups of as equal size as possible (groups = 10 gives deciles): the
// cumulative gain of group 1 is the share of positives captured by the top
// 10% riskiest accounts.
func LiftTable(y, p []float64, groups int) ([]LiftRow, error) {
	if _, err := checkScores(y, p, nil, false); err != nil {
		return nil, err
	}
	n := len(y)
	if groups <= 0 || groups > n {
		return nil, fmt.Errorf("predict: lift table: %d groups for %d rows: %w", groups, n, ErrConfig)
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	total := 0
	for _, v := range y {
		total += int(v)
	}
	if total == 0 {
		return nil, fmt.Errorf("predict: lift table: no positive labels: %w", ErrSingleClass)
	}
	base := float64(total) / float64(n)
	rows := make([]LiftRow, groups)
	cum, lo := 0, 0
	for g := range rows {
		hi := (g + 1) * n / groups
		r := LiftRow{Group: g + 1, Count: hi - lo, MaxScore: p[idx[lo]], MinScore: p[idx[hi-1]]}
		for _, i := range idx[lo:hi] {
			r.Positives += int(y[i])
		}
		cum += r.Positives
		r.Rate = float64(r.Positives) / float64(r.Count)
		r.Lift = r.Rate / base
		r.CumPositives = cum
		r.CumShare = float64(hi) / float64(n)
		r.CumGain = float64(cum) / float64(total)
		r.CumLift = r.CumGain / r.CumShare
		rows[g] = r
		lo = hi
	}
	return rows, nil
}

// Calibration is a reliability curve over uniform probability bins; empty
// bins are left out (as scikit-learn's calibration_curve).
type Calibration struct {
	MeanPredicted    []float64 `json:"mean_predicted"`
	FractionPositive []float64 `json:"fraction_positive"`
	Count            []int     `json:"count"`
	// ECE is the expected calibration error: sum over bins of
	// count/n * |fraction positive - mean predicted|.
	ECE float64 `json:"ece"`
}

// CalibrationCurve bins probabilities into bins equal-width bins on [0, 1]
// (bin b is (b/bins, (b+1)/bins], with 0 in the first, as scikit-learn's
// calibration_curve) and reports the observed positive rate per bin and the ECE.
func CalibrationCurve(y, p []float64, bins int) (Calibration, error) {
	if _, err := checkScores(y, p, nil, true); err != nil {
		return Calibration{}, err
	}
	if bins <= 0 {
		return Calibration{}, fmt.Errorf("predict: calibration curve: %d bins: %w", bins, ErrConfig)
	}
	sumP := make([]float64, bins)
	sumY := make([]float64, bins)
	cnt := make([]int, bins)
	step := 1 / float64(bins)
	for i := range y {
		// b = number of inner edges k*step strictly below p
		b := sort.Search(bins-1, func(k int) bool { return float64(k+1)*step >= p[i] })
		sumP[b] += p[i]
		sumY[b] += y[i]
		cnt[b]++
	}
	var c Calibration
	for b := range cnt {
		if cnt[b] == 0 {
			continue
		}
		mp, fp := sumP[b]/float64(cnt[b]), sumY[b]/float64(cnt[b])
		c.MeanPredicted = append(c.MeanPredicted, mp)
		c.FractionPositive = append(c.FractionPositive, fp)
		c.Count = append(c.Count, cnt[b])
		c.ECE += float64(cnt[b]) / float64(len(y)) * math.Abs(fp-mp)
	}
	return c, nil
}
