package report

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/segmenta/segmenta/dataset"
)

// Roles map what a column means (its role: "churned", "mrr_start", ...) to
// the name the column has in the user's table, so every KPI works on any
// schema. Keys are the Role* constants. A role given here must name a
// column of the table: Profile fails with a *RoleError otherwise, where a
// default name that is absent only makes its figures unavailable.
type Roles map[string]string

// The roles and the ProfileConfig field each one sets.
const (
	RoleID         = "id"          // account ID (the table's ID column, or a column holding the IDs)
	RoleChurned    = "churned"     // ProfileConfig.Churned
	RoleUpsold     = "upsold"      // ProfileConfig.Upsold
	RoleMRRStart   = "mrr_start"   // ProfileConfig.MRRStart
	RoleMRREnd     = "mrr_end"     // ProfileConfig.MRREnd
	RoleARR        = "arr"         // ProfileConfig.ARR
	RoleCSAT       = "csat"        // ProfileConfig.CSAT
	RoleNPS        = "nps"         // ProfileConfig.NPS (the 0-10 answer)
	RoleSignupDate = "signup_date" // ProfileConfig.SignupDate
	RoleTenure     = "tenure"      // ProfileConfig.Tenure (in ProfileConfig.TenureUnit)
	RoleIndustry   = "industry"    // ProfileConfig.Industry
	RoleEmployees  = "employees"   // ProfileConfig.Employees (size)
	RoleCountry    = "country"     // ProfileConfig.Country
	RolePlan       = "plan"        // ProfileConfig.Plan
	RoleLogins     = "logins"      // ProfileConfig.Logins
	RoleAdoption   = "adoption"    // ProfileConfig.Adoption
)

// ErrRole is wrapped by every error about a role: an unknown role name, a
// role given twice with different columns, a role naming an absent column.
var ErrRole = errors.New("report: role")

// RoleNames returns the known roles, sorted.
func RoleNames() []string {
	names := make([]string, 0, len(roleFields))
	for r := range roleFields {
		names = append(names, r)
	}
	sort.Strings(names)
	return names
}

// roleFields maps a role to the ProfileConfig field naming its column.
var roleFields = map[string]func(*ProfileConfig) *string{
	RoleID:         func(c *ProfileConfig) *string { return &c.ID },
	RoleChurned:    func(c *ProfileConfig) *string { return &c.Churned },
	RoleUpsold:     func(c *ProfileConfig) *string { return &c.Upsold },
	RoleMRRStart:   func(c *ProfileConfig) *string { return &c.MRRStart },
	RoleMRREnd:     func(c *ProfileConfig) *string { return &c.MRREnd },
	RoleARR:        func(c *ProfileConfig) *string { return &c.ARR },
	RoleCSAT:       func(c *ProfileConfig) *string { return &c.CSAT },
	RoleNPS:        func(c *ProfileConfig) *string { return &c.NPS },
	RoleSignupDate: func(c *ProfileConfig) *string { return &c.SignupDate },
	RoleTenure:     func(c *ProfileConfig) *string { return &c.Tenure },
	RoleIndustry:   func(c *ProfileConfig) *string { return &c.Industry },
	RoleEmployees:  func(c *ProfileConfig) *string { return &c.Employees },
	RoleCountry:    func(c *ProfileConfig) *string { return &c.Country },
	RolePlan:       func(c *ProfileConfig) *string { return &c.Plan },
	RoleLogins:     func(c *ProfileConfig) *string { return &c.Logins },
	RoleAdoption:   func(c *ProfileConfig) *string { return &c.Adoption },
}

// ParseRoles reads role=column pairs, each argument holding one or several
// separated by commas ("churned=left_us,mrr_start=MRR"), as the CLI's
// repeatable -role flag gives them. An unknown role, a pair without "=" or
// a role given twice with different columns is an error wrapping ErrRole.
func ParseRoles(specs ...string) (Roles, error) {
	r := Roles{}
	for _, s := range specs {
		for _, pair := range strings.Split(s, ",") {
			pair = strings.TrimSpace(pair)
			if pair == "" {
				continue
			}
			role, col, ok := strings.Cut(pair, "=")
			role, col = strings.TrimSpace(role), strings.TrimSpace(col)
			if !ok || role == "" || col == "" {
				return nil, fmt.Errorf("%w %q: want role=column", ErrRole, pair)
			}
			if err := r.Set(role, col); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// Set maps role to column. An unknown role, or a role already mapped to
// another column, is an error wrapping ErrRole: two names for one role
// (say -churn-label and -role churned=...) must agree.
func (r Roles) Set(role, column string) error {
	if _, ok := roleFields[role]; !ok {
		return fmt.Errorf("%w %q unknown (known: %s)", ErrRole, role, strings.Join(RoleNames(), ", "))
	}
	if old, ok := r[role]; ok && old != column {
		return fmt.Errorf("%w %s given twice: %q and %q", ErrRole, role, old, column)
	}
	r[role] = column
	return nil
}

// Merge returns the roles of r and o together; a role the two map to
// different columns is an error wrapping ErrRole.
func (r Roles) Merge(o Roles) (Roles, error) {
	out := Roles{}
	for _, src := range []Roles{r, o} {
		for _, role := range src.sorted() {
			if err := out.Set(role, src[role]); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// Outcomes returns the columns of r measured after the snapshot or used as
// labels (churned, upsold, mrr_end): never features of a model.
func (r Roles) Outcomes() []string {
	var out []string
	for _, role := range []string{RoleMRREnd, RoleChurned, RoleUpsold} {
		if c := r[role]; c != "" && c != "-" {
			out = append(out, c)
		}
	}
	return out
}

func (r Roles) sorted() []string {
	keys := make([]string, 0, len(r))
	for k := range r {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// RoleError is a role naming a column the table does not have, with the
// closest column name as a hint. It wraps ErrRole and
// dataset.ErrColumnNotFound.
type RoleError struct {
	Role, Column, Hint string
}

func (e *RoleError) Error() string {
	msg := fmt.Sprintf("report: role %s: column %q not in the table", e.Role, e.Column)
	if e.Hint != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Hint)
	}
	return msg
}

// Unwrap gives ErrRole and dataset.ErrColumnNotFound.
func (e *RoleError) Unwrap() []error { return []error{ErrRole, dataset.ErrColumnNotFound} }

// CheckRoles checks that every role of r names a column of t (the ID role
// may also name t's ID column). The error is a *RoleError.
func CheckRoles(t *dataset.Table, r Roles) error {
	names := t.Names()
	for _, role := range r.sorted() {
		col := r[role]
		if col == "-" || slices.Contains(names, col) || (role == RoleID && col == t.IDName) {
			continue
		}
		cands := names
		if t.IDName != "" {
			cands = append(slices.Clip(names), t.IDName)
		}
		return &RoleError{Role: role, Column: col, Hint: dataset.ClosestName(col, cands)}
	}
	return nil
}

// apply sets the fields of c that r names, after checking them; unknown
// roles are errors.
func (r Roles) apply(c *ProfileConfig) error {
	for _, role := range r.sorted() {
		f, ok := roleFields[role]
		if !ok {
			return fmt.Errorf("%w %q unknown (known: %s)", ErrRole, role, strings.Join(RoleNames(), ", "))
		}
		*f(c) = r[role]
	}
	return nil
}
