package drift

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Epsilon is the share an empty bin counts as in the PSI (on either side),
// so that a bin empty in training but not now, or the reverse, adds a
// large finite term instead of an infinite one.
const Epsilon = 1e-4

// Default thresholds of the PSI (Siddiqi 2006; Yurdakul 2018).
const (
	DefaultWarn  = 0.1
	DefaultAlert = 0.25
)

// Statuses of a Result.
const (
	StatusOK    = "ok"
	StatusWarn  = "warn"
	StatusAlert = "alert"
)

// Thresholds of the PSI from which a column's status is StatusWarn and
// StatusAlert. The zero value means DefaultWarn and DefaultAlert.
type Thresholds struct {
	Warn, Alert float64
}

// withDefaults checks th and fills in the defaults.
func (th Thresholds) withDefaults() (Thresholds, error) {
	th.Warn = cmp.Or(th.Warn, DefaultWarn)
	th.Alert = cmp.Or(th.Alert, DefaultAlert)
	if !(th.Warn > 0 && th.Warn <= th.Alert) || math.IsInf(th.Alert, 0) {
		return th, fmt.Errorf("drift: %w: need 0 < warn (%v) <= alert (%v), finite", ErrConfig, th.Warn, th.Alert)
	}
	return th, nil
}

// Status returns the status of a PSI: StatusAlert from Alert on,
// StatusWarn from Warn on, StatusOK below.
func (th Thresholds) Status(psi float64) string {
	switch {
	case psi >= th.Alert:
		return StatusAlert
	case psi >= th.Warn:
		return StatusWarn
	}
	return StatusOK
}

// Report is the drift of each column of a Reference: its PSI and status.
type Report struct {
	Warn    float64  `json:"warn"`
	Alert   float64  `json:"alert"`
	Columns []Result `json:"columns"`
}

// Result is the drift of one column or score.
type Result struct {
	Column string  `json:"column"`
	Kind   string  `json:"kind"` // Feature or Score
	PSI    float64 `json:"psi"`
	Status string  `json:"status"`
	// Rows is the number of accounts counted.
	Rows int64 `json:"rows"`
	Bins []Bin `json:"bins"`
}

// Bin is one bin of a Result: its label ("<= 3", "(3, 7]", "> 7",
// "missing", a level, "other"), training share and share now.
type Bin struct {
	Label    string  `json:"bin"`
	Expected float64 `json:"expected"`
	Actual   float64 `json:"actual"`
}

// PSI returns the population stability index of the shares actual against
// expected: sum of (a_i - e_i) ln(a_i / e_i), each share floored at
// Epsilon. The two must have the same length.
func PSI(expected, actual []float64) float64 {
	var psi float64
	for i, e := range expected {
		e, a := max(e, Epsilon), max(actual[i], Epsilon)
		psi += (a - e) * math.Log(a/e)
	}
	return psi
}

// Report compares the counts of tl with the reference shares: the PSI and
// status of every column, in the Reference's order. It fails with
// ErrConfig for bad thresholds and ErrEmpty (naming the column) when a
// column counted no account.
func (tl *Tally) Report(th Thresholds) (*Report, error) {
	th, err := th.withDefaults()
	if err != nil {
		return nil, err
	}
	rep := &Report{Warn: th.Warn, Alert: th.Alert, Columns: make([]Result, len(tl.Counts))}
	for j, counts := range tl.Counts {
		c := &tl.b.ref.Columns[j]
		n := sum(counts)
		if n == 0 {
			return nil, fmt.Errorf("drift: report: %w", columnErr(c.Name, ErrEmpty))
		}
		actual := shares(counts)
		psi := PSI(c.Shares, actual)
		r := Result{Column: c.Name, Kind: c.Kind, PSI: psi, Status: th.Status(psi), Rows: n, Bins: make([]Bin, len(counts))}
		for k := range counts {
			r.Bins[k] = Bin{Label: c.binLabel(k), Expected: c.Shares[k], Actual: actual[k]}
		}
		rep.Columns[j] = r
	}
	return rep, nil
}

// Count returns the number of columns with the given status.
func (r *Report) Count(status string) int {
	n := 0
	for _, c := range r.Columns {
		if c.Status == status {
			n++
		}
	}
	return n
}

// binLabel names bin k of c.
func (c *Column) binLabel(k int) string {
	if c.Type == Categorical {
		switch k {
		case len(c.Levels):
			return "other"
		case len(c.Levels) + 1:
			return "missing"
		}
		return c.Levels[k]
	}
	e := c.Edges
	switch {
	case k == len(e)+1:
		return "missing"
	case len(e) == 0:
		return "any value"
	case k == 0:
		return "<= " + c.format(e[0])
	case k == len(e):
		return "> " + c.format(e[k-1])
	}
	return "(" + c.format(e[k-1]) + ", " + c.format(e[k]) + "]"
}

// format writes an edge: a date as a date (and time when not midnight),
// else the shortest decimal that reads back as the edge.
func (c *Column) format(x float64) string {
	if c.Type != Date || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	sec, frac := math.Modf(x)
	t := time.Unix(int64(sec), int64(frac*1e9)).UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}
