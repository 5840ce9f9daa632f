package main

import (
	"flag"
	"sort"
	"strings"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/report"
)

// roleFlag is the repeatable -role ROLE=COLUMN flag (pairs may also be
// separated by commas).
type roleFlag struct{ specs []string }

func (r *roleFlag) String() string { return strings.Join(r.specs, ",") }

func (r *roleFlag) Set(s string) error {
	if _, err := report.ParseRoles(s); err != nil {
		return err
	}
	r.specs = append(r.specs, s)
	return nil
}

func addRoleFlag(fs *flag.FlagSet) *roleFlag {
	r := &roleFlag{}
	fs.Var(r, "role", "map a role to a column: `ROLE=COLUMN` (repeatable, or comma-separated); roles: "+strings.Join(report.RoleNames(), ", "))
	return r
}

// layer is the roles of one source (the config file, or the flags) with
// the older names of three of them: churn and upsell labels and the ID
// column. Within a source, both names of a role must agree.
func layer(roles map[string]string, churn, upsell, id string) (report.Roles, error) {
	out := report.Roles{}
	keys := make([]string, 0, len(roles))
	for k := range roles {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := out.Set(k, roles[k]); err != nil {
			return nil, err
		}
	}
	for role, col := range map[string]string{report.RoleChurned: churn, report.RoleUpsold: upsell, report.RoleID: id} {
		if col != "" {
			if err := out.Set(role, col); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// resolveRoles returns the roles of the config file overridden by those of
// the flags (-role, -churn-label, -upsell-label, -id as set), and writes
// the labels and the ID column back into fc: the roles are the one source
// of truth. A role given two different columns in one source is a usage
// error.
func resolveRoles(fc *fileConfig, rf *roleFlag, set map[string]bool, churn, upsell, id string) (report.Roles, error) {
	file, err := layer(fc.Roles, fc.ChurnLabel, fc.UpsellLabel, fc.IDColumn)
	if err != nil {
		return nil, usagef("config: %v", err)
	}
	flagRoles, err := report.ParseRoles(rf.specs...)
	if err != nil {
		return nil, usagef("%v", err)
	}
	pick := func(name, v string) string {
		if set[name] {
			return v
		}
		return ""
	}
	flags, err := layer(flagRoles, pick("churn-label", churn), pick("upsell-label", upsell), pick("id", id))
	if err != nil {
		return nil, usagef("flags: %v", err)
	}
	for role, col := range flags {
		file[role] = col
	}
	fc.ChurnLabel, fc.UpsellLabel, fc.IDColumn = file[report.RoleChurned], file[report.RoleUpsold], file[report.RoleID]
	return file, nil
}

// outcomes adds the roles measured after the snapshot (mrr_end, the
// labels) to the columns a fit never uses as features.
func outcomes(cfg []string, roles report.Roles) []string {
	if len(roles.Outcomes()) == 0 {
		return cfg
	}
	if cfg == nil {
		cfg = segmenta.DefaultOutcomes
	}
	return append(append([]string(nil), cfg...), roles.Outcomes()...)
}
