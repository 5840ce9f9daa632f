package dataset

import (
	"fmt"
	"unicode/utf8"
)

// CheckText refuses a column of cols whose name or categorical values are
// not UTF-8 (a Latin-1 or Windows-1252 export) with a *ColumnError wrapping
// ErrParse. JSON encoders replace such bytes silently, so a level written
// into a model file would never match the data scored. The message names
// the row, never the value. Columns t lacks are passed over.
func (t *Table) CheckText(cols []string) error {
	const hint = "not UTF-8 text (convert a Latin-1 or Windows-1252 export first, e.g. iconv -f latin1 -t utf-8)"
	for _, name := range cols {
		if !utf8.ValidString(name) {
			return &ColumnError{Column: name, Row: -1, Err: fmt.Errorf("%w: column name %s", ErrParse, hint)}
		}
		c, err := t.Column(name)
		if err != nil || c.Kind != Categorical {
			continue
		}
		for i, v := range c.Str {
			if !utf8.ValidString(v) {
				return &ColumnError{Column: name, Row: i, Err: fmt.Errorf("%w: %s", ErrParse, hint)}
			}
		}
	}
	return nil
}
