package survival

import (
	"cmp"
	"math"
	"slices"
)

// Curve is a fitted Kaplan-Meier survival curve. It is immutable and safe
// for concurrent use.
type Curve struct {
	// Steps holds one entry per distinct observed time, in increasing
	// order, as R's survfit lists them (times with censorings only
	// included).
	Steps []Step
	// N is the number of observations, Events the number of events.
	N, Events int
	cfg       settings
}

// Step is the curve at one distinct observed time.
type Step struct {
	Time float64
	// AtRisk counts the observations with duration >= Time; Events and
	// Censored those ending at Time with and without the event.
	AtRisk, Events, Censored int
	// Surv is S(Time), right-continuous: the events at Time included.
	Surv float64
	// StdErr is Greenwood's standard error of -log S (R's std.err); +Inf
	// once S has dropped to 0.
	StdErr float64
	// Lower and Upper bound the confidence interval of S(Time); NaN where
	// R gives NA (see the package documentation).
	Lower, Upper float64
}

// SurvStdErr is Greenwood's standard error of S(Time) itself: Surv * StdErr
// (NaN once S is 0).
func (s Step) SurvStdErr() float64 { return s.Surv * s.StdErr }

// Fit estimates the survival curve of the observations (duration[i],
// event[i]): event 1 if observation i ended with the event (the account
// churned at duration[i]), 0 if it was censored then (still active). A
// duration must be finite and >= 0.
func (km KaplanMeier) Fit(duration, event []float64) (*Curve, error) {
	s, err := km.settings()
	if err != nil {
		return nil, err
	}
	if err := check(duration, event); err != nil {
		return nil, err
	}
	obs := make([]observation, len(duration))
	for i, d := range duration {
		obs[i] = observation{d, event[i] == 1}
	}
	// The order within tied durations does not matter: a step only counts
	// them.
	slices.SortFunc(obs, func(a, b observation) int { return cmp.Compare(a.duration, b.duration) })
	return fitSorted(s, obs), nil
}

type observation struct {
	duration float64
	event    bool
}

func check(duration, event []float64) error {
	if len(duration) == 0 {
		return rowErr("duration", -1, ErrEmpty, "")
	}
	if len(event) != len(duration) {
		return rowErr("event", -1, ErrLength, "%d events for %d durations", len(event), len(duration))
	}
	for i, d := range duration {
		switch {
		case math.IsNaN(d) || math.IsInf(d, 0):
			return rowErr("duration", i, ErrNonFinite, "%v", d)
		case d < 0:
			return rowErr("duration", i, ErrNegative, "%v", d)
		}
		if e := event[i]; e != 0 && e != 1 {
			return rowErr("event", i, ErrEvent, "%v", e)
		}
	}
	return nil
}

// fitSorted walks the observations in increasing duration, one step per
// distinct time.
func fitSorted(s settings, obs []observation) *Curve {
	c := &Curve{N: len(obs), cfg: s}
	atRisk, surv, green := len(obs), 1.0, 0.0
	for i := 0; i < len(obs); {
		t := obs[i].duration
		st := Step{Time: t, AtRisk: atRisk}
		for ; i < len(obs) && obs[i].duration == t; i++ {
			if obs[i].event {
				st.Events++
			} else {
				st.Censored++
			}
		}
		if d, n := float64(st.Events), float64(atRisk); st.Events > 0 {
			surv *= 1 - d/n
			if st.Events == atRisk {
				green = math.Inf(1)
			} else {
				green += d / (n * (n - d))
			}
		}
		st.Surv, st.StdErr = surv, math.Sqrt(green)
		st.Lower, st.Upper = s.interval(st.Surv, st.StdErr)
		c.Steps = append(c.Steps, st)
		c.Events += st.Events
		atRisk -= st.Events + st.Censored
	}
	return c
}

// At returns S(t): 1 before the first step, the last value past the last.
func (c *Curve) At(t float64) float64 {
	j := c.stepAt(t)
	if j < 0 {
		return 1
	}
	return c.Steps[j].Surv
}

// stepAt is the index of the last step with Time <= t, -1 if none.
func (c *Curve) stepAt(t float64) int {
	j, _ := slices.BinarySearchFunc(c.Steps, t, func(s Step, t float64) int {
		if s.Time <= t {
			return -1
		}
		return 1
	})
	return j - 1
}

// LastTime is the last observed time (events or censorings).
func (c *Curve) LastTime() float64 { return c.Steps[len(c.Steps)-1].Time }

// ConfLevel is the level of the curve's confidence intervals.
func (c *Curve) ConfLevel() float64 { return c.cfg.level }
