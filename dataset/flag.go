package dataset

import (
	"errors"
	"fmt"
	"strings"
)

// ParseFlag reads a yes/no value written as text: "1", "true", "yes",
// "t" or "y" is true, "0", "false", "no", "f" or "n" is false, ignoring
// case and surrounding blanks. ok is false for anything else, the empty
// string included, so that each caller decides what an unreadable or
// absent flag means (an error for a label, unknown for a KPI).
func ParseFlag(s string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "t", "y":
		return true, true
	case "0", "false", "no", "f", "n":
		return false, true
	}
	return false, false
}

// BinaryLabels reads the column name of t as a 0/1 label, one value per
// row: numeric 0 or 1, or a yes/no text (ParseFlag). A missing value
// (ErrMissing), another number or text (ErrParse) or a date column
// (ErrKind) fails with a *ColumnError naming the column and, for a value,
// its row; every *ColumnError also wraps ErrLabel. Unlike a KPI flag, a
// label has no "unknown".
func BinaryLabels(t *Table, name string) ([]float64, error) {
	y, err := binaryLabels(t, name)
	var ce *ColumnError
	if errors.As(err, &ce) {
		return nil, &ColumnError{Column: name, Row: ce.Row, Err: fmt.Errorf("%w: %w", ErrLabel, ce.Err)}
	}
	return y, err
}

// binaryLabels is BinaryLabels without the ErrLabel mark.
func binaryLabels(t *Table, name string) ([]float64, error) {
	c, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	if c.Kind != Numeric && c.Kind != Categorical {
		return nil, &ColumnError{Column: name, Row: -1, Err: fmt.Errorf("%w: a %v column cannot be a label", ErrKind, c.Kind)}
	}
	y := make([]float64, c.Len())
	for i := range y {
		switch {
		case c.IsMissing(i):
			return nil, &ColumnError{Column: name, Row: i, Err: fmt.Errorf("%w: label", ErrMissing)}
		case c.Kind == Numeric:
			if v := c.Num[i]; v != 0 && v != 1 {
				return nil, &ColumnError{Column: name, Row: i, Err: fmt.Errorf("%w: value %v is not 0 or 1", ErrParse, v)}
			}
			y[i] = c.Num[i]
		default:
			v, ok := ParseFlag(c.Str[i])
			if !ok {
				return nil, &ColumnError{Column: name, Row: i, Err: fmt.Errorf("%w: value %q is not a yes/no flag", ErrParse, c.Str[i])}
			}
			if v {
				y[i] = 1
			}
		}
	}
	return y, nil
}
