package privacy

import (
	"fmt"
	"strings"

	"github.com/segmenta/segmenta/dataset"
)

// ParseConsent reads a consent value: true, t, yes, y, ja, j, 1, x, on,
// wahr mean consent; false, f, no, n, nein, 0, off, falsch mean none
// (case and surrounding space ignored). ok is false for anything else.
func ParseConsent(s string) (consent, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "t", "yes", "y", "ja", "j", "1", "x", "on", "wahr":
		return true, true
	case "false", "f", "no", "n", "nein", "0", "off", "falsch":
		return false, true
	}
	return false, false
}

// ConsentCounts counts the rows of a table by consent. Rows without
// consent are Refused + Missing + Invalid: a missing or unrecognised value
// is no consent.
type ConsentCounts struct {
	Rows    int `json:"rows"`    // rows examined
	Given   int `json:"given"`   // consent given: kept
	Refused int `json:"refused"` // an explicit no
	Missing int `json:"missing"` // no value
	Invalid int `json:"invalid"` // a value ParseConsent does not recognise
	// FirstInvalidRow is the 0-based row of the first unrecognised value,
	// -1 if none, so that a caller can refuse such input naming the row.
	FirstInvalidRow int `json:"first_invalid_row"`
}

// Without returns the rows left out: Refused + Missing + Invalid.
func (c ConsentCounts) Without() int { return c.Refused + c.Missing + c.Invalid }

// ConsentRows returns the rows of t (in order) whose consent column says
// yes, with the counts. The column may be categorical (ParseConsent) or
// numeric (1 consent, 0 none, anything else invalid); a date column is an
// error (dataset.ErrKind), and so is an absent one
// (dataset.ErrColumnNotFound).
func ConsentRows(t *dataset.Table, column string) ([]int, ConsentCounts, error) {
	cnt := ConsentCounts{FirstInvalidRow: -1}
	col, err := t.Column(column)
	if err != nil {
		return nil, cnt, fmt.Errorf("privacy: consent: %w", err)
	}
	if col.Kind == dataset.Date {
		return nil, cnt, fmt.Errorf("privacy: consent: %w", &dataset.ColumnError{Column: column, Row: -1,
			Err: fmt.Errorf("%w: is %v, want categorical or numeric", dataset.ErrKind, col.Kind)})
	}
	n := col.Len()
	rows := make([]int, 0, n)
	cnt.Rows = n
	for i := 0; i < n; i++ {
		if col.IsMissing(i) {
			cnt.Missing++
			continue
		}
		var yes, ok bool
		if col.Kind == dataset.Numeric {
			yes, ok = col.Num[i] == 1, col.Num[i] == 1 || col.Num[i] == 0
		} else {
			yes, ok = ParseConsent(col.Str[i])
		}
		switch {
		case !ok:
			cnt.Invalid++
			if cnt.FirstInvalidRow < 0 {
				cnt.FirstInvalidRow = i
			}
		case yes:
			cnt.Given++
			rows = append(rows, i)
		default:
			cnt.Refused++
		}
	}
	return rows, cnt, nil
}

// FilterConsent returns the rows of t whose consent column says yes (see
// ConsentRows), as a new table (t itself when every row has consent), and
// the counts. Rows without consent are left out of fitting and scoring.
func FilterConsent(t *dataset.Table, column string) (*dataset.Table, ConsentCounts, error) {
	rows, cnt, err := ConsentRows(t, column)
	if err != nil {
		return nil, cnt, err
	}
	if len(rows) == t.Len() {
		return t, cnt, nil
	}
	return t.Subset(rows), cnt, nil
}
