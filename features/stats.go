package features

import (
	"math"
	"sort"
	"time"
)

// ColumnStats are the statistics of one source column (or ratio) seen at
// Fit, in ORIGINAL units (before clipping, log1p and scaling), so that an
// explanation can say "seat utilisation 0.23 against 0.71 on average".
// Dates are measured in days before Reference.
type ColumnStats struct {
	Column string `json:"column"`
	// Kind is numeric, categorical, date or ratio.
	Kind string `json:"kind"`
	// Count is the number of observed (non-missing) rows, Missing the number
	// of missing rows.
	Count   int `json:"count"`
	Missing int `json:"missing"`
	// Moments and quantiles of the observed values (numeric, date, ratio).
	// Std is the population standard deviation; quantiles interpolate
	// linearly between order statistics.
	Mean   float64 `json:"mean"`
	Std    float64 `json:"std"`
	Min    float64 `json:"min"`
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
	Max    float64 `json:"max"`
	// Levels of a categorical column seen at Fit, most frequent first.
	Levels []LevelCount `json:"levels,omitempty"`
	// Reference is the instant dates are measured from (the latest date
	// seen at Fit).
	Reference time.Time `json:"reference,omitzero"`
	// ImputeValue replaces missing values (original units).
	ImputeValue float64 `json:"impute_value"`
	// Center and Scale are the scaler parameters, in transformed units
	// (after clipping and log1p): feature = (x' - Center) / Scale.
	Center float64 `json:"center"`
	Scale  float64 `json:"scale"`
}

// LevelCount is a categorical level and its number of rows at Fit.
type LevelCount struct {
	Level string `json:"level"`
	Count int    `json:"count"`
}

// quantileSorted returns the q-quantile of sorted x by linear interpolation
// between order statistics (Hyndman & Fan type 7, the default of numpy and
// R).
func quantileSorted(x []float64, q float64) float64 {
	n := len(x)
	if n == 1 {
		return x[0]
	}
	h := q * float64(n-1)
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return x[n-1]
	}
	return x[lo] + (h-float64(lo))*(x[lo+1]-x[lo])
}

// meanStd returns the mean and population standard deviation, two-pass for
// accuracy.
func meanStd(x []float64) (mean, std float64) {
	var s float64
	for _, v := range x {
		s += v
	}
	mean = s / float64(len(x))
	var ss float64
	for _, v := range x {
		d := v - mean
		ss += d * d
	}
	return mean, math.Sqrt(ss / float64(len(x)))
}

// describe fills the numeric statistics of observed values.
func describe(st *ColumnStats, obs []float64) {
	sorted := append([]float64(nil), obs...)
	sort.Float64s(sorted)
	st.Count = len(obs)
	st.Mean, st.Std = meanStd(obs)
	st.Min, st.Max = sorted[0], sorted[len(sorted)-1]
	st.Q1 = quantileSorted(sorted, 0.25)
	st.Median = quantileSorted(sorted, 0.5)
	st.Q3 = quantileSorted(sorted, 0.75)
}
