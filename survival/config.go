package survival

import (
	"fmt"
	"math"
)

// ConfType is the scale on which a confidence interval of S(t) is built
// (R's survfit conf.type).
type ConfType int

const (
	// Log builds the interval on log S (R's default "log").
	Log ConfType = iota
	// LogLog builds it on log(-log S) (R's "log-log"); it stays inside
	// (0, 1).
	LogLog
	// Plain builds it on S itself, clipped to [0, 1] (R's "plain").
	Plain
)

// String returns R's name of the type.
func (c ConfType) String() string {
	switch c {
	case Log:
		return "log"
	case LogLog:
		return "log-log"
	case Plain:
		return "plain"
	}
	return fmt.Sprintf("ConfType(%d)", int(c))
}

// Defaults of the zero KaplanMeier.
const (
	DefaultConfLevel    = 0.95
	DefaultUnitsPerYear = 12.0
)

// KaplanMeier configures the Kaplan-Meier estimator and the summaries of
// its curve. The zero value is usable: every zero field means the
// documented default.
type KaplanMeier struct {
	// ConfLevel is the level of the confidence intervals, in (0, 1). Zero
	// means 0.95.
	ConfLevel float64
	// ConfType is the scale of the intervals; the zero value is Log, R's
	// default.
	ConfType ConfType
	// Horizon is tau, where RestrictedMean, Remaining and LifetimeValue stop
	// integrating, in the units of the durations. Zero means the last
	// observed time of the curve (R's rmean default); past it the curve is
	// carried flat at its last value, which overstates lifetimes when the
	// curve has not reached 0. Negative, NaN or Inf is an error.
	Horizon float64
	// UnitsPerYear is the number of duration units in a year, for
	// LifetimeValue. Zero means 12 (durations in months).
	UnitsPerYear float64
	// DiscountRate is the yearly rate at which LifetimeValue discounts
	// future revenue (0.1 for 10% a year). Zero means no discounting;
	// negative, NaN or Inf is an error.
	DiscountRate float64
}

// settings is a validated KaplanMeier with the defaults filled in.
type settings struct {
	level, z     float64
	confType     ConfType
	horizon      float64 // 0: the curve's last time
	unitsPerYear float64
	discount     float64
}

func (km KaplanMeier) settings() (settings, error) {
	s := settings{level: km.ConfLevel, confType: km.ConfType, horizon: km.Horizon,
		unitsPerYear: km.UnitsPerYear, discount: km.DiscountRate}
	if s.level == 0 {
		s.level = DefaultConfLevel
	}
	if s.unitsPerYear == 0 {
		s.unitsPerYear = DefaultUnitsPerYear
	}
	switch {
	case !(s.level > 0 && s.level < 1):
		return s, configErr("ConfLevel", km.ConfLevel, "want a level in (0, 1)")
	case s.confType < Log || s.confType > Plain:
		return s, configErr("ConfType", float64(km.ConfType), "want Log, LogLog or Plain")
	case !(s.horizon >= 0) || math.IsInf(s.horizon, 1):
		return s, configErr("Horizon", km.Horizon, "want a finite horizon >= 0")
	case !(s.unitsPerYear > 0) || math.IsInf(s.unitsPerYear, 1):
		return s, configErr("UnitsPerYear", km.UnitsPerYear, "want a finite number > 0")
	case !(s.discount >= 0) || math.IsInf(s.discount, 1):
		return s, configErr("DiscountRate", km.DiscountRate, "want a finite yearly rate >= 0")
	}
	s.z = normalQuantile(1 - (1-s.level)/2)
	return s, nil
}

func configErr(field string, v float64, why string) error {
	return fmt.Errorf("survival: KaplanMeier.%s = %v: %w: %s", field, v, ErrConfig, why)
}
