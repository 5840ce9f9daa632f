package snapshot

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// Duplicate-row policies of TableSpec.Duplicates.
const (
	DuplicatesDrop  = "drop"
	DuplicatesKeep  = "keep"
	DuplicatesError = "error"
	// DuplicatesAnywhere drops a row equal to any earlier row of the
	// table, at a memory cost that grows with the rows.
	DuplicatesAnywhere = "drop-anywhere"
)

func specErr(table string, line int, field, format string, args ...any) error {
	return &SpecError{Table: table, Field: field, Line: line, Err: fmt.Errorf("%w: %s", ErrSpec, fmt.Sprintf(format, args...))}
}

// Validate checks the spec on its own (the columns are checked against
// the tables' headers by Load). Errors are *SpecError naming the table,
// field and line; relation cycles wrap ErrCycle, a wrong version
// ErrVersion.
func (s *Spec) Validate() error {
	if s.Version != Version {
		return &SpecError{Field: "version", Line: s.pos.at("version"), Err: fmt.Errorf("%w: %d (want %d)", ErrVersion, s.Version, Version)}
	}
	if s.DataEnd != "" {
		if _, err := parseDay(s.DataEnd); err != nil {
			return specErr("", s.pos.at("data_end"), "data_end", "%v", err)
		}
	}
	if len(s.Tables) == 0 {
		return specErr("", s.pos.at("tables"), "tables", "no table")
	}
	seen := map[string]bool{}
	for i := range s.Tables {
		t := &s.Tables[i]
		if t.Name == "" || strings.ContainsAny(t.Name, ". ") {
			return specErr(t.Name, t.pos.at("name"), "name", "a table needs a name without dots or blanks")
		}
		if seen[t.Name] {
			return specErr(t.Name, t.pos.at("name"), "name", "duplicate table name")
		}
		seen[t.Name] = true
	}
	if err := s.validateAccounts(); err != nil {
		return err
	}
	for i := range s.Tables {
		if err := s.validateTable(&s.Tables[i]); err != nil {
			return err
		}
	}
	for i := range s.Tables {
		if _, err := s.chain(&s.Tables[i]); err != nil {
			return err
		}
	}
	if s.Labels != nil {
		return s.validateLabels()
	}
	return nil
}

func (s *Spec) validateAccounts() error {
	a := &s.Accounts
	line := s.pos.at("accounts")
	if (a.Table == "") == (a.From == "") {
		return specErr("", line, "accounts", "set exactly one of table and from")
	}
	if a.Table != "" {
		t := s.table(a.Table)
		switch {
		case t == nil:
			return specErr(a.Table, a.pos.at("table"), "accounts.table", "no such table")
		case t.Key == "":
			return specErr(a.Table, t.pos.line, "key", "the accounts table needs a key")
		case t.Account != "" || t.Via != nil || t.Events != nil || t.Interval != nil:
			return specErr(a.Table, t.pos.line, "account", "the accounts table takes no account, via, events or interval")
		}
		return nil
	}
	t := s.table(a.From)
	switch {
	case t == nil:
		return specErr(a.From, a.pos.at("from"), "accounts.from", "no such table")
	case t.Events == nil:
		return specErr(a.From, a.pos.at("from"), "accounts.from", "accounts come from an events table")
	case len(a.Attributes) > 0:
		return specErr("", a.pos.at("attributes"), "accounts.attributes", "attributes need an accounts table")
	}
	return nil
}

func (s *Spec) isAccounts(t *TableSpec) bool { return t.Name == s.Accounts.Table }

func (s *Spec) validateTable(t *TableSpec) error {
	bad := func(field, format string, args ...any) error {
		return specErr(t.Name, t.pos.at(field), field, format, args...)
	}
	if t.Path == "" && t.Query == "" {
		return bad("path", "no path")
	}
	if t.Query != "" && t.Path != "" {
		u, err := url.Parse(t.Path)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return bad("path", "with a query, the path is a postgres:// DSN (or empty: the PG* environment)")
		}
		if _, has := u.User.Password(); has || u.Query().Has("password") {
			return bad("path", "a password in the spec would be recorded in model files: give it with PGPASSWORD or ~/.pgpass")
		}
	}
	if !s.isAccounts(t) && (t.Account == "") == (t.Via == nil) {
		return bad("account", "set exactly one of account (a column holding the account) and via (a bridge)")
	}
	if t.Via != nil {
		if t.Via.Column == "" || t.Via.Table == "" {
			return bad("via", "via needs column and table")
		}
		target := s.table(t.Via.Table)
		if target == nil {
			return specErr(t.Name, t.Via.pos.at("table"), "via.table", "no table %q", t.Via.Table)
		}
		if target.Key == "" {
			return specErr(t.Name, t.Via.pos.at("table"), "via.table", "table %q has no key to reach it by", t.Via.Table)
		}
	}
	switch t.Duplicates {
	case "", DuplicatesDrop, DuplicatesKeep, DuplicatesError, DuplicatesAnywhere:
	default:
		return bad("duplicates", "unknown policy %q (drop, drop-anywhere, keep, error)", t.Duplicates)
	}
	for col, k := range t.Kinds {
		kind, err := dataset.ParseKind(k)
		if err != nil || kind == dataset.Date {
			return specErr(t.Name, t.pos.at("kinds"), "kinds", "column %q: kind %q is not numeric or categorical (dates are read through time fields)", col, k)
		}
	}
	if t.Dates.Zone != "" {
		if _, err := time.LoadLocation(t.Dates.Zone); err != nil {
			return specErr(t.Name, t.Dates.pos.at("zone"), "dates.zone", "%v", err)
		}
	}
	for _, l := range t.Dates.Layouts {
		if strings.TrimSpace(l) == "" {
			return specErr(t.Name, t.Dates.pos.at("layouts"), "dates.layouts", "empty layout")
		}
	}
	if t.Events != nil && t.Interval != nil {
		return bad("events", "a table is events or intervals, not both")
	}
	if t.Events != nil {
		if err := validateEvents(t); err != nil {
			return err
		}
	}
	if iv := t.Interval; iv != nil {
		if iv.Start == "" {
			return specErr(t.Name, iv.pos.line, "interval.start", "intervals need a start column")
		}
		if iv.Overlap != "" && iv.Overlap != features.OverlapSum && iv.Overlap != features.OverlapLatest {
			return specErr(t.Name, iv.pos.at("overlap"), "interval.overlap", "unknown policy %q (sum, latest)", iv.Overlap)
		}
		if iv.ChangeDays < 0 {
			return specErr(t.Name, iv.pos.at("change_days"), "interval.change_days", "negative")
		}
	}
	return nil
}

func validateEvents(t *TableSpec) error {
	e := t.Events
	bad := func(field, format string, args ...any) error {
		return specErr(t.Name, e.pos.at(field), "events."+field, format, args...)
	}
	if t.Time == "" {
		return specErr(t.Name, t.pos.at("events"), "time", "events need a time column")
	}
	if e.Amount != "" && (e.Quantity != "" || e.Price != "") {
		return bad("amount", "amount and quantity/price are exclusive")
	}
	if (e.Quantity == "") != (e.Price == "") {
		return bad("quantity", "quantity and price go together")
	}
	seen := map[int]bool{}
	for _, w := range e.Windows {
		if w <= 0 || seen[w] {
			return bad("windows", "windows must be positive and distinct, got %v", e.Windows)
		}
		seen[w] = true
	}
	if e.TrendDays < 0 {
		return bad("trend_days", "negative")
	}
	for _, st := range e.Stats {
		if st.Column == "" || len(st.Ops) == 0 {
			return specErr(t.Name, st.pos.line, "events.stats", "a statistic needs a column and ops")
		}
		for _, op := range st.Ops {
			switch op {
			case features.StatSum, features.StatMean, features.StatMin, features.StatMax, features.StatFirst, features.StatLast, features.StatDistinct:
			default:
				return &SpecError{Table: t.Name, Column: st.Column, Field: "events.stats.ops", Line: st.pos.at("ops"),
					Err: fmt.Errorf("%w: unknown statistic %q", ErrSpec, op)}
			}
		}
	}
	for _, p := range e.Pivots {
		if p.Column == "" || p.Top < 0 {
			return specErr(t.Name, p.pos.line, "events.pivots", "a pivot needs a column and a top >= 0")
		}
	}
	return nil
}

// chain returns the tables from t to the one holding the account column,
// following via; a loop is ErrCycle.
func (s *Spec) chain(t *TableSpec) ([]*TableSpec, error) {
	path := []*TableSpec{t}
	names := []string{t.Name}
	for cur := t; cur.Via != nil; {
		next := s.table(cur.Via.Table)
		for _, p := range path {
			if p == next {
				return nil, &SpecError{Table: t.Name, Field: "via", Line: cur.Via.pos.line,
					Err: fmt.Errorf("%w: %s -> %s", ErrCycle, strings.Join(names, " -> "), next.Name)}
			}
		}
		path = append(path, next)
		names = append(names, next.Name)
		cur = next
	}
	return path, nil
}

func (s *Spec) validateLabels() error {
	l := s.Labels
	bad := func(field string, line int, format string, args ...any) error {
		return specErr("", line, "labels."+field, format, args...)
	}
	if l.HorizonDays <= 0 {
		return bad("horizon_days", l.pos.at("horizon_days"), "the horizon must be a positive number of days")
	}
	if l.ActiveDays < 0 {
		return bad("active_days", l.pos.at("active_days"), "negative")
	}
	if l.Churn == nil && l.Upsell == nil {
		return bad("churn", l.pos.line, "define churn, upsell or both")
	}
	if c := l.Churn; c != nil {
		if c.Event == nil && c.Subscriptions == "" && c.Inactivity == nil {
			return bad("churn", c.pos.line, "set event, subscriptions or inactivity")
		}
		if err := s.checkRef(c.Event, "churn.event"); err != nil {
			return err
		}
		if err := s.checkRef(c.Inactivity, "churn.inactivity"); err != nil {
			return err
		}
		if err := s.checkIntervals(c.Subscriptions, "churn.subscriptions", c.pos.at("subscriptions")); err != nil {
			return err
		}
	}
	if u := l.Upsell; u != nil {
		if u.Event == nil && u.Subscriptions == "" {
			return bad("upsell", u.pos.line, "set subscriptions, event or both")
		}
		if u.Fraction < 0 {
			return bad("upsell.fraction", u.pos.at("fraction"), "negative")
		}
		if err := s.checkRef(u.Event, "upsell.event"); err != nil {
			return err
		}
		if err := s.checkIntervals(u.Subscriptions, "upsell.subscriptions", u.pos.at("subscriptions")); err != nil {
			return err
		}
	}
	if a, b := s.labelIntervals(); a != "" && b != "" && a != b {
		return bad("upsell.subscriptions", l.Upsell.pos.at("subscriptions"), "churn and upsell use different subscription tables (%q, %q)", a, b)
	}
	return nil
}

func (s *Spec) checkRef(r *EventRef, field string) error {
	if r == nil {
		return nil
	}
	t := s.table(r.Table)
	if t == nil || t.Time == "" || s.isAccounts(t) {
		return specErr(r.Table, r.pos.at("table"), "labels."+field, "not a table of dated rows")
	}
	if w := r.Where; w != nil && (w.Column == "" || (w.Equals == nil) == (w.Above == nil)) {
		return specErr(r.Table, w.pos.line, "labels."+field+".where", "where needs a column and exactly one of equals and above")
	}
	return nil
}

func (s *Spec) checkIntervals(name, field string, line int) error {
	if name == "" {
		return nil
	}
	if t := s.table(name); t == nil || t.Interval == nil {
		return specErr(name, line, "labels."+field, "not an interval table")
	}
	return nil
}

// labelIntervals returns the interval tables named by churn and upsell.
func (s *Spec) labelIntervals() (churn, upsell string) {
	if s.Labels == nil {
		return "", ""
	}
	if s.Labels.Churn != nil {
		churn = s.Labels.Churn.Subscriptions
	}
	if s.Labels.Upsell != nil {
		upsell = s.Labels.Upsell.Subscriptions
	}
	return churn, upsell
}
