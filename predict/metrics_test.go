package predict

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type metricsGolden struct {
	Name     string    `json:"name"`
	Y        []float64 `json:"y"`
	P        []float64 `json:"p"`
	W        []float64 `json:"w"`
	ROCAUC   float64   `json:"roc_auc"`
	ROCAUCW  float64   `json:"roc_auc_w"`
	AP       float64   `json:"ap"`
	APW      float64   `json:"ap_w"`
	LogLoss  float64   `json:"log_loss"`
	LogLossW float64   `json:"log_loss_w"`
	Brier    float64   `json:"brier"`
	BrierW   float64   `json:"brier_w"`
	ROCFPR   []float64 `json:"roc_fpr"`
	ROCTPR   []float64 `json:"roc_tpr"`
	CalFrac  []float64 `json:"cal_frac"`
	CalMean  []float64 `json:"cal_mean"`
	IsoGrid  []float64 `json:"iso_grid"`
	IsoPred  []float64 `json:"iso_pred"`
	IsoTrain []float64 `json:"iso_train"`
	PlattA   float64   `json:"platt_a"`
	PlattB   float64   `json:"platt_b"`
}

func TestMetricsGolden(t *testing.T) {
	var g struct {
		Cases []metricsGolden `json:"cases"`
	}
	readJSON(t, "metrics_golden.json", &g)
	require.Len(t, g.Cases, 2)
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			check := func(want float64, f func(y, p, w []float64) (float64, error), w []float64) {
				t.Helper()
				got, err := f(c.Y, c.P, w)
				require.NoError(t, err)
				assert.InDelta(t, want, got, 1e-12)
			}
			check(c.ROCAUC, ROCAUC, nil)
			check(c.ROCAUCW, ROCAUC, c.W)
			check(c.AP, AveragePrecision, nil)
			check(c.APW, AveragePrecision, c.W)
			check(c.LogLoss, LogLoss, nil)
			check(c.LogLossW, LogLoss, c.W)
			check(c.Brier, Brier, nil)
			check(c.BrierW, Brier, c.W)

			roc, err := ROCCurve(c.Y, c.P, nil)
			require.NoError(t, err)
			require.Equal(t, len(c.ROCFPR), len(roc.FPR))
			for k := range roc.FPR {
				assert.InDelta(t, c.ROCFPR[k], roc.FPR[k], 1e-12)
				assert.InDelta(t, c.ROCTPR[k], roc.TPR[k], 1e-12)
			}

			cal, err := CalibrationCurve(c.Y, c.P, 10)
			require.NoError(t, err)
			require.Equal(t, len(c.CalFrac), len(cal.FractionPositive))
			for k := range cal.FractionPositive {
				assert.InDelta(t, c.CalFrac[k], cal.FractionPositive[k], 1e-12)
				assert.InDelta(t, c.CalMean[k], cal.MeanPredicted[k], 1e-12)
			}

			iso, err := IsotonicRegression{}.Fit(c.P, c.Y, c.W)
			require.NoError(t, err)
			for k, v := range iso.Transform(c.IsoGrid) {
				assert.InDelta(t, c.IsoPred[k], v, 1e-12, "grid %v", c.IsoGrid[k])
			}
			for k, v := range iso.Transform(c.P) {
				assert.InDelta(t, c.IsoTrain[k], v, 1e-12)
			}

			logit := make([]float64, len(c.P))
			for i, v := range c.P {
				logit[i] = math.Log(v / (1 - v))
			}
			pl, err := PlattScaling{}.Fit(logit, c.Y, nil)
			require.NoError(t, err)
			assert.InDelta(t, c.PlattA, pl.A, 1e-6)
			assert.InDelta(t, c.PlattB, pl.B, 1e-6)

			// calibrators survive a save/load round trip
			var buf bytes.Buffer
			require.NoError(t, iso.Save(&buf))
			iso2, err := LoadIsotonic(&buf)
			require.NoError(t, err)
			assert.Equal(t, iso.Transform(c.IsoGrid), iso2.Transform(c.IsoGrid))
			buf.Reset()
			require.NoError(t, pl.Save(&buf))
			pl2, err := LoadPlatt(&buf)
			require.NoError(t, err)
			assert.Equal(t, *pl, *pl2)
		})
	}
}

func TestCalibratorLoadRejects(t *testing.T) {
	_, err := LoadIsotonic(strings.NewReader(`{"format":"segmenta.predict.isotonic","version":1,"x":[0,0.5],"y":[0.4,0.1]}`))
	assert.ErrorIs(t, err, ErrFormat)
	_, err = LoadIsotonic(strings.NewReader(`{"format":"segmenta.predict.isotonic","version":2,"x":[0],"y":[0]}`))
	assert.ErrorIs(t, err, ErrFormat)
	_, err = LoadPlatt(strings.NewReader(`{"format":"segmenta.predict.platt","version":1,"a":1`))
	assert.ErrorIs(t, err, ErrFormat)
	_, err = LoadPlatt(strings.NewReader(`{"format":"segmenta.predict.isotonic","version":1}`))
	assert.ErrorIs(t, err, ErrFormat)
}

func TestConfusionAndLift(t *testing.T) {
	y := []float64{1, 0, 1, 1, 0, 0, 0, 1, 0, 0}
	p := []float64{0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05}
	c, err := Confusion(y, p, 0.5)
	require.NoError(t, err)
	assert.InDelta(t, 2.0/3, c.F1, 1e-15)
	c.F1 = 0
	assert.Equal(t, ConfusionMatrix{Threshold: 0.5, TP: 3, FP: 2, TN: 4, FN: 1, Accuracy: 0.7, Precision: 0.6, Recall: 0.75,
		PredictedPositives: 5}, c)
	rows, err := LiftTable(y, p, 5)
	require.NoError(t, err)
	require.Len(t, rows, 5)
	assert.Equal(t, 1, rows[0].Positives)
	assert.InDelta(t, 0.25, rows[0].CumGain, 1e-15)
	assert.InDelta(t, 1.25, rows[0].Lift, 1e-15) // rate 0.5 / base 0.4
	assert.InDelta(t, 0.75, rows[1].CumGain, 1e-15)
	assert.InDelta(t, 1.0, rows[4].CumGain, 1e-15)
	assert.InDelta(t, 1.0, rows[4].CumLift, 1e-15)

	_, err = LiftTable(y, p, 0)
	assert.ErrorIs(t, err, ErrConfig)
	_, err = ROCAUC([]float64{1, 1}, []float64{0.2, 0.3}, nil)
	assert.ErrorIs(t, err, ErrSingleClass)
	_, err = ROCAUC([]float64{1, 2}, []float64{0.2, 0.3}, nil)
	var ce *errs.ColumnError
	require.True(t, errors.As(err, &ce))
	assert.Equal(t, 1, ce.Row)
	assert.ErrorIs(t, err, ErrLabel)
	_, err = LogLoss([]float64{1, 0}, []float64{0.2, math.NaN()}, nil)
	assert.ErrorIs(t, err, ErrNonFinite)
	_, err = Brier([]float64{1, 0}, []float64{0.2}, nil)
	assert.ErrorIs(t, err, ErrDimension)
}
