package dataset

import (
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/segmenta/segmenta/internal/errs"
)

// Kind is the type of a column.
type Kind int

const (
	// Numeric columns hold float64 values.
	Numeric Kind = iota
	// Categorical columns hold strings from a (usually small) set of levels.
	Categorical
	// Date columns hold instants (UTC).
	Date
)

// String returns the name of the kind as used in schemas ("numeric",
// "categorical", "date").
func (k Kind) String() string {
	switch k {
	case Numeric:
		return "numeric"
	case Categorical:
		return "categorical"
	case Date:
		return "date"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind is the inverse of Kind.String.
func ParseKind(s string) (Kind, error) {
	switch s {
	case "numeric", "number", "float":
		return Numeric, nil
	case "categorical", "category", "string":
		return Categorical, nil
	case "date", "time", "datetime":
		return Date, nil
	}
	return 0, fmt.Errorf("dataset: unknown column kind %q", s)
}

// Errors reported by Table operations. They are wrapped with the column or
// row they concern; test with errors.Is.
// ErrLength, ErrKind, ErrNonFinite and ErrEmpty are the values other
// segmenta packages report for the same conditions (cluster.ErrNonFinite is
// dataset.ErrNonFinite, and so on).
var (
	ErrColumnNotFound = errors.New("column not found")
	ErrDuplicateName  = errors.New("duplicate column name")
	ErrLength         = errs.ErrLength
	ErrKind           = errs.ErrKind
	ErrNonFinite      = errs.ErrNonFinite
	ErrDuplicateID    = errors.New("duplicate account ID")
	ErrEmpty          = errs.ErrEmpty
)

// ColumnError ties an error to a column and, when known, to a row (0-based
// row index; -1 when the whole column is concerned). It is the one
// column-positional error type of segmenta: cluster, predict, report and
// the root package return it too (it is defined in internal/errs, which
// they can all import).
type ColumnError = errs.ColumnError

// Column is one typed column of a Table. Exactly one of Num, Str and Time is
// used, according to Kind. Missing, when non-nil, has one entry per row and
// marks values that are absent; the value slot of a missing entry holds the
// zero value and must be ignored.
type Column struct {
	Name    string
	Kind    Kind
	Num     []float64
	Str     []string
	Time    []time.Time
	Missing []bool

	interned bool // see Interned
}

// Len returns the number of rows of the column.
func (c *Column) Len() int {
	switch c.Kind {
	case Numeric:
		return len(c.Num)
	case Categorical:
		return len(c.Str)
	default:
		return len(c.Time)
	}
}

// IsMissing reports whether row i is missing.
func (c *Column) IsMissing(i int) bool { return c.Missing != nil && c.Missing[i] }

// NumMissing counts the missing rows.
func (c *Column) NumMissing() int {
	n := 0
	for _, m := range c.Missing {
		if m {
			n++
		}
	}
	return n
}

// subset returns a copy of the column restricted to rows.
func (c *Column) subset(rows []int) *Column {
	out := &Column{Name: c.Name, Kind: c.Kind, interned: c.interned}
	if c.Missing != nil {
		out.Missing = make([]bool, len(rows))
		for j, i := range rows {
			out.Missing[j] = c.Missing[i]
		}
	}
	switch c.Kind {
	case Numeric:
		out.Num = make([]float64, len(rows))
		for j, i := range rows {
			out.Num[j] = c.Num[i]
		}
	case Categorical:
		out.Str = make([]string, len(rows))
		for j, i := range rows {
			out.Str[j] = c.Str[i]
		}
	default:
		out.Time = make([]time.Time, len(rows))
		for j, i := range rows {
			out.Time[j] = c.Time[i]
		}
	}
	return out
}

// Table is a set of equal-length typed columns with one row per account. The
// ID column is kept apart from the feature columns. A Table is not safe for
// concurrent mutation; reading it concurrently is safe.
type Table struct {
	// IDName is the header of the ID column (for example "account_id").
	IDName string
	// IDs holds one account ID per row. It may be nil for tables without IDs
	// (for example event logs), in which case the row count comes from the
	// columns.
	IDs   []string
	cols  []*Column
	index map[string]int
}

// NewTable returns an empty table with the given ID column. ids may be nil.
func NewTable(idName string, ids []string) *Table {
	return &Table{IDName: idName, IDs: ids, index: map[string]int{}}
}

// Len returns the number of rows.
func (t *Table) Len() int {
	if t.IDs != nil {
		return len(t.IDs)
	}
	if len(t.cols) > 0 {
		return t.cols[0].Len()
	}
	return 0
}

// NumColumns returns the number of columns, not counting the ID column.
func (t *Table) NumColumns() int { return len(t.cols) }

// Columns returns the columns in order. The slice must not be modified.
func (t *Table) Columns() []*Column { return t.cols }

// Names returns the column names in order (without the ID column).
func (t *Table) Names() []string {
	out := make([]string, len(t.cols))
	for i, c := range t.cols {
		out[i] = c.Name
	}
	return out
}

// Has reports whether the table has a column with that name.
func (t *Table) Has(name string) bool { _, ok := t.index[name]; return ok }

// Column returns the named column, or an error wrapping ErrColumnNotFound.
func (t *Table) Column(name string) (*Column, error) {
	i, ok := t.index[name]
	if !ok {
		return nil, &ColumnError{Column: name, Row: -1, Err: ErrColumnNotFound}
	}
	return t.cols[i], nil
}

// AddColumn appends c after checking its name, length and values (numeric
// values must be finite unless marked missing).
func (t *Table) AddColumn(c *Column) error {
	if t.index == nil {
		t.index = map[string]int{}
	}
	if _, dup := t.index[c.Name]; dup || (c.Name == t.IDName && t.IDName != "") {
		return &ColumnError{Column: c.Name, Row: -1, Err: ErrDuplicateName}
	}
	if (t.IDs != nil || len(t.cols) > 0) && c.Len() != t.Len() {
		return &ColumnError{Column: c.Name, Row: -1, Err: fmt.Errorf("%w: %d rows, table has %d", ErrLength, c.Len(), t.Len())}
	}
	if c.Missing != nil && len(c.Missing) != c.Len() {
		return &ColumnError{Column: c.Name, Row: -1, Err: fmt.Errorf("%w: missing mask has %d rows, column %d", ErrLength, len(c.Missing), c.Len())}
	}
	if c.Kind == Numeric {
		for i, v := range c.Num {
			if !c.IsMissing(i) && (v != v || v > maxFloat || v < -maxFloat) {
				return &ColumnError{Column: c.Name, Row: i, Err: ErrNonFinite}
			}
		}
	}
	t.index[c.Name] = len(t.cols)
	t.cols = append(t.cols, c)
	return nil
}

const maxFloat = 1.7976931348623157e308

// AddNumeric appends a numeric column. missing may be nil.
func (t *Table) AddNumeric(name string, vals []float64, missing []bool) error {
	return t.AddColumn(&Column{Name: name, Kind: Numeric, Num: vals, Missing: missing})
}

// AddCategorical appends a categorical column. missing may be nil.
func (t *Table) AddCategorical(name string, vals []string, missing []bool) error {
	return t.AddColumn(&Column{Name: name, Kind: Categorical, Str: vals, Missing: missing})
}

// AddDate appends a date column. missing may be nil.
func (t *Table) AddDate(name string, vals []time.Time, missing []bool) error {
	return t.AddColumn(&Column{Name: name, Kind: Date, Time: vals, Missing: missing})
}

// Numeric returns the values of a numeric column, or an error if the column
// is absent or of another kind.
func (t *Table) Numeric(name string) (*Column, error) { return t.typed(name, Numeric) }

// Categorical returns a categorical column, or an error if the column is
// absent or of another kind.
func (t *Table) Categorical(name string) (*Column, error) { return t.typed(name, Categorical) }

// DateColumn returns a date column, or an error if the column is absent or of
// another kind.
func (t *Table) DateColumn(name string) (*Column, error) { return t.typed(name, Date) }

func (t *Table) typed(name string, k Kind) (*Column, error) {
	c, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	if c.Kind != k {
		return nil, &ColumnError{Column: name, Row: -1, Err: fmt.Errorf("%w: is %v, want %v", ErrKind, c.Kind, k)}
	}
	return c, nil
}

// Subset returns a new table holding the given rows, in that order.
func (t *Table) Subset(rows []int) *Table {
	out := NewTable(t.IDName, nil)
	if t.IDs != nil {
		out.IDs = make([]string, len(rows))
		for j, i := range rows {
			out.IDs[j] = t.IDs[i]
		}
	}
	for _, c := range t.cols {
		out.index[c.Name] = len(out.cols)
		out.cols = append(out.cols, c.subset(rows))
	}
	return out
}

// Slice returns a view of rows [lo, hi): a table whose columns share the
// memory of t's (capped, so that appending to them copies). It panics if the
// range is out of bounds, as slicing does.
func (t *Table) Slice(lo, hi int) *Table {
	if lo < 0 || hi < lo || hi > t.Len() {
		panic(fmt.Sprintf("dataset: Slice(%d, %d) of a table of %d rows", lo, hi, t.Len()))
	}
	out := &Table{IDName: t.IDName, index: maps.Clone(t.index), cols: make([]*Column, len(t.cols))}
	if t.IDs != nil {
		out.IDs = t.IDs[lo:hi:hi]
	}
	views := make([]Column, len(t.cols)) // one allocation for all columns
	for j, c := range t.cols {
		v := &views[j]
		v.Name, v.Kind, v.interned = c.Name, c.Kind, c.interned
		if c.Missing != nil {
			v.Missing = c.Missing[lo:hi:hi]
		}
		switch c.Kind {
		case Numeric:
			v.Num = c.Num[lo:hi:hi]
		case Categorical:
			v.Str = c.Str[lo:hi:hi]
		default:
			v.Time = c.Time[lo:hi:hi]
		}
		out.cols[j] = v
	}
	return out
}

// Select returns a table sharing the named columns (not copied), in the given
// order, with the same IDs.
func (t *Table) Select(names ...string) (*Table, error) {
	out := NewTable(t.IDName, t.IDs)
	for _, n := range names {
		c, err := t.Column(n)
		if err != nil {
			return nil, err
		}
		out.index[n] = len(out.cols)
		out.cols = append(out.cols, c)
	}
	return out, nil
}

// MarshalText writes the kind as its String, so that schemas hold "numeric"
// rather than 0.
func (k Kind) MarshalText() ([]byte, error) {
	if k < Numeric || k > Date {
		return nil, fmt.Errorf("dataset: cannot marshal %v", k)
	}
	return []byte(k.String()), nil
}

// UnmarshalText parses a kind with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}
