package dataset

import (
	"fmt"
)

// Schema describes the columns a Table must have: the ID column and, for
// each named column, its kind and whether it is required. It is written as
// JSON like
//
//	{"id":"account_id","columns":[{"name":"mrr","kind":"numeric","required":true}]}
type Schema struct {
	// ID names the ID column; empty when the table has none.
	ID      string         `json:"id,omitempty"`
	Columns []ColumnSchema `json:"columns"`
}

// ColumnSchema describes one column.
type ColumnSchema struct {
	Name     string `json:"name"`
	Kind     Kind   `json:"kind"`
	Required bool   `json:"required,omitempty"`
}

// SchemaOf returns the schema of t, with every column required.
func SchemaOf(t *Table) *Schema {
	s := &Schema{ID: t.IDName, Columns: make([]ColumnSchema, 0, len(t.cols))}
	if t.IDs == nil {
		s.ID = ""
	}
	for _, c := range t.cols {
		s.Columns = append(s.Columns, ColumnSchema{Name: c.Name, Kind: c.Kind, Required: true})
	}
	return s
}

// Validate checks t against the schema: required columns present, listed
// columns of the right kind, and, when the schema names an ID column, IDs
// present, non-empty and unique. The first problem is returned as a
// *ColumnError wrapping ErrColumnNotFound, ErrKind, ErrEmptyID or
// ErrDuplicateID.
func (s *Schema) Validate(t *Table) error {
	if s.ID != "" {
		if t.IDs == nil || t.IDName != s.ID {
			return &ColumnError{Column: s.ID, Row: -1, Err: fmt.Errorf("ID column: %w (table ID column is %q)", ErrColumnNotFound, t.IDName)}
		}
		if err := t.CheckIDs(); err != nil {
			return err
		}
	}
	for _, cs := range s.Columns {
		c, err := t.Column(cs.Name)
		if err != nil {
			if cs.Required {
				return err
			}
			continue
		}
		if c.Kind != cs.Kind {
			return &ColumnError{Column: cs.Name, Row: -1, Err: fmt.Errorf("%w: is %v, schema says %v", ErrKind, c.Kind, cs.Kind)}
		}
	}
	return nil
}

// CheckIDs reports the first empty account ID (ErrEmptyID) or repeated one
// (ErrDuplicateID, naming both rows) as a *ColumnError on the ID column. A
// table without IDs passes.
func (t *Table) CheckIDs() error {
	if t.IDs == nil {
		return nil
	}
	seen := make(map[string]int, len(t.IDs))
	for i, id := range t.IDs {
		if id == "" {
			return &ColumnError{Column: t.IDName, Row: i, Err: ErrEmptyID}
		}
		if j, dup := seen[id]; dup {
			return &ColumnError{Column: t.IDName, Row: i, Err: fmt.Errorf("%w: %q also in row %d", ErrDuplicateID, id, j)}
		}
		seen[id] = i
	}
	return nil
}
