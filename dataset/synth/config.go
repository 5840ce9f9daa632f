package synth

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Config describes a synthetic data set. The zero value is usable: every
// zero field means the documented default.
type Config struct {
	// N is the number of accounts. Zero means 1000; negative is an error.
	N int

	// Seed selects the random streams. The same Config always gives the
	// same data, byte for byte.
	Seed uint64

	// Separation scales how far apart the personas lie: the within-persona
	// noise of every continuous attribute is divided by it. Zero means 1,
	// a realistic overlap where personas blur into each other; 3 gives
	// well separated personas that k-means on the log-scaled behavioural
	// columns recovers almost perfectly. Negative, NaN or Inf is an error.
	Separation float64

	// Clean switches off the imperfections of real data: missing values
	// (csat ~30%, nps ~40%, web_visits ~3%, employees ~2%, industry ~2%,
	// country ~1%) and rare recording errors (employees and mrr_start
	// multiplied by 100 in about 1 account in 1000). Every other value is
	// the same with Clean true or false.
	Clean bool

	// EventsPerAccount is the mean number of usage events (login,
	// feature_use, api_call) per account in the event log; billing,
	// support and seat events come on top. Zero means 20; negative is an
	// error.
	EventsPerAccount float64

	// Start and End bound the observation period (dates, UTC, both days
	// included). The account snapshot is taken at the end of End: it is
	// the reference of days_since_last_login. Both zero mean 2025-01-01 to
	// 2025-12-31 (never time.Now, so output stays deterministic); one zero
	// means a year from or to the other. End before Start is an error.
	Start, End time.Time

	// IncludeTruth adds the hidden truth columns true_segment,
	// true_churn_prob and true_upsell_prob to the account table and CSV
	// (and true_previous_segment from Month 2).
	IncludeTruth bool

	// Month numbers monthly snapshots of the same accounts. Zero and 1
	// give the first month (the data of every earlier version, byte for
	// byte); from month 2, at each month a share MoveRate of the accounts,
	// drawn on a stream of their own, moves to another persona (chosen by
	// the personas' weights among the others) and every value of a mover
	// is drawn again from its new persona; the others keep the values of
	// the month before. Truth.Segment is the persona of the month and
	// Truth.PreviousSegment that of the month before. Negative is an
	// error.
	Month int
	// MoveRate is the share of accounts that move to another persona at
	// each month from Month 2. Zero means DefaultMoveRate; it must lie in
	// [0, 1] (use a tiny positive value for almost no moves).
	MoveRate float64
}

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("synth: invalid config")

// Defaults of the zero Config.
const (
	DefaultN                = 1000
	DefaultSeparation       = 1.0
	DefaultEventsPerAccount = 20.0
	DefaultMoveRate         = 0.05
)

var (
	defaultStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	defaultEnd   = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
)

// settings is a validated Config with the defaults filled in.
type settings struct {
	n            int
	seed         uint64
	noise        float64 // 1/Separation
	clean        bool
	events       float64
	start        time.Time // first instant of the period
	snapshot     time.Time // first instant after the period
	windowDays   int
	includeTruth bool
	month        int     // 0 or 1: the first month
	moveRate     float64 // share of accounts moving at each month from 2
}

func (c Config) settings() (settings, error) {
	s := settings{n: c.N, seed: c.Seed, clean: c.Clean, events: c.EventsPerAccount, includeTruth: c.IncludeTruth}
	if c.N < 0 {
		return s, fmt.Errorf("%w: N = %d, want >= 0", ErrConfig, c.N)
	}
	if s.n == 0 {
		s.n = DefaultN
	}
	sep := c.Separation
	if sep < 0 || math.IsNaN(sep) || math.IsInf(sep, 0) {
		return s, fmt.Errorf("%w: Separation = %v, want a finite value >= 0", ErrConfig, sep)
	}
	if sep == 0 {
		sep = DefaultSeparation
	}
	s.noise = 1 / sep
	if c.EventsPerAccount < 0 || math.IsNaN(c.EventsPerAccount) || math.IsInf(c.EventsPerAccount, 0) {
		return s, fmt.Errorf("%w: EventsPerAccount = %v, want a finite value >= 0", ErrConfig, c.EventsPerAccount)
	}
	if s.events == 0 {
		s.events = DefaultEventsPerAccount
	}
	s.month, s.moveRate = c.Month, c.MoveRate
	if c.Month < 0 {
		return s, fmt.Errorf("%w: Month = %d, want >= 0", ErrConfig, c.Month)
	}
	if !(c.MoveRate >= 0 && c.MoveRate <= 1) {
		return s, fmt.Errorf("%w: MoveRate = %v, want a value in [0, 1]", ErrConfig, c.MoveRate)
	}
	if s.moveRate == 0 {
		s.moveRate = DefaultMoveRate
	}
	start, end := day(c.Start), day(c.End)
	switch {
	case c.Start.IsZero() && c.End.IsZero():
		start, end = defaultStart, defaultEnd
	case c.Start.IsZero():
		start = end.AddDate(-1, 0, 1)
	case c.End.IsZero():
		end = start.AddDate(1, 0, -1)
	}
	if end.Before(start) {
		return s, fmt.Errorf("%w: End %s is before Start %s", ErrConfig, end.Format(time.DateOnly), start.Format(time.DateOnly))
	}
	s.start = start
	s.snapshot = end.AddDate(0, 0, 1)
	s.windowDays = int(s.snapshot.Sub(start).Hours()/24 + 0.5)
	return s, nil
}

// day truncates t to midnight UTC of its (UTC) date.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
