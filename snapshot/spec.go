package snapshot

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/segmenta/segmenta/dataset"
	yaml "go.yaml.in/yaml/v3"
)

// Version is the spec version this package reads and writes.
const Version = 1

// Spec describes a multi-table export and how it becomes one row per
// account as of a cutoff. It reads from YAML or JSON (ParseSpec); field
// names below are the YAML/JSON keys. See the package documentation for an
// example.
type Spec struct {
	// Version must be 1.
	Version int `yaml:"version" json:"version"`
	// DataEnd, when set, is the instant the export was taken (a date or
	// date-time in the layouts of DateSpec's defaults, UTC): rows dated
	// after it are dropped and counted, and labels whose horizon reaches
	// past it are missing (censored). Empty means the latest date of any
	// event or interval start.
	DataEnd string `yaml:"data_end,omitempty" json:"data_end,omitempty"`
	// Accounts says which accounts make a snapshot's rows.
	Accounts AccountsSpec `yaml:"accounts" json:"accounts"`
	// Tables are the tables of the export.
	Tables []TableSpec `yaml:"tables" json:"tables"`
	// Labels, when set, defines the outcomes after the cutoff.
	Labels *LabelSpec `yaml:"labels,omitempty" json:"labels,omitempty"`

	// Dir is the directory relative paths are resolved against (the
	// spec file's directory with ReadSpecFile; empty: the working one).
	Dir string `yaml:"-" json:"-"`
	// Open, when set, gives the Source of a table, or nil for the default
	// (the CSV file at its path). A table with a Query needs it.
	Open func(t *TableSpec) Source `yaml:"-" json:"-"`
	pos  pos
}

// AccountsSpec names where accounts come from: exactly one of Table and From.
type AccountsSpec struct {
	// Table names the accounts table: its Key lists every account, each
	// in every snapshot (or excluded and counted). With a Time column, an
	// account created at or after the cutoff is not yet one.
	Table string `yaml:"table,omitempty" json:"table,omitempty"`
	// From names an events table: the accounts are those with a row
	// before the cutoff (for exports without an accounts table, such as
	// retail transactions).
	From string `yaml:"from,omitempty" json:"from,omitempty"`
	// Attributes are columns of the accounts table copied into the
	// snapshot as they are (firmographics: industry, employees...).
	Attributes []string `yaml:"attributes,omitempty" json:"attributes,omitempty"`
	pos        pos
}

// TableSpec is one table of the export and how it relates to accounts.
type TableSpec struct {
	// Name identifies the table in relations and prefixes its features
	// ("usage_frequency").
	Name string `yaml:"name" json:"name"`
	// Path is a CSV file, gzip-compressed when it ends in .gz; with Query,
	// the database to run it against (a postgres:// DSN without a
	// password, which would be recorded in model files: PGPASSWORD or
	// ~/.pgpass give it; empty: the PG* environment variables).
	Path string `yaml:"path" json:"path"`
	// Query, when set, is a SELECT giving the table's rows, read through
	// Spec.Open (the segmenta command opens it in PostgreSQL with pgio).
	Query string `yaml:"query,omitempty" json:"query,omitempty"`
	// Key is the table's own unique key column (required for the accounts
	// table and for a table other tables reach through Via).
	Key string `yaml:"key,omitempty" json:"key,omitempty"`
	// Account is the column holding the account of each row (a direct
	// relation). Exclusive with Via; the accounts table needs neither.
	Account string `yaml:"account,omitempty" json:"account,omitempty"`
	// Via relates the table to accounts through another table (a bridge:
	// usage -> subscription -> account).
	Via *ViaSpec `yaml:"via,omitempty" json:"via,omitempty"`
	// Time is the event time column (required for events).
	Time string `yaml:"time,omitempty" json:"time,omitempty"`
	// Dates are the layouts and zone of every date column of the table.
	Dates DateSpec `yaml:"dates,omitempty" json:"dates,omitempty"`
	// Kinds fixes the kind ("numeric", "categorical") of columns whose
	// kind inference would get wrong (invoice numbers that look numeric).
	Kinds map[string]string `yaml:"kinds,omitempty" json:"kinds,omitempty"`
	// Duplicates is what to do with rows equal in every column the spec
	// reads: "drop" (the default: keep the first, count the others),
	// "keep" (count them only) or "error". In a table with a time column,
	// these compare a row with the earlier rows of its account at the same
	// time while that is the account's latest time: every duplicate of a
	// log in time order within each account is found, and memory holds a
	// row per account, not per event; rows out of that order are kept
	// and counted (TableReport.Unordered). "drop-anywhere" compares with
	// every earlier row, in any order, at a memory cost per row.
	Duplicates string `yaml:"duplicates,omitempty" json:"duplicates,omitempty"`
	// Events aggregates the table as an event log; Interval as intervals
	// (subscriptions, contracts). At most one; a table with neither only
	// serves relations or labels.
	Events   *EventsSpec   `yaml:"events,omitempty" json:"events,omitempty"`
	Interval *IntervalSpec `yaml:"interval,omitempty" json:"interval,omitempty"`
	pos      pos
}

// ViaSpec is a bridge: Column of this table holds keys of Table.
type ViaSpec struct {
	Column string `yaml:"column" json:"column"`
	Table  string `yaml:"table" json:"table"`
	pos    pos
}

// DateSpec says how the date columns of a table read.
type DateSpec struct {
	// Layouts are Go time layouts ("2006-01-02", "02/01/2006 15:04").
	// Every layout is tried on every value: a value that reads as two
	// different instants is an error (ErrAmbiguousDate), never a guess.
	// Nil means the ISO forms: RFC 3339, "2006-01-02T15:04:05",
	// "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04",
	// "2006-01-02".
	Layouts []string `yaml:"layouts,omitempty" json:"layouts,omitempty"`
	// Zone is the IANA time zone of values without an offset
	// ("Europe/Berlin"); empty means UTC.
	Zone string `yaml:"zone,omitempty" json:"zone,omitempty"`
	pos  pos
}

// EventsSpec aggregates an event table per account (features.Aggregation).
type EventsSpec struct {
	// Windows are look-back windows in days; nil means 30, 90 and 365.
	Windows []int `yaml:"windows,omitempty" json:"windows,omitempty"`
	// TrendDays is the length of the two periods a trend compares; zero
	// means 90.
	TrendDays int `yaml:"trend_days,omitempty" json:"trend_days,omitempty"`
	// Amount, or Quantity and Price, give the monetary value of an event.
	Amount   string `yaml:"amount,omitempty" json:"amount,omitempty"`
	Quantity string `yaml:"quantity,omitempty" json:"quantity,omitempty"`
	Price    string `yaml:"price,omitempty" json:"price,omitempty"`
	// Invoice makes frequency count distinct invoices.
	Invoice string `yaml:"invoice,omitempty" json:"invoice,omitempty"`
	// Stats and Pivots summarise further columns.
	Stats  []StatSpec  `yaml:"stats,omitempty" json:"stats,omitempty"`
	Pivots []PivotSpec `yaml:"pivots,omitempty" json:"pivots,omitempty"`
	pos    pos
}

// StatSpec is a features.ColumnStat.
type StatSpec struct {
	Column string   `yaml:"column" json:"column"`
	Ops    []string `yaml:"ops" json:"ops"`
	pos    pos
}

// PivotSpec is a features.Pivot.
type PivotSpec struct {
	Column string   `yaml:"column" json:"column"`
	Levels []string `yaml:"levels,omitempty" json:"levels,omitempty"`
	Top    int      `yaml:"top,omitempty" json:"top,omitempty"`
	pos    pos
}

// IntervalSpec reads a table of intervals (features.IntervalState).
type IntervalSpec struct {
	Start   string `yaml:"start" json:"start"`
	End     string `yaml:"end,omitempty" json:"end,omitempty"`
	MRR     string `yaml:"mrr,omitempty" json:"mrr,omitempty"`
	Seats   string `yaml:"seats,omitempty" json:"seats,omitempty"`
	Plan    string `yaml:"plan,omitempty" json:"plan,omitempty"`
	Renewal string `yaml:"renewal,omitempty" json:"renewal,omitempty"`
	// Overlap is "sum" (the default) or "latest"; see features.IntervalState.
	Overlap string `yaml:"overlap,omitempty" json:"overlap,omitempty"`
	// ChangeDays is the look-back of the MRR change; zero means 90.
	ChangeDays int `yaml:"change_days,omitempty" json:"change_days,omitempty"`
	pos        pos
}

// LabelSpec defines the outcomes, from what happens in the HorizonDays
// after the cutoff.
type LabelSpec struct {
	HorizonDays int         `yaml:"horizon_days" json:"horizon_days"`
	Churn       *ChurnSpec  `yaml:"churn,omitempty" json:"churn,omitempty"`
	Upsell      *UpsellSpec `yaml:"upsell,omitempty" json:"upsell,omitempty"`
	// ActiveDays, with a churn by inactivity, makes an account active at
	// the cutoff when it has a row of that table in the ActiveDays before
	// it; zero means any row before it.
	ActiveDays int `yaml:"active_days,omitempty" json:"active_days,omitempty"`
	pos        pos
}

// ChurnSpec: churn is 1 when any of the set conditions holds.
type ChurnSpec struct {
	// Event: a row of this table (matching Where) in the horizon.
	Event *EventRef `yaml:"event,omitempty" json:"event,omitempty"`
	// Subscriptions: no interval of this interval table active at the
	// end of the horizon (every subscription ended, none renewed).
	Subscriptions string `yaml:"subscriptions,omitempty" json:"subscriptions,omitempty"`
	// Inactivity: no row of this table (matching Where) in the horizon.
	Inactivity *EventRef `yaml:"inactivity,omitempty" json:"inactivity,omitempty"`
	pos        pos
}

// UpsellSpec: upsell is 1 when the MRR at the end of the horizon exceeds
// the MRR at the cutoff by more than Fraction (of a positive MRR), or when
// an Event row falls in the horizon.
type UpsellSpec struct {
	Subscriptions string    `yaml:"subscriptions,omitempty" json:"subscriptions,omitempty"`
	Fraction      float64   `yaml:"fraction,omitempty" json:"fraction,omitempty"`
	Event         *EventRef `yaml:"event,omitempty" json:"event,omitempty"`
	pos           pos
}

// EventRef names an events table and optionally the rows that count.
type EventRef struct {
	Table string     `yaml:"table" json:"table"`
	Where *WhereSpec `yaml:"where,omitempty" json:"where,omitempty"`
	pos   pos
}

// WhereSpec keeps the rows whose Column equals Equals (text), or is above
// Above (numeric). Exactly one of Equals and Above.
type WhereSpec struct {
	Column string   `yaml:"column" json:"column"`
	Equals *string  `yaml:"equals,omitempty" json:"equals,omitempty"`
	Above  *float64 `yaml:"above,omitempty" json:"above,omitempty"`
	pos    pos
}

// pos records where a YAML mapping and each of its keys sit.
type pos struct {
	line int
	keys map[string]int
}

// at is the line of key, else of the mapping.
func (p pos) at(key string) int {
	if l, ok := p.keys[key]; ok {
		return l
	}
	return p.line
}

// decodeNode decodes a mapping node into dst (a plain alias of a spec type,
// so that its UnmarshalYAML is not called again), refusing unknown keys and
// recording lines in p.
func decodeNode[T any](n *yaml.Node, dst *T, p *pos) error {
	if n.Kind != yaml.MappingNode {
		return &SpecError{Line: n.Line, Err: fmt.Errorf("%w: want a mapping, got %q", ErrSpec, n.Value)}
	}
	allowed := map[string]bool{}
	rt := reflect.TypeOf(dst).Elem()
	for i := 0; i < rt.NumField(); i++ {
		if tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			allowed[tag] = true
		}
	}
	p.line, p.keys = n.Line, map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !allowed[k.Value] {
			return &SpecError{Line: k.Line, Field: k.Value, Err: fmt.Errorf("%w: unknown field", ErrSpec)}
		}
		p.keys[k.Value] = k.Line
	}
	return n.Decode(dst)
}

func (s *Spec) UnmarshalYAML(n *yaml.Node) error {
	type plain Spec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *AccountsSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain AccountsSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *TableSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain TableSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *ViaSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain ViaSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *DateSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain DateSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *EventsSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain EventsSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *StatSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain StatSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *PivotSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain PivotSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *IntervalSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain IntervalSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *LabelSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain LabelSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *ChurnSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain ChurnSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *UpsellSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain UpsellSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *EventRef) UnmarshalYAML(n *yaml.Node) error {
	type plain EventRef
	return decodeNode(n, (*plain)(s), &s.pos)
}

func (s *WhereSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain WhereSpec
	return decodeNode(n, (*plain)(s), &s.pos)
}

// ParseSpec reads a spec from YAML or JSON (JSON is YAML too, so one
// parser serves both and errors name lines in either) and validates it
// (Spec.Validate).
func ParseSpec(r io.Reader) (*Spec, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("snapshot: spec: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, &SpecError{Err: fmt.Errorf("%w: %v", ErrSpec, err)}
	}
	if len(root.Content) == 0 {
		return nil, &SpecError{Err: fmt.Errorf("%w: empty document", ErrSpec)}
	}
	var s Spec
	if err := root.Content[0].Decode(&s); err != nil {
		var se *SpecError
		if errors.As(err, &se) {
			return nil, se
		}
		return nil, &SpecError{Err: fmt.Errorf("%w: %v", ErrSpec, err)}
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// ReadSpecFile reads and validates the spec in path; relative table paths
// resolve against the file's directory.
func ReadSpecFile(path string) (*Spec, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("snapshot: spec: %w", err)
	}
	s, err := ParseSpec(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.Dir = filepath.Dir(path)
	return s, nil
}

// table returns the spec of the named table, or nil.
func (s *Spec) table(name string) *TableSpec {
	for i := range s.Tables {
		if s.Tables[i].Name == name {
			return &s.Tables[i]
		}
	}
	return nil
}

// TablePaths are the files the spec reads: each table's path resolved
// against Dir, in the order of Tables (so that a caller can refuse an
// output that would replace one of them).
func (s *Spec) TablePaths() []string {
	out := make([]string, len(s.Tables))
	for i := range s.Tables {
		out[i] = s.path(&s.Tables[i])
	}
	return out
}

// path resolves a table path against Dir.
func (s *Spec) path(t *TableSpec) string {
	if filepath.IsAbs(t.Path) || s.Dir == "" || t.Query != "" {
		return t.Path
	}
	return filepath.Join(s.Dir, t.Path)
}

// source is the Source of table t: Open's, else the CSV file at its path.
func (s *Spec) source(t *TableSpec) Source {
	if s.Open != nil {
		if src := s.Open(t); src != nil {
			return src
		}
	}
	if t.Query != "" {
		return errSource{&SpecError{Table: t.Name, Field: "query", Err: errors.New("a query needs a database to run in (Spec.Open; the segmenta command runs it in PostgreSQL)")}}
	}
	return CSVSource{Path: s.path(t)}
}

// errSource is a table that cannot be read.
type errSource struct{ err error }

func (e errSource) Header() ([]string, error) { return nil, e.err }
func (e errSource) Read([]string, map[string]dataset.Kind) (*dataset.Table, []int, error) {
	return nil, nil, e.err
}
