package privacy

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
)

// Rule says how a column was flagged.
type Rule string

// Rules of a Finding.
const (
	RuleName   Rule = "name"   // the column name (ClassifyName)
	RuleValues Rule = "values" // the column's values (Detector)
)

// Finding is one flagged column. It names the column, the rule and the
// kind, with the counts of the value rule; it never holds a value.
type Finding struct {
	Column string `json:"column"`
	Rule   Rule   `json:"rule"`
	Kind   Kind   `json:"kind"`
	// Matched and Sampled (value rule only): sampled non-missing values
	// that matched, and sampled non-missing values.
	Matched int `json:"matched,omitempty"`
	Sampled int `json:"sampled,omitempty"`
	// Allowed: the column is listed in Guard.Allow, so it may be used as a
	// feature anyway.
	Allowed bool `json:"allowed,omitempty"`
}

// Share returns Matched / Sampled (0 for the name rule).
func (f Finding) Share() float64 {
	return ValueMatch{Kind: f.Kind, Matched: f.Matched, Sampled: f.Sampled}.Share()
}

// Reason says in words why the column was flagged, without any value:
//
//	name looks like personal data (e-mail addresses)
//	name looks like a protected attribute (gender)
//	name looks like a proxy for a protected attribute (salutations, a proxy for gender)
//	values look like personal data (mostly phone numbers): 28 of 30 sampled values match
func (f Finding) Reason() string {
	subject := "name looks"
	if f.Rule == RuleValues {
		subject = "values look"
	}
	var what string
	switch {
	case f.Kind.Proxy():
		what = fmt.Sprintf("like a proxy for a protected attribute (%s, a proxy for %s)", f.Kind.Text(), f.Kind.Attribute().Text())
	case f.Kind.Protected():
		what = fmt.Sprintf("like a protected attribute (%s)", f.Kind.Text())
	case f.Rule == RuleValues:
		what = fmt.Sprintf("like personal data (mostly %s)", f.Kind.Text())
	default:
		what = fmt.Sprintf("like personal data (%s)", f.Kind.Text())
	}
	if f.Rule != RuleValues {
		return subject + " " + what
	}
	return fmt.Sprintf("%s %s: %d of %d sampled values match", subject, what, f.Matched, f.Sampled)
}

// String is the column and the reason, and "allowed" when it is.
func (f Finding) String() string {
	s := fmt.Sprintf("column %q: %s", f.Column, f.Reason())
	if f.Allowed {
		s += " (allowed)"
	}
	return s
}

// Guard finds personal data and protected attributes in a table. The zero
// value checks names and values with the Detector defaults.
type Guard struct {
	// Detector examines the values of columns whose name passed.
	Detector Detector
	// Allow lists columns that may be used although they look personal or
	// protected: they are still reported, with Finding.Allowed set.
	Allow []string
}

// Column checks one column: its name first, then its values.
func (g Guard) Column(c *dataset.Column) (Finding, bool) {
	f, ok := g.Name(c.Name)
	if !ok {
		var m ValueMatch
		if m, ok = g.Detector.Column(c); ok {
			f = Finding{Column: c.Name, Rule: RuleValues, Kind: m.Kind, Matched: m.Matched, Sampled: m.Sampled}
		}
	}
	f.Allowed = ok && g.allowed(c.Name)
	return f, ok
}

// Name checks a column name only, for when the values are not at hand.
func (g Guard) Name(column string) (Finding, bool) {
	k, ok := ClassifyName(column)
	if !ok {
		return Finding{}, false
	}
	return Finding{Column: column, Rule: RuleName, Kind: k, Allowed: g.allowed(column)}, true
}

func (g Guard) allowed(column string) bool {
	for _, a := range g.Allow {
		if a == column {
			return true
		}
	}
	return false
}

// Check returns the findings of every column of t, in column order. The
// table's ID column is not among them: see IDs.
func (g Guard) Check(t *dataset.Table) []Finding {
	var out []Finding
	for _, c := range t.Columns() {
		if f, ok := g.Column(c); ok {
			out = append(out, f)
		}
	}
	return out
}

// Protected returns the findings of t whose kind is a protected attribute
// or a proxy for one (Kind.Protected): the columns a fairness audit
// compares segments and scores across.
func (g Guard) Protected(t *dataset.Table) []Finding {
	var out []Finding
	for _, f := range g.Check(t) {
		if f.Kind.Protected() {
			out = append(out, f)
		}
	}
	return out
}

// IDs checks the account IDs of t by value (e-mail addresses used as IDs,
// for example): IDs that look personal should be pseudonymised in every
// output. The finding's Column is t.IDName.
func (g Guard) IDs(t *dataset.Table) (Finding, bool) {
	if t.IDs == nil {
		return Finding{}, false
	}
	m, ok := g.Detector.Column(&dataset.Column{Name: t.IDName, Kind: dataset.Categorical, Str: t.IDs})
	if !ok {
		return Finding{}, false
	}
	return Finding{Column: t.IDName, Rule: RuleValues, Kind: m.Kind, Matched: m.Matched, Sampled: m.Sampled}, true
}
