package synth

import (
	"fmt"
	"math"
	"time"
)

// TablesConfig describes a synthetic multi-table export (WriteTables). The
// zero value is usable: every zero field means the documented default.
type TablesConfig struct {
	// N is the number of accounts in the accounts table, former customers
	// included. Zero means 1000; negative is an error.
	N int

	// Seed selects the random streams; the same TablesConfig always gives
	// the same files, byte for byte.
	Seed uint64

	// Separation scales how far apart the personas lie, as in Config.
	Separation float64

	// EventsPerAccount is the mean number of usage events per account over
	// the whole export (history and horizon). Zero means 100; negative is
	// an error. 200,000 accounts at the default give about 20 million
	// usage events.
	EventsPerAccount float64

	// Cutoff is the date the hidden outcomes refer to (midnight UTC; a
	// time of day is dropped). Zero means 2025-07-01.
	Cutoff time.Time

	// HistoryMonths is the history before Cutoff. Zero means 18; it must
	// be at least 6 (two 90-day decision points).
	HistoryMonths int

	// Messy adds the flaws of real exports: missing firmographics,
	// duplicate usage rows, usage of unknown subscriptions, tickets of
	// unknown accounts, an overlapping subscription and usage dated after
	// the data's end, each in about 1 account in 500 (see the package
	// documentation). Off by default.
	Messy bool

	// Gzip writes every table as .csv.gz instead of .csv.
	Gzip bool
}

// Defaults of the zero TablesConfig.
const (
	DefaultTablesEvents  = 100.0
	DefaultHistoryMonths = 18
	// HorizonDays is the horizon H of the outcomes: churn or expansion in
	// the HorizonDays days from a cutoff.
	HorizonDays = 90
	// TailDays is how long the export runs past Cutoff + HorizonDays.
	TailDays = 7
)

var defaultCutoff = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// TablesPeriod is the timeline of an export.
type TablesPeriod struct {
	// HistoryStart is the first instant of the usage, ticket, invoice and
	// touchpoint history (subscriptions may start earlier).
	HistoryStart time.Time
	// Cutoff is the snapshot date of the hidden truth.
	Cutoff time.Time
	// HorizonEnd is Cutoff + HorizonDays: the outcomes of truth.csv happen
	// in [Cutoff, HorizonEnd).
	HorizonEnd time.Time
	// DataEnd is the first instant after the export (HorizonEnd +
	// TailDays); no row is dated at or after it, except the deliberate
	// late rows of Messy.
	DataEnd time.Time
}

// Period returns the timeline of the export of c, or an ErrConfig error.
func (c TablesConfig) Period() (TablesPeriod, error) {
	s, err := c.settings()
	if err != nil {
		return TablesPeriod{}, err
	}
	return s.period(), nil
}

// tablesSettings is a validated TablesConfig with defaults filled in.
type tablesSettings struct {
	acct     settings // of the account draws, snapshot at the cutoff
	history  int64    // Unix seconds of the bounds
	cutoff   int64
	horizon  int64
	dataEnd  int64
	messy    bool
	gzip     bool
	events   float64
	decision []int64 // decision points before the cutoff, latest first
}

func (c TablesConfig) settings() (tablesSettings, error) {
	ts := tablesSettings{messy: c.Messy, gzip: c.Gzip, events: c.EventsPerAccount}
	if c.EventsPerAccount < 0 || math.IsNaN(c.EventsPerAccount) || math.IsInf(c.EventsPerAccount, 0) {
		return ts, fmt.Errorf("%w: EventsPerAccount = %v, want a finite value >= 0", ErrConfig, c.EventsPerAccount)
	}
	if ts.events == 0 {
		ts.events = DefaultTablesEvents
	}
	months := c.HistoryMonths
	if months == 0 {
		months = DefaultHistoryMonths
	}
	if months < 6 {
		return ts, fmt.Errorf("%w: HistoryMonths = %d, want >= 6", ErrConfig, c.HistoryMonths)
	}
	cut := day(c.Cutoff)
	if c.Cutoff.IsZero() {
		cut = defaultCutoff
	}
	// The account draws are those of Generate for the year before the
	// cutoff: the account table's snapshot is the cutoff.
	s, err := Config{N: c.N, Seed: c.Seed, Separation: c.Separation, Clean: !c.Messy,
		Start: cut.AddDate(-1, 0, 0), End: cut.AddDate(0, 0, -1)}.settings()
	if err != nil {
		return ts, err
	}
	ts.acct = s
	ts.history = cut.AddDate(0, -months, 0).Unix()
	ts.cutoff = cut.Unix()
	ts.horizon = ts.cutoff + HorizonDays*secondsPerDay
	ts.dataEnd = ts.horizon + TailDays*secondsPerDay
	// Decision points every HorizonDays back from the cutoff, each with a
	// full 90-day ticket window inside the history.
	for d := ts.cutoff - HorizonDays*secondsPerDay; d-HorizonDays*secondsPerDay >= ts.history; d -= HorizonDays * secondsPerDay {
		ts.decision = append(ts.decision, d)
	}
	return ts, nil
}

func (ts tablesSettings) period() TablesPeriod {
	u := func(t int64) time.Time { return time.Unix(t, 0).UTC() }
	return TablesPeriod{HistoryStart: u(ts.history), Cutoff: u(ts.cutoff), HorizonEnd: u(ts.horizon), DataEnd: u(ts.dataEnd)}
}
